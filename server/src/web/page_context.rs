//! The middleware that prepares every page request: the `?lang=` switch, the reader's
//! language, the CSRF cookie, the flash of the last post, the staff session (refreshed
//! while in use, so the idle timeout slides), and the guard that keeps `/staff` signed-in only.

use crate::auth::{citizen_session, csrf, session};
use crate::state::AppState;
use crate::web::{cookies, flash};
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage, HttpResponse};
use app::context::PageContext;
use app::i18n::Locale;
use app::port::StaffPrincipal;
use app::types::Notice;

/// Refresh a session token once it is this old, so the idle timeout counts from the last use.
const REFRESH_AFTER_SECS: i64 = 60;

/// Paths that are not pages: no context, no cookies.
fn is_page_path(path: &str) -> bool {
    ![
        "/pkg/",
        "/style/",
        "/api/",
        "/healthz",
        "/readyz",
        "/favicon",
        "/.well-known/",
    ]
    .iter()
    .any(|prefix| path.starts_with(prefix))
}

/// Whether a response may carry personal data, so no cache may keep it (server-function
/// answers included: they carry the same data as the pages).
fn holds_personal_data(path: &str) -> bool {
    is_staff_only(path)
        || path.starts_with("/staff/signin")
        || path == "/find"
        || path.starts_with("/d/")
        || path.starts_with("/appeals/")
        || path.starts_with("/rpc/")
        || is_citizen_only(path)
        || path.starts_with("/signin")
        || path == "/confirm"
}

/// Whether `path` needs a citizen signed in by email.
fn is_citizen_only(path: &str) -> bool {
    path == "/me" || path.starts_with("/me/")
}

/// Whether `path` needs a signed-in staff member.
fn is_staff_only(path: &str) -> bool {
    ((path == "/staff" || path.starts_with("/staff/")) && !is_sign_in_path(path))
        || path == "/ombudsman"
        || path.starts_with("/ombudsman/")
        || path == "/admin"
        || path.starts_with("/admin/")
}

/// The password page and the pages of its second step (`auth::signin_step`).
fn is_sign_in_path(path: &str) -> bool {
    path == "/staff/signin" || path.starts_with("/staff/signin/")
}

