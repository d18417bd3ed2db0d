//! `POST /staff/signout`: revokes the session on the server (`services::staff_sessions`),
//! not just the cookie.

use super::{csrf_ok, locale, page_context, redirect_with_flash, secure_cookies};
use crate::auth::session;
use crate::services::staff_sessions;
use crate::services::ServiceError;
use crate::state::AppState;
use crate::web::error::WebError;
use crate::web::{cookies, flash};
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use app::port::StaffPrincipal;
use app::types::Notice;
use serde::Deserialize;

/// The sign-out form as posted.
#[derive(Deserialize)]
pub struct SignOutForm {
    #[serde(default)]
    csrf_token: String,
}

/// Signs the staff member out.
pub async fn post(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<SignOutForm>,
) -> Result<HttpResponse, WebError> {
    let principal = req.extensions().get::<StaffPrincipal>().cloned();
    if !csrf_ok(&req, &form.csrf_token) {
        let _ = page_context(&req);
        return Ok(redirect_with_flash(
            &req,
            "/staff",
            &flash::notice("staff", Notice::FormExpired),
        ));
    }
    if let Some(principal) = principal {
        let reader = locale(&req);
        let lifetime = state.session_tokens.lifetime_secs();
        let pool = state.pool.clone();
        web::block(move || -> Result<(), ServiceError> {
            let mut conn = pool.get().map_err(anyhow::Error::from)?;
            staff_sessions::sign_out(&mut conn, &principal, lifetime, chrono::Utc::now())
        })
        .await
        .map_err(|e| WebError::unexpected(anyhow::anyhow!(e), reader))?
        .map_err(|e| WebError::unexpected(anyhow::Error::from(e), reader))?;
    }
    let mut response = redirect_with_flash(
        &req,
        "/staff/signin",
        &flash::notice("signin", Notice::SignedOut),
    );
    if let Err(error) =
        response.add_cookie(&cookies::removal(session::COOKIE, secure_cookies(&req)))
    {
        tracing::warn!(%error, "cannot clear session cookie");
    }
    Ok(response)
}
