//! `POST /register/{slug}/flag`: anyone may report an error in a register entry; the report
//! is stored for the owning agency's supervisors (`services::register_flags`).

use super::{client_ip, csrf_ok, locale, redirect_with_flash};
use crate::services::register_flags::{self, FlagReport, Reported};
use crate::services::ServiceError;
use crate::state::AppState;
use crate::web::error::WebError;
use crate::web::flash;
use actix_web::{web, HttpRequest, HttpResponse};
use app::types::{FormError, Notice};
use serde::Deserialize;

const FORM: &str = "flag";
const MAX_MESSAGE_CHARS: usize = 2_000;

/// The flag form as posted.
#[derive(Deserialize)]
pub struct FlagForm {
    #[serde(default)]
    message: String,
    #[serde(default)]
    contact_email: String,
    #[serde(default)]
    csrf_token: String,
}

/// Stores the report, or sends the person back with what they typed.
pub async fn post(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    form: web::Form<FlagForm>,
) -> Result<HttpResponse, WebError> {
    let slug = slug.into_inner();
    let form = form.into_inner();
    let page = format!("/register/{slug}#flag");
    let kept = [
        ("message", form.message.as_str()),
        ("contact_email", form.contact_email.as_str()),
    ];
    let back = |errors| redirect_with_flash(&req, &page, &flash::with_errors(FORM, &kept, errors));
    if !csrf_ok(&req, &form.csrf_token) {
        return Ok(back(vec![flash::field_error("message", FormError::Csrf)]));
    }
    let message = form.message.trim().to_string();
    let email = form.contact_email.trim().to_string();
    let mut errors = Vec::new();
    if message.is_empty() {
        errors.push(flash::field_error(
            "message",
            FormError::FlagMessageRequired,
        ));
    } else if message.chars().count() > MAX_MESSAGE_CHARS {
        errors.push(flash::field_error("message", FormError::FlagMessageTooLong));
    }
    if !email.is_empty()
        && (!email.contains('@') || email.contains(char::is_whitespace) || email.len() > 254)
    {
        errors.push(flash::field_error("contact_email", FormError::EmailInvalid));
    }
    if !errors.is_empty() {
        return Ok(back(errors));
    }
    let report = FlagReport {
        message,
        contact_email: (!email.is_empty()).then_some(email),
    };
    let ip = client_ip(&req);
    let reader = locale(&req);
    let worker = state.clone();
    let outcome = web::block(move || -> Result<Reported, ServiceError> {
        let mut conn = worker.pool.get().map_err(anyhow::Error::from)?;
        register_flags::report(
            &mut conn,
            &worker.settings.rate_limit,
            &slug,
            &report,
            &ip,
            chrono::Utc::now(),
        )
    })
    .await
    .map_err(|e| WebError::unexpected(anyhow::anyhow!(e), reader))?;
    Ok(match outcome {
        Ok(Reported::Stored) => {
            redirect_with_flash(&req, &page, &flash::notice(FORM, Notice::FlagStored))
        }
        Ok(Reported::RateLimited) => back(vec![flash::field_error(
            "message",
            FormError::FlagRateLimited,
        )]),
        Err(ServiceError::NotFound) => HttpResponse::NotFound().finish(),
        Err(error) => return Err(WebError::unexpected(anyhow::Error::from(error), reader)),
    })
}