/// The middleware.
pub async fn page_context(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let path = req.path().to_string();
    if !is_page_path(&path) {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    }
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body);
    };
    let secure = state.settings.cookies_secure();

    if req.method() == Method::GET {
        if let Some(response) = language_switch_redirect(&req, secure) {
            return Ok(req.into_response(response));
        }
    }

    let locale = resolve_locale(&req, state.default_locale, secure);
    let existing_csrf = cookies::read(&req, csrf::COOKIE, secure).map(|c| c.value().to_string());
    let csrf_secret = existing_csrf
        .clone()
        .unwrap_or_else(crate::secrets::random_token);
    let flash_cookie = cookies::read(&req, flash::COOKIE, secure);
    let flash = match flash_cookie.as_ref().map(|c| c.value().to_string()) {
        Some(value) => match flash::stored_id(&value) {
            Some(id) if req.method() == Method::GET => {
                load_stored_flash(&state, id.to_string()).await
            }
            Some(_) => None,
            None => flash::decode(&value),
        },
        None => None,
    };

    let session = match cookies::read(&req, session::COOKIE, secure) {
        Some(cookie) => Some(verify_session(&state, cookie.value().to_string(), locale).await?),
        None => None,
    };
    let principal = session
        .as_ref()
        .and_then(|s| s.as_ref().map(|(p, _)| p.clone()));
    let citizen_grant = cookies::read(&req, crate::auth::citizen_token::COOKIE, secure)
        .and_then(|c| state.citizen_tokens.verify(c.value()));
    let citizen_reference = match citizen_grant {
        Some(grant) => {
            let recent = req
                .app_data::<web::Data<crate::web::page_cache::PageCache>>()
                .filter(|_| req.method() == Method::GET)
                .cloned();
            current_grant(
                &state,
                recent.as_ref().map(|data| data.get_ref()),
                grant,
                locale,
            )
            .await?
        }
        None => None,
    };

    let citizen_session = match cookies::read(&req, citizen_session::COOKIE, secure) {
        Some(cookie) => verify_citizen(&state, cookie.value().to_string(), locale).await?,
        None => None,
    };
    // The session the forms' CSRF tokens are bound to (`auth::csrf`).
    let binding = match (&principal, &citizen_session) {
        (Some(staff), _) => format!("staff:{}", staff.session_id),
        (None, Some((_, sid))) => format!("citizen:{sid}"),
        (None, None) => String::new(),
    };
    let csrf_key = state.keys.current(crate::keys::Purpose::Csrf);
    let csrf_token = csrf::form_token(csrf_key.secret(), &csrf_secret, &binding);
    let citizen_email = citizen_session.map(|(email, _)| email);
    if is_citizen_only(&path) && citizen_email.is_none() && req.method() == Method::GET {
        let response = crate::web::redirect::see_other("/signin").finish();
        return Ok(req.into_response(response));
    }

    if is_staff_only(&path) && principal.is_none() && req.method() == Method::GET {
        let mut response = crate::web::redirect::see_other("/staff/signin").finish();
        if session.is_some() {
            let notice = flash::notice("signin", Notice::SessionExpired);
            add_cookie(
                &mut response,
                cookies::build(flash::COOKIE, flash::encode(&notice), Some(300), secure),
            );
            add_cookie(&mut response, cookies::removal(session::COOKIE, secure));
        }
        return Ok(req.into_response(response));
    }

    req.extensions_mut().insert(PageContext {
        locale,
        default_locale: state.default_locale,
        csrf_token: csrf_token.clone(),
        flash: flash.clone(),
        staff: principal.as_ref().map(|p| p.identity.clone()),
        citizen_reference: citizen_reference.clone(),
    });
    if let Some(reference) = citizen_reference {
        req.extensions_mut()
            .insert(app::port::CitizenAccess { reference });
    }
    // The privacy notice and the accessibility statement name the operator as configured.
    if matches!(path.as_str(), "/privacy" | "/accessibility") {
        req.extensions_mut().insert(state.settings.operator.clone());
    }
    if let Some(principal) = principal.clone() {
        req.extensions_mut().insert(principal);
    } else if is_sign_in_path(&path) {
        // Who is between password and code: the enrolment page shows them their QR code.
        let step = cookies::read(&req, crate::auth::signin_step::COOKIE, secure)
            .and_then(|c| state.step_tokens.verify(c.value()))
            .and_then(|claims| {
                Some(app::port::SignInStep {
                    user_id: claims.user_id()?,
                    auth_time: claims.auth_time,
                    enrolling: claims.step == crate::auth::signin_step::Step::Enrol,
                    enrolment: claims.enrolment,
                })
            });
        if let Some(step) = step {
            req.extensions_mut().insert(step);
        }
    }
    if let Some(email) = citizen_email {
        req.extensions_mut()
            .insert(app::port::CitizenEmail { email });
    }
    let is_get = req.method() == Method::GET;

    let mut response = next.call(req).await?.map_into_boxed_body();
    let headers = response.headers_mut();
    if holds_personal_data(&path) {
        headers.insert(
            header::CACHE_CONTROL,
            header::HeaderValue::from_static("no-store"),
        );
    }
    // A handler that set its own session or flash cookie (sign-in, sign-out) has the last word.
    let handler_set = |name: &'static str| {
        let sent_as = cookies::name_for(name, secure);
        response.response().cookies().any(|c| c.name() == sent_as)
    };
    let handler_set_session = handler_set(session::COOKIE);
    let handler_set_flash = handler_set(flash::COOKIE);
    if existing_csrf.is_none() && !handler_set(csrf::COOKIE) {
        add_cookie(
            response.response_mut(),
            cookies::build(csrf::COOKIE, csrf_secret, None, secure),
        );
    }
    if flash_cookie.is_some() && is_get && !handler_set_flash {
        add_cookie(
            response.response_mut(),
            cookies::removal(flash::COOKIE, secure),
        );
    }
    if !handler_set_session {
        match session {
            Some(None) => add_cookie(
                response.response_mut(),
                cookies::removal(session::COOKIE, secure),
            ),
            Some(Some((_, Some(refreshed)))) => add_cookie(
                response.response_mut(),
                cookies::build(
                    session::COOKIE,
                    refreshed,
                    Some(state.session_tokens.lifetime_secs()),
                    secure,
                ),
            ),
            _ => {}
        }
    }
    Ok(response)
}

fn add_cookie(response: &mut HttpResponse, cookie: actix_web::cookie::Cookie<'static>) {
    if let Err(error) = response.add_cookie(&cookie) {
        tracing::warn!(%error, "cannot set cookie");
    }
}

/// `?lang=xx` sets the language cookie and redirects to the same address without it.
fn language_switch_redirect(req: &ServiceRequest, secure: bool) -> Option<HttpResponse> {
    let query = req.query_string();
    let mut chosen = None;
    let kept: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .filter_map(|(key, value)| {
            if key == "lang" {
                chosen = chosen.or(Locale::parse(&value));
                None
            } else {
                Some((key.into_owned(), value.into_owned()))
            }
        })
        .collect();
    let locale = chosen?;
    let mut location = req.path().to_string();
    if !kept.is_empty() {
        let rest = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(kept)
            .finish();
        location = format!("{location}?{rest}");
    }
    let mut response = crate::web::redirect::see_other(&location).finish();
    let year = 365 * 24 * 3600;
    add_cookie(
        &mut response,
        cookies::build(cookies::LANGUAGE, locale.code().into(), Some(year), secure),
    );
    Some(response)
}

