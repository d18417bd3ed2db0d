//! `POST /staff/signin/code` and `POST /staff/signin/two-factor`: the second step of a staff
//! sign-in, with the step token the password left (`auth::signin_step`). The first takes a code
//! from the authenticator or a recovery code; the second, the first code of an authenticator
//! the role requires and the staff member has just set up.

use super::{client_ip, csrf_ok, locale, redirect_with_flash, secure_cookies, with_connection};
use crate::auth::session;
use crate::auth::signin_step::{self, Step, StepClaims};
use crate::services::staff_sessions::{self, SignInContext, StepOutcome};
use crate::services::two_factor::{CodeCheck, TypedCode};
use crate::state::AppState;
use crate::web::error::WebError;
use crate::web::{cookies, flash};
use actix_web::{web, HttpRequest, HttpResponse};
use app::types::{FormError, Notice};
use serde::Deserialize;

/// The flash form name of both pages.
pub const FORM: &str = "signin_code";

/// A code as posted.
#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    csrf_token: String,
}

/// The page that asks for `step`.
pub fn page_of(step: Step) -> &'static str {
    match step {
        Step::Code => "/staff/signin/code",
        Step::Enrol => "/staff/signin/two-factor",
    }
}

/// What signing in needs from the application state.
pub fn sign_in_context(state: &AppState) -> SignInContext<'_> {
    SignInContext {
        sessions: &state.session_tokens,
        steps: &state.step_tokens,
        keys: &state.keys,
        two_factor: &state.settings.two_factor,
        limits: &state.settings.rate_limit,
    }
}

/// The redirect into the staff pages with the new session, a fresh CSRF secret, the step
/// cookie gone, and `notice` when there is one.
pub fn signed_in(
    req: &HttpRequest,
    state: &AppState,
    token: String,
    notice: Option<Notice>,
) -> HttpResponse {
    let secure = secure_cookies(req);
    let mut response = crate::web::redirect::see_other("/staff");
    response
        .cookie(cookies::build(
            session::COOKIE,
            token,
            Some(state.session_tokens.lifetime_secs()),
            secure,
        ))
        .cookie(super::renewed_csrf_cookie(req));
    if let Some(notice) = notice {
        response.cookie(cookies::build(
            flash::COOKIE,
            flash::encode(&flash::notice("staff", notice)),
            Some(300),
            secure,
        ));
    }
    if cookies::read(req, signin_step::COOKIE, secure).is_some() {
        response.cookie(cookies::removal(signin_step::COOKIE, secure));
    }
    response.finish()
}

/// The step token this browser carries, if valid.
pub fn step_claims(req: &HttpRequest, state: &AppState) -> Option<StepClaims> {
    cookies::read(req, signin_step::COOKIE, secure_cookies(req))
        .and_then(|cookie| state.step_tokens.verify(cookie.value()))
}

/// Back to the password form: the step lapsed.
fn start_again(req: &HttpRequest) -> HttpResponse {
    let secure = secure_cookies(req);
    let mut response = redirect_with_flash(
        req,
        "/staff/signin",
        &flash::notice("signin", Notice::SignInStepExpired),
    );
    if let Err(error) = response.add_cookie(&cookies::removal(signin_step::COOKIE, secure)) {
        tracing::warn!(%error, "cannot remove the sign-in step cookie");
    }
    response
}

/// `POST /staff/signin/code`.
pub async fn code(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<CodeForm>,
) -> Result<HttpResponse, WebError> {
    finish(req, state, form.into_inner(), Step::Code).await
}

/// `POST /staff/signin/two-factor`.
pub async fn enrol(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<CodeForm>,
) -> Result<HttpResponse, WebError> {
    finish(req, state, form.into_inner(), Step::Enrol).await
}

async fn finish(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: CodeForm,
    expected: Step,
) -> Result<HttpResponse, WebError> {
    let Some(claims) = step_claims(&req, &state).filter(|c| c.step == expected) else {
        return Ok(start_again(&req));
    };
    let page = page_of(expected);
    let back = |error| {
        redirect_with_flash(
            &req,
            page,
            &flash::with_errors(FORM, &[], vec![flash::field_error("code", error)]),
        )
    };
    if !csrf_ok(&req, &form.csrf_token) {
        return Ok(back(FormError::Csrf));
    }
    if form.code.trim().is_empty() {
        return Ok(back(FormError::CodeRequired));
    }
    let reader = locale(&req);
    let ip = client_ip(&req);
    let worker_state = state.clone();
    let outcome = with_connection(&state, reader, move |conn| {
        staff_sessions::finish_sign_in(
            conn,
            sign_in_context(&worker_state),
            &claims,
            TypedCode {
                typed: &form.code,
                client_ip: &ip,
                now: chrono::Utc::now(),
            },
            reader,
        )
    })
    .await?;
    Ok(match outcome {
        StepOutcome::SignedIn {
            token,
            recovery_code_used,
            ..
        } => {
            let notice = match (expected, recovery_code_used) {
                (Step::Enrol, _) => Some(Notice::TwoFactorOn),
                (Step::Code, true) => Some(Notice::RecoveryCodeUsed),
                (Step::Code, false) => None,
            };
            signed_in(&req, &state, token, notice)
        }
        StepOutcome::Code(CodeCheck::RateLimited) => back(FormError::CodeRateLimited),
        StepOutcome::Code(_) => back(FormError::CodeWrong),
        StepOutcome::StartAgain => start_again(&req),
    })
}
