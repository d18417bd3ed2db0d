//! `POST /admin/staff/{id}/two-factor/reset`: an admin removes a staff member's authenticator
//! (a lost phone, no recovery code left). Audited by the service (`services::two_factor`).

use super::{csrf_ok, locale, redirect_with_flash, with_connection};
use crate::services::{two_factor, ServiceError};
use crate::state::AppState;
use crate::web::error::WebError;
use crate::web::flash;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use app::port::StaffPrincipal;
use app::types::{Notice, Role};
use serde::Deserialize;

/// The page and the flash form name.
pub const PAGE: &str = "/admin/staff";
pub const FORM: &str = "staff_accounts";

/// The reset form as posted.
#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    csrf_token: String,
}

/// Resets the account's two-factor sign-in.
pub async fn reset_two_factor(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<ResetForm>,
) -> Result<HttpResponse, WebError> {
    if !csrf_ok(&req, &form.csrf_token) {
        return Ok(redirect_with_flash(
            &req,
            PAGE,
            &flash::notice(FORM, Notice::FormExpired),
        ));
    }
    let principal = req.extensions().get::<StaffPrincipal>().cloned();
    let Some(admin) = principal.filter(|p| p.role == Role::Admin) else {
        return Ok(HttpResponse::NotFound().finish());
    };
    let target = path.into_inner();
    let reset = with_connection(
        &state,
        locale(&req),
        move |conn| match two_factor::reset_by_admin(conn, &admin, target, chrono::Utc::now()) {
            Ok(()) => Ok(true),
            Err(ServiceError::NotFound) => Ok(false),
            Err(other) => Err(anyhow::Error::from(other)),
        },
    )
    .await?;
    if !reset {
        return Ok(HttpResponse::NotFound().finish());
    }
    Ok(redirect_with_flash(
        &req,
        PAGE,
        &flash::notice(FORM, Notice::TwoFactorReset),
    ))
}