/// The cookie's language, else the browser's, else the deployment default.
fn resolve_locale(req: &ServiceRequest, default: Locale, secure: bool) -> Locale {
    cookies::read(req, cookies::LANGUAGE, secure)
        .and_then(|c| Locale::parse(c.value()))
        .or_else(|| {
            req.headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Locale::from_accept_language)
        })
        .unwrap_or(default)
}

/// The decision a citizen token opens, if its access code has not been reissued since. A page
/// read (`recent`, GET only) may use the generation read less than the page cache's window ago
/// with nothing written through this server since (`web::recent_reads`).
async fn current_grant(
    state: &AppState,
    recent: Option<&crate::web::page_cache::PageCache>,
    grant: crate::auth::citizen_token::CitizenGrant,
    locale: Locale,
) -> Result<Option<String>, actix_web::Error> {
    let kept = recent.and_then(|cache| cache.code_generations.recent(&grant.reference));
    let generation = match kept {
        Some(generation) => generation,
        None => {
            let start = recent.map(|cache| cache.code_generations.start());
            let pool = state.pool.clone();
            let reference = grant.reference.clone();
            let generation = web::block(move || -> anyhow::Result<Option<String>> {
                let mut conn = pool.get()?;
                Ok(crate::services::access::code_generation(
                    &mut conn, &reference,
                )?)
            })
            .await
            .map_err(|e| crate::web::error::WebError::unexpected(anyhow::anyhow!(e), locale))?
            .map_err(|e| crate::web::error::WebError::unexpected(e, locale))?;
            if let (Some(cache), Some(start)) = (recent, start) {
                cache
                    .code_generations
                    .remember(grant.reference.clone(), generation.clone(), start);
            }
            generation
        }
    };
    Ok((generation.as_deref() == Some(grant.generation.as_str())).then_some(grant.reference))
}

/// The address and session id of a valid, unrevoked email session, or `None`.
async fn verify_citizen(
    state: &AppState,
    token: String,
    locale: Locale,
) -> Result<Option<(String, String)>, actix_web::Error> {
    let Some(claims) = state.citizen_sessions.verify(&token) else {
        return Ok(None);
    };
    let pool = state.pool.clone();
    let sid = claims.sid.clone();
    let revoked = web::block(move || -> anyhow::Result<bool> {
        let mut conn = pool.get()?;
        Ok(crate::db::models::revoked_session::is_revoked(
            &mut conn, &sid,
        )?)
    })
    .await
    .map_err(|e| crate::web::error::WebError::unexpected(anyhow::anyhow!(e), locale))?
    .map_err(|e| crate::web::error::WebError::unexpected(e, locale))?;
    Ok((!revoked).then_some((claims.sub, claims.sid)))
}

type VerifiedSession = Option<(StaffPrincipal, Option<String>)>;

/// The principal for the cookie's token (and a refreshed token when due), or `None`.
async fn verify_session(
    state: &AppState,
    token: String,
    locale: Locale,
) -> Result<VerifiedSession, actix_web::Error> {
    let state = state.clone();
    let result = web::block(move || -> anyhow::Result<VerifiedSession> {
        let mut conn = state.pool.get()?;
        let Some((principal, auth_time, issued_at)) =
            session::principal_for_token(&mut conn, &state.session_tokens, &token)?
        else {
            return Ok(None);
        };
        let now = chrono::Utc::now().timestamp();
        let refreshed = if now - issued_at >= REFRESH_AFTER_SECS {
            let (token, _) = state.session_tokens.issue(
                principal.user_id,
                &principal.session_id,
                auth_time,
                now,
            )?;
            Some(token)
        } else {
            None
        };
        Ok(Some((principal, refreshed)))
    })
    .await
    .map_err(|e| crate::web::error::WebError::unexpected(anyhow::anyhow!(e), locale))?;
    result.map_err(|e| crate::web::error::WebError::unexpected(e, locale).into())
}

/// A flash kept in the database (too long for a cookie), read once.
async fn load_stored_flash(state: &AppState, id: String) -> Option<app::types::Flash> {
    let pool = state.pool.clone();
    let loaded = web::block(move || -> anyhow::Result<Option<app::types::Flash>> {
        let mut conn = pool.get()?;
        Ok(flash::take_stored(&mut conn, &id)?)
    })
    .await;
    match loaded {
        Ok(Ok(flash)) => flash,
        Ok(Err(error)) => {
            tracing::warn!(%error, "cannot read a stored flash");
            None
        }
        Err(error) => {
            tracing::warn!(%error, "cannot read a stored flash");
            None
        }
    }
}
