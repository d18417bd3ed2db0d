//! `POST /staff/two-factor/…`: a signed-in staff member sets up an authenticator, confirms it
//! with its first code, replaces the recovery codes, says they are written down, or turns
//! two-factor sign-in off where the role allows (`services::two_factor`).

use super::{client_ip, csrf_ok, locale, redirect_with_flash, with_connection};
use crate::db::DbConnection;
use crate::services::two_factor::{self, CodeCheck, TurnOff, TypedCode};
use crate::services::ServiceError;
use crate::state::AppState;
use crate::web::error::WebError;
use crate::web::flash;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use app::port::StaffPrincipal;
use app::types::{FormError, Notice};
use serde::Deserialize;

/// The page and the flash form name.
pub const PAGE: &str = "/staff/two-factor";
pub const FORM: &str = "two_factor";

/// A form with a code (confirming, turning off) or without (the others).
#[derive(Deserialize)]
pub struct TwoFactorForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    csrf_token: String,
}

fn back_with(req: &HttpRequest, error: FormError) -> HttpResponse {
    redirect_with_flash(
        req,
        PAGE,
        &flash::with_errors(FORM, &[], vec![flash::field_error("code", error)]),
    )
}

fn done(req: &HttpRequest, notice: Notice) -> HttpResponse {
    redirect_with_flash(req, PAGE, &flash::notice(FORM, notice))
}

fn code_error(checked: CodeCheck) -> FormError {
    match checked {
        CodeCheck::RateLimited => FormError::CodeRateLimited,
        _ => FormError::CodeWrong,
    }
}

/// The signed-in principal, or the redirect to sign in; and the CSRF check.
fn signed_in(req: &HttpRequest, csrf_token: &str) -> Result<StaffPrincipal, Box<HttpResponse>> {
    let Some(principal) = req.extensions().get::<StaffPrincipal>().cloned() else {
        return Err(Box::new(
            crate::web::redirect::see_other("/staff/signin").finish(),
        ));
    };
    if !csrf_ok(req, csrf_token) {
        return Err(Box::new(back_with(req, FormError::Csrf)));
    }
    Ok(principal)
}

/// `POST /staff/two-factor/start`: a new authenticator to add to the app.
pub async fn start(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<TwoFactorForm>,
) -> Result<HttpResponse, WebError> {
    let principal = match signed_in(&req, &form.csrf_token) {
        Ok(principal) => principal,
        Err(response) => return Ok(*response),
    };
    let key = two_factor::key_of(&state.keys);
    with_connection(&state, locale(&req), move |conn| {
        two_factor::start(conn, &key, principal.user_id, chrono::Utc::now())
    })
    .await?;
    Ok(crate::web::redirect::see_other(PAGE).finish())
}

/// A code form of the signed-in staff member, checked (session, CSRF, a code typed) and
/// handed to `work` on a connection with the code; `Ok(Err(page))` sends them back to the form.
async fn with_typed_code<T: Send + 'static>(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    form: TwoFactorForm,
    work: impl FnOnce(
            &mut DbConnection,
            &AppState,
            &StaffPrincipal,
            TypedCode<'_>,
        ) -> Result<T, ServiceError>
        + Send
        + 'static,
) -> Result<Result<T, HttpResponse>, WebError> {
    let principal = match signed_in(req, &form.csrf_token) {
        Ok(principal) => principal,
        Err(response) => return Ok(Err(*response)),
    };
    if form.code.trim().is_empty() {
        return Ok(Err(back_with(req, FormError::CodeRequired)));
    }
    let worker_state = state.clone();
    let ip = client_ip(req);
    let done = with_connection(state, locale(req), move |conn| {
        let code = TypedCode {
            typed: &form.code,
            client_ip: &ip,
            now: chrono::Utc::now(),
        };
        work(conn, &worker_state, &principal, code)
    })
    .await?;
    Ok(Ok(done))
}

/// The page after a checked code: `notice` when it was good, the code's error when not.
fn after_code(req: &HttpRequest, checked: CodeCheck, notice: Notice) -> HttpResponse {
    if checked.accepted() {
        done(req, notice)
    } else {
        back_with(req, code_error(checked))
    }
}

/// `POST /staff/two-factor/confirm`: the first code from the app turns it on.
pub async fn confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<TwoFactorForm>,
) -> Result<HttpResponse, WebError> {
    let checked = with_typed_code(
        &req,
        &state,
        form.into_inner(),
        |conn, state, principal, code| {
            let account = crate::db::models::user::find_by_id(conn, principal.user_id)?
                .ok_or(ServiceError::NotFound)?;
            let key = two_factor::key_of(&state.keys);
            two_factor::confirm(conn, &key, &state.settings.rate_limit, &account, code)
        },
    )
    .await?;
    Ok(match checked {
        Ok(checked) => after_code(&req, checked, Notice::TwoFactorOn),
        Err(back) => back,
    })
}

/// `POST /staff/two-factor/recovery-codes`: new codes, with a current code from the app; the
/// old ones stop working.
pub async fn new_codes(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<TwoFactorForm>,
) -> Result<HttpResponse, WebError> {
    let checked = with_typed_code(
        &req,
        &state,
        form.into_inner(),
        |conn, state, principal, code| {
            let key = two_factor::key_of(&state.keys);
            two_factor::new_recovery_codes(conn, &key, &state.settings.rate_limit, principal, code)
        },
    )
    .await?;
    Ok(match checked {
        Ok(checked) => after_code(&req, checked, Notice::RecoveryCodesReplaced),
        Err(back) => back,
    })
}

/// `POST /staff/two-factor/codes-kept`: the new codes are written down; hide them.
pub async fn codes_kept(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<TwoFactorForm>,
) -> Result<HttpResponse, WebError> {
    let principal = match signed_in(&req, &form.csrf_token) {
        Ok(principal) => principal,
        Err(response) => return Ok(*response),
    };
    with_connection(&state, locale(&req), move |conn| {
        two_factor::recovery_codes_kept(conn, &principal)
    })
    .await?;
    Ok(crate::web::redirect::see_other(PAGE).finish())
}

/// `POST /staff/two-factor/off`: with a current code, where the role allows.
pub async fn turn_off(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<TwoFactorForm>,
) -> Result<HttpResponse, WebError> {
    let outcome = with_typed_code(
        &req,
        &state,
        form.into_inner(),
        |conn, state, principal, code| {
            let key = two_factor::key_of(&state.keys);
            let settings = &state.settings;
            two_factor::turn_off(
                conn,
                &key,
                &settings.two_factor,
                &settings.rate_limit,
                principal,
                code,
            )
        },
    )
    .await?;
    Ok(match outcome {
        Ok(TurnOff::Done) => done(&req, Notice::TwoFactorOff),
        Ok(TurnOff::Required) => back_with(&req, FormError::TwoFactorRequired),
        Ok(TurnOff::Code(checked)) => back_with(&req, code_error(checked)),
        Err(back) => back,
    })
}
