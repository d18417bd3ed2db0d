//! `POST /admin/outbox/{id}/retry`: an admin queues a failed message again.

use super::{csrf_ok, locale, redirect_with_flash, with_connection};
use crate::db::models::audit::Actor;
use crate::services::{outbox_admin, ServiceError};
use crate::state::AppState;
use crate::web::error::WebError;
use crate::web::flash;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use app::port::StaffPrincipal;
use app::types::{Notice, Role};
use serde::Deserialize;

const FORM: &str = "outbox";
const PAGE: &str = "/admin/outbox?status=failed";

/// The retry form as posted.
#[derive(Deserialize)]
pub struct RetryForm {
    #[serde(default)]
    csrf_token: String,
}

/// Re-queues the message.
pub async fn post(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<RetryForm>,
) -> Result<HttpResponse, WebError> {
    if !csrf_ok(&req, &form.csrf_token) {
        return Ok(redirect_with_flash(
            &req,
            PAGE,
            &flash::notice(FORM, Notice::FormExpired),
        ));
    }
    let principal = req.extensions().get::<StaffPrincipal>().cloned();
    let Some(principal) = principal.filter(|p| p.role == Role::Admin) else {
        return Ok(HttpResponse::NotFound().finish());
    };
    let id = path.into_inner();
    let retried = with_connection(&state, locale(&req), move |conn| match outbox_admin::retry(
        conn,
        Actor::principal(&principal),
        id,
        chrono::Utc::now(),
    ) {
        Ok(()) => Ok(true),
        Err(ServiceError::NotFound) => Ok(false),
        Err(other) => Err(anyhow::Error::from(other)),
    })
    .await?;
    if !retried {
        return Ok(HttpResponse::NotFound().finish());
    }
    Ok(redirect_with_flash(
        &req,
        PAGE,
        &flash::notice(FORM, Notice::MessageRequeued),
    ))
}
