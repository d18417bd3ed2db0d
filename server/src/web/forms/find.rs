//! `POST /find` and `POST /d/signout`: a citizen opens one decision with its reference and
//! access code, and ends that access. A wrong pair never says which half was wrong. The
//! reference typed comes back into the form; the access code never does (it is the secret
//! half, and the flash cookie would carry it), and the messages say so.

use super::{client_ip, csrf_ok, locale, redirect_with_flash, secure_cookies};
use crate::auth::citizen_token::{self, LIFETIME_SECS};
use crate::domain::reference::{AccessCode, DecisionReference};
use crate::services::access::{self, Opening};
use crate::services::ServiceError;
use crate::state::AppState;
use crate::web::error::WebError;
use crate::web::{cookies, flash};
use actix_web::{web, HttpRequest, HttpResponse};
use app::types::{FormError, Notice};
use serde::Deserialize;

const FORM: &str = "find";

/// The find form as posted.
#[derive(Deserialize)]
pub struct FindForm {
    #[serde(default)]
    reference: String,
    #[serde(default)]
    access_code: String,
    #[serde(default)]
    csrf_token: String,
}

/// Opens the decision for this browser, or sends the person back with the reference kept.
pub async fn post(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<FindForm>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    let typed_reference = form.reference.clone();
    let back = |errors| {
        redirect_with_flash(
            &req,
            "/find",
            &flash::with_errors(FORM, &[("reference", typed_reference.as_str())], errors),
        )
    };
    if !csrf_ok(&req, &form.csrf_token) {
        return Ok(back(vec![flash::field_error("reference", FormError::Csrf)]));
    }
    let mut errors = Vec::new();
    let reference = if form.reference.trim().is_empty() {
        errors.push(flash::field_error(
            "reference",
            FormError::ReferenceRequired,
        ));
        None
    } else {
        let parsed = DecisionReference::parse(&form.reference);
        if parsed.is_none() {
            errors.push(flash::field_error("reference", FormError::ReferenceFormat));
        }
        parsed
    };
    let code = if form.access_code.trim().is_empty() {
        errors.push(flash::field_error(
            "access_code",
            FormError::AccessCodeRequired,
        ));
        None
    } else {
        let parsed = AccessCode::parse(&form.access_code);
        if parsed.is_none() {
            errors.push(flash::field_error(
                "access_code",
                FormError::AccessCodeFormat,
            ));
        }
        parsed
    };
    let (Some(reference), Some(code), true) = (reference, code, errors.is_empty()) else {
        return Ok(back(errors));
    };

    let ip = client_ip(&req);
    let reader = locale(&req);
    let worker = state.clone();
    let wanted = reference.clone();
    let outcome = web::block(move || -> Result<Opening, ServiceError> {
        let mut conn = worker.pool.get().map_err(anyhow::Error::from)?;
        access::open_with_code(
            &mut conn,
            &worker.keys,
            &worker.settings.rate_limit,
            &wanted,
            &code,
            &ip,
            chrono::Utc::now(),
        )
    })
    .await
    .map_err(|e| WebError::unexpected(anyhow::anyhow!(e), reader))?
    .map_err(|e| WebError::unexpected(anyhow::Error::from(e), reader))?;

    match outcome {
        Opening::Opened { generation } => {
            let token = state
                .citizen_tokens
                .issue(
                    reference.as_str(),
                    &generation,
                    chrono::Utc::now().timestamp(),
                )
                .map_err(|e| WebError::unexpected(e, reader))?;
            Ok(
                crate::web::redirect::see_other(&format!("/d/{}", reference.as_str()))
                    .cookie(cookies::build(
                        citizen_token::COOKIE,
                        token,
                        Some(LIFETIME_SECS),
                        secure_cookies(&req),
                    ))
                    .finish(),
            )
        }
        // Which half was wrong is never said; the message is on the access code, the half that
        // must be typed again (it is never sent back into the page), with the reference kept.
        Opening::Mismatch => Ok(back(vec![flash::field_error(
            "access_code",
            FormError::FindMismatch,
        )])),
        Opening::RateLimited => Ok(back(vec![flash::field_error(
            "reference",
            FormError::FindRateLimited,
        )])),
    }
}

/// The end-access form as posted.
#[derive(Deserialize)]
pub struct EndForm {
    #[serde(default)]
    csrf_token: String,
}

/// Ends this browser's access to the decision.
pub async fn end(req: HttpRequest, form: web::Form<EndForm>) -> HttpResponse {
    if !csrf_ok(&req, &form.csrf_token) {
        return redirect_with_flash(
            &req,
            "/find",
            &flash::with_errors(
                FORM,
                &[],
                vec![flash::field_error("reference", FormError::Csrf)],
            ),
        );
    }
    let mut response =
        redirect_with_flash(&req, "/find", &flash::notice(FORM, Notice::DecisionClosed));
    if let Err(error) = response.add_cookie(&cookies::removal(
        citizen_token::COOKIE,
        secure_cookies(&req),
    )) {
        tracing::warn!(%error, "cannot clear the decision cookie");
    }
    response
}
