//! `POST /staff/password`: checks the current password, applies the policy to the new one,
//! ends every other session, and keeps this one signed in (`services::accounts`).

use super::{csrf_ok, locale, redirect_with_flash, secure_cookies};
use crate::auth::{password, session};
use crate::services::accounts::{self, PasswordChange};
use crate::services::ServiceError;
use crate::state::AppState;
use crate::web::error::WebError;
use crate::web::{cookies, flash};
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use app::port::StaffPrincipal;
use app::types::{FormError, Notice};
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

/// Changes the signed-in staff member's password.
pub async fn post(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, WebError> {
    let Some(principal) = req.extensions().get::<StaffPrincipal>().cloned() else {
        return Ok(crate::web::redirect::see_other("/staff/signin").finish());
    };
    let form = form.into_inner();
    if !csrf_ok(&req, &form.csrf_token) {
        let errors = vec![flash::field_error("current_password", FormError::Csrf)];
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
            FormError::PasswordRequired,
        ));
    }
    let known = [
        principal.identity.email.as_str(),
        principal.identity.display_name.as_str(),
    ];
    if let Some(code) = password::policy_error(&form.new_password, &known) {
        errors.push(flash::field_error("new_password", code));
    } else if form.new_password == form.current_password {
        errors.push(flash::field_error("new_password", FormError::PasswordSame));
    }
    if form.confirm_password != form.new_password {
        errors.push(flash::field_error(
            "confirm_password",
            FormError::PasswordMismatch,
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
    let outcome = web::block(move || -> Result<PasswordChange, ServiceError> {
        let mut conn = worker_state.pool.get().map_err(anyhow::Error::from)?;
        accounts::change_password(
            &mut conn,
            &worker_state.session_tokens,
            &principal,
            &form.current_password,
            &form.new_password,
            chrono::Utc::now(),
        )
    })
    .await
    .map_err(|e| WebError::unexpected(anyhow::anyhow!(e), reader))?
    .map_err(|e| WebError::unexpected(anyhow::Error::from(e), reader))?;
    Ok(match outcome {
        PasswordChange::WrongCurrentPassword => {
            let errors = vec![flash::field_error(
                "current_password",
                FormError::CurrentPasswordWrong,
            )];
            redirect_with_flash(&req, PAGE, &flash::with_errors(FORM, &[], errors))
        }
        PasswordChange::TooManyAttempts => {
            let errors = vec![flash::field_error(
                "current_password",
                FormError::PasswordAttempts,
            )];
            redirect_with_flash(&req, PAGE, &flash::with_errors(FORM, &[], errors))
        }
        PasswordChange::Changed { token } => {
            let mut response =
                redirect_with_flash(&req, PAGE, &flash::notice(FORM, Notice::PasswordChanged));
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
