//! `POST /staff/flags/{id}`: the supervisor of the agency owning the entry moves an error
//! report on (acknowledged, answered, resolved) with a reply the public reads
//! (`services::register_flags::respond`). Anyone else gets 404.

use super::{csrf_ok, locale, redirect_with_flash};
use crate::services::register_flags;
use crate::services::ServiceError;
use crate::state::AppState;
use crate::web::error::WebError;
use crate::web::flash;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use app::port::StaffPrincipal;
use app::types::{FlagStatus, FormError, Notice, Role, FLAG_RESPONSE_FORM};
use serde::Deserialize;

/// The reply form as posted.
#[derive(Deserialize)]
pub struct RespondForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    reply: String,
    #[serde(default)]
    csrf_token: String,
}

/// Saves the report's status and reply, or sends the supervisor back with what is wrong.
pub async fn post(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<RespondForm>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    let form = form.into_inner();
    let principal = req.extensions().get::<StaffPrincipal>().cloned();
    let Some(principal) = principal.filter(|p| p.role == Role::Supervisor) else {
        return Ok(HttpResponse::NotFound().finish());
    };
    let page = format!("/staff/flags#flag-{id}");
    let reply_field = format!("reply-{id}");
    let kept = [(reply_field.as_str(), form.reply.as_str())];
    let back = |code: FormError| {
        redirect_with_flash(
            &req,
            &page,
            &flash::with_errors(
                FLAG_RESPONSE_FORM,
                &kept,
                vec![flash::field_error(&reply_field, code)],
            ),
        )
    };
    if !csrf_ok(&req, &form.csrf_token) {
        return Ok(back(FormError::Csrf));
    }
    let Some(status) = FlagStatus::parse(&form.status) else {
        return Ok(back(FormError::FieldInvalid));
    };
    let reader = locale(&req);
    let worker = state.clone();
    let reply = form.reply.clone();
    let outcome = web::block(move || -> Result<(), ServiceError> {
        let mut conn = worker.pool.get().map_err(anyhow::Error::from)?;
        register_flags::respond(
            &mut conn,
            &principal,
            id,
            status,
            &reply,
            chrono::Utc::now(),
        )
    })
    .await
    .map_err(|e| WebError::unexpected(anyhow::anyhow!(e), reader))?;
    Ok(match outcome {
        Ok(()) => redirect_with_flash(
            &req,
            &page,
            &flash::notice(FLAG_RESPONSE_FORM, Notice::FlagUpdated),
        ),
        Err(ServiceError::Invalid(problems)) => {
            let reason = problems.first().map(|p| p.reason.as_str()).unwrap_or("");
            back(crate::domain::validator::reason_code(reason))
        }
        Err(ServiceError::NotFound) => HttpResponse::NotFound().finish(),
        Err(error) => return Err(WebError::unexpected(anyhow::Error::from(error), reader)),
    })
}
