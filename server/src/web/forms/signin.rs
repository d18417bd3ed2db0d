//! `POST /staff/signin`: the password; then, where the account has an authenticator or its
//! role requires one, on to the code (`signin_code`).

use super::{client_ip, csrf_ok, locale, redirect_with_flash, secure_cookies};
use crate::auth::signin_step;
use crate::services::staff_sessions::{self, SignInOutcome};
use crate::services::ServiceError;
use crate::state::AppState;
use crate::web::error::WebError;
use crate::web::{cookies, flash};
use actix_web::{web, HttpRequest, HttpResponse};
use app::types::FormError;
use serde::Deserialize;

const FORM: &str = "signin";

/// The sign-in form as posted.
#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf_token: String,
}

/// Signs a staff member in, or sends them back to the form with the email kept.
#[tracing::instrument(skip_all, fields(email = %form.email))]
pub async fn post(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<SignInForm>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    let typed_email = form.email.clone();
    let kept = [("email", typed_email.as_str())];
    let back = |errors| {
        redirect_with_flash(
            &req,
            "/staff/signin",
            &flash::with_errors(FORM, &kept, errors),
        )
    };
    if !csrf_ok(&req, &form.csrf_token) {
        return Ok(back(vec![flash::field_error("email", FormError::Csrf)]));
    }
    let mut errors = Vec::new();
    let email = form.email.trim();
    if email.is_empty() {
        errors.push(flash::field_error("email", FormError::EmailRequired));
    } else if !looks_like_email(email) {
        errors.push(flash::field_error("email", FormError::EmailInvalid));
    }
    if form.password.is_empty() {
        errors.push(flash::field_error("password", FormError::PasswordRequired));
    }
    if !errors.is_empty() {
        return Ok(back(errors));
    }

    let ip = client_ip(&req);
    let reader = locale(&req);
    let worker_state = state.clone();
    let outcome = web::block(move || -> Result<SignInOutcome, ServiceError> {
        let mut conn = worker_state.pool.get().map_err(anyhow::Error::from)?;
        staff_sessions::sign_in(
            &mut conn,
            super::signin_code::sign_in_context(&worker_state),
            staff_sessions::SignInAttempt {
                email: &form.email,
                password: &form.password,
                client_ip: &ip,
                language: reader,
            },
            chrono::Utc::now(),
        )
    })
    .await
    .map_err(|e| WebError::unexpected(anyhow::anyhow!(e), reader))?
    .map_err(|e| WebError::unexpected(anyhow::Error::from(e), reader))?;

    Ok(match outcome {
        SignInOutcome::SignedIn { token, .. } => {
            super::signin_code::signed_in(&req, &state, token, None)
        }
        SignInOutcome::NextStep { token, step } => {
            crate::web::redirect::see_other(super::signin_code::page_of(step))
                .cookie(cookies::build(
                    signin_step::COOKIE,
                    token,
                    Some(signin_step::LIFETIME_SECS),
                    secure_cookies(&req),
                ))
                .finish()
        }
        SignInOutcome::Refused => back(vec![flash::field_error(
            "email",
            FormError::CredentialsInvalid,
        )]),
        SignInOutcome::RateLimited => {
            back(vec![flash::field_error("email", FormError::RateLimited)])
        }
    })
}

/// A light check: one `@` with text either side and a dot in the domain. The real test is the account.
fn looks_like_email(email: &str) -> bool {
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.contains(char::is_whitespace)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::looks_like_email;

    #[test]
    fn email_format_check_accepts_addresses_and_refuses_the_rest() {
        assert!(looks_like_email("a.b@agency.gov.kz"));
        assert!(!looks_like_email("agency.gov.kz"));
        assert!(!looks_like_email("a@kz"));
        assert!(!looks_like_email("a b@agency.kz"));
    }
}
