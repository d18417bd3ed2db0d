//! `POST /staff/password`: checks the current password, applies the policy to the new one,
//! ends every other session, and keeps this one signed in.

use super::{csrf_ok, locale, redirect_with_flash, secure_cookies};
use crate::auth::{password, session};
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::models::{revoked_session, user};
use crate::db::write_transaction;
use crate::state::AppState;
use crate::web::error::WebError;
use crate::web::{cookies, flash};
use actix_web::http::header;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use app::port::StaffPrincipal;
use app::types::FieldError;
use serde::Deserialize;

const FORM: &str = "password";
const PAGE: &str = "/staff/password";

/// The change-password form as posted.
#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
    #[serde(default)]
    csrf_token: String,
}

/// What the check of the form came to.
enum Outcome {
    Invalid(Vec<FieldError>),
    Changed { token: String },
}

/// Changes the signed-in staff member's password.
pub async fn post(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, WebError> {
    let Some(principal) = req.extensions().get::<StaffPrincipal>().cloned() else {
        return Ok(HttpResponse::SeeOther()
            .insert_header((header::LOCATION, "/staff/signin"))
            .finish());
    };
    let form = form.into_inner();
    if !csrf_ok(&req, &form.csrf_token) {
        let errors = vec![flash::field_error("current_password", "error_csrf")];
        return Ok(redirect_with_flash(
            &req,
            PAGE,
            &flash::with_errors(FORM, &[], errors),
        ));
    }
    let mut errors = Vec::new();
    if form.current_password.is_empty() {
        errors.push(flash::field_error(
            "current_password",
            "error_password_required",
        ));
    }
    if let Some(code) = password::policy_error(&form.new_password) {
        errors.push(flash::field_error("new_password", code));
    } else if form.new_password == form.current_password {
        errors.push(flash::field_error("new_password", "error_password_same"));
    }
    if form.confirm_password != form.new_password {
        errors.push(flash::field_error(
            "confirm_password",
            "error_password_mismatch",
        ));
    }
    if !errors.is_empty() {
        return Ok(redirect_with_flash(
            &req,
            PAGE,
            &flash::with_errors(FORM, &[], errors),
        ));
    }

    let reader = locale(&req);
    let worker_state = state.clone();
    let outcome = web::block(move || change_password(&worker_state, &principal, &form))
        .await
        .map_err(|e| WebError::unexpected(anyhow::anyhow!(e), reader))?
        .map_err(|e| WebError::unexpected(e, reader))?;
    Ok(match outcome {
        Outcome::Invalid(errors) => {
            redirect_with_flash(&req, PAGE, &flash::with_errors(FORM, &[], errors))
        }
        Outcome::Changed { token } => {
            let mut response =
                redirect_with_flash(&req, PAGE, &flash::notice(FORM, "notice_password_changed"));
            let cookie = cookies::build(
                session::COOKIE,
                token,
                Some(state.session_tokens.lifetime_secs()),
                secure_cookies(&req),
            );
            if let Err(error) = response.add_cookie(&cookie) {
                tracing::warn!(%error, "cannot set session cookie");
            }
            response
        }
    })
}

fn change_password(
    state: &AppState,
    principal: &StaffPrincipal,
    form: &PasswordForm,
) -> anyhow::Result<Outcome> {
    let mut conn = state.pool.get()?;
    let Some(account) = user::find_by_id(&mut conn, principal.user_id)? else {
        anyhow::bail!("signed-in user {} no longer exists", principal.user_id);
    };
    if !password::verify(&form.current_password, &account.password_hash) {
        return Ok(Outcome::Invalid(vec![flash::field_error(
            "current_password",
            "error_current_password_wrong",
        )]));
    }
    let new_hash = password::hash(&form.new_password)?;
    // Whole seconds, because tokens record sign-in time in seconds.
    let now_secs = chrono::Utc::now().timestamp();
    let now = chrono::DateTime::from_timestamp(now_secs, 0)
        .map(|t| t.naive_utc())
        .ok_or_else(|| anyhow::anyhow!("clock out of range"))?;
    let lifetime = state.session_tokens.lifetime_secs();
    write_transaction(&mut conn, |conn| -> anyhow::Result<()> {
        user::set_password_hash(conn, account.id, &new_hash, now)?;
        revoked_session::revoke(
            conn,
            &principal.session_id,
            now,
            now + chrono::Duration::seconds(lifetime),
        )?;
        audit::append(
            conn,
            AuditEvent {
                actor: Actor::staff(account.id, &account.role, account.agency_id),
                action: "staff.password_changed",
                subject_kind: "user",
                subject_id: account.id.to_string(),
                details: serde_json::json!({}),
            },
            now,
        )?;
        Ok(())
    })?;
    let (token, _) = state.session_tokens.issue(
        account.id,
        &crate::secrets::random_token(),
        now_secs,
        now_secs,
    )?;
    Ok(Outcome::Changed { token })
}
