//! Citizens signing in by email (docs/notifications.md): `POST /signin` asks for a link,
//! `POST /signin/link` uses it (a button on the page the link opens, so a mail scanner that
//! fetches links does not use it up), `POST /confirm` confirms an address given on a
//! challenge, `POST /me/signout` ends the session.

use super::{client_ip, csrf_ok, locale, redirect_with_flash, secure_cookies, with_connection};
use crate::auth::citizen_session::{self, LIFETIME_SECS};
use crate::services::citizen_sign_in::{self, LinkRequest};
use crate::services::ServiceError;
use crate::state::AppState;
use crate::web::error::WebError;
use crate::web::{cookies, flash};
use actix_web::{web, HttpRequest, HttpResponse};
use app::types::{FormError, Notice};
use serde::Deserialize;

const FORM: &str = "citizen_signin";

/// The address form as posted.
#[derive(Deserialize)]
pub struct AddressForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    csrf_token: String,
}

/// Asks for a sign-in link; answers alike whether or not the address is known.
pub async fn request_link(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<AddressForm>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    let typed = form.email.clone();
    let back = |code| {
        redirect_with_flash(
            &req,
            "/signin",
            &flash::with_errors(
                FORM,
                &[("email", typed.as_str())],
                vec![flash::field_error("email", code)],
            ),
        )
    };
    if !csrf_ok(&req, &form.csrf_token) {
        return Ok(back(FormError::Csrf));
    }
    if form.email.trim().is_empty() {
        return Ok(back(FormError::EmailRequired));
    }
    let reader = locale(&req);
    let ip = client_ip(&req);
    let limits = state.settings.rate_limit.clone();
    let email = form.email.clone();
    let outcome = with_connection(
        &state,
        reader,
        move |conn| match citizen_sign_in::request_link(
            conn,
            &limits,
            &email,
            &ip,
            reader,
            chrono::Utc::now(),
        ) {
            Ok(outcome) => Ok(Some(outcome)),
            Err(ServiceError::Invalid(_)) => Ok(None),
            Err(other) => Err(anyhow::Error::from(other)),
        },
    )
    .await?;
    Ok(match outcome {
        None => back(FormError::EmailInvalid),
        Some(LinkRequest::RateLimited) => back(FormError::RateLimited),
        Some(LinkRequest::Sent) => redirect_with_flash(
            &req,
            "/signin",
            &flash::notice(FORM, Notice::SignInLinkSent),
        ),
    })
}

/// A link's token as posted from the page the link opened.
#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    csrf_token: String,
}

fn link_refused(req: &HttpRequest, code: FormError) -> HttpResponse {
    redirect_with_flash(
        req,
        "/signin",
        &flash::with_errors(FORM, &[], vec![flash::field_error("token", code)]),
    )
}

/// A service that uses a link's token up and answers the address it opens.
type LinkUse = fn(
    &mut crate::db::DbConnection,
    &str,
    chrono::DateTime<chrono::Utc>,
) -> Result<Option<String>, ServiceError>;

/// The address a posted link opens, using the link up with `use_it`; or the response that
/// sends the person back to `/signin` with the reason (an expired form, a spent link).
async fn address_of(
    req: &HttpRequest,
    state: &AppState,
    form: &TokenForm,
    use_it: LinkUse,
) -> Result<Result<String, HttpResponse>, WebError> {
    if !csrf_ok(req, &form.csrf_token) {
        return Ok(Err(link_refused(req, FormError::Csrf)));
    }
    let token = form.token.clone();
    let address = with_connection(state, locale(req), move |conn| {
        use_it(conn, &token, chrono::Utc::now())
    })
    .await?;
    Ok(address.ok_or_else(|| link_refused(req, FormError::LinkInvalid)))
}

/// Uses a sign-in link and opens the session.
pub async fn use_link(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<TokenForm>,
) -> Result<HttpResponse, WebError> {
    let email = match address_of(&req, &state, &form, citizen_sign_in::use_sign_in_link).await? {
        Ok(email) => email,
        Err(back) => return Ok(back),
    };
    let session = state
        .citizen_sessions
        .issue(&email, chrono::Utc::now().timestamp())
        .map_err(|e| WebError::unexpected(e, locale(&req)))?;
    Ok(crate::web::redirect::see_other("/me")
        .cookie(cookies::build(
            citizen_session::COOKIE,
            session,
            Some(LIFETIME_SECS),
            secure_cookies(&req),
        ))
        .cookie(super::renewed_csrf_cookie(&req))
        .finish())
}

/// Confirms the address a challenge gave.
pub async fn confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<TokenForm>,
) -> Result<HttpResponse, WebError> {
    Ok(
        match address_of(&req, &state, &form, citizen_sign_in::confirm_address).await? {
            Ok(_) => redirect_with_flash(
                &req,
                "/signin",
                &flash::notice(FORM, Notice::AddressConfirmed),
            ),
            Err(back) => back,
        },
    )
}

/// The sign-out form as posted.
#[derive(Deserialize)]
pub struct SignOutForm {
    #[serde(default)]
    csrf_token: String,
}

/// Ends the email session, on the server and in the browser.
pub async fn sign_out(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<SignOutForm>,
) -> Result<HttpResponse, WebError> {
    if !csrf_ok(&req, &form.csrf_token) {
        return Ok(redirect_with_flash(
            &req,
            "/signin",
            &flash::notice(FORM, Notice::FormExpired),
        ));
    }
    let reader = locale(&req);
    let claims = crate::web::cookies::read(&req, citizen_session::COOKIE, secure_cookies(&req))
        .and_then(|c| state.citizen_sessions.verify(c.value()));
    if let Some(claims) = claims {
        let expires = chrono::DateTime::from_timestamp(claims.exp, 0)
            .map(|t| t.naive_utc())
            .unwrap_or_else(|| chrono::Utc::now().naive_utc());
        with_connection(&state, reader, move |conn| {
            citizen_sign_in::sign_out(conn, &claims.sid, expires, chrono::Utc::now())
        })
        .await?;
    }
    let mut response =
        redirect_with_flash(&req, "/signin", &flash::notice(FORM, Notice::SignedOut));
    if let Err(error) = response.add_cookie(&cookies::removal(
        citizen_session::COOKIE,
        secure_cookies(&req),
    )) {
        tracing::warn!(%error, "cannot clear the citizen session cookie");
    }
    Ok(response)
}
