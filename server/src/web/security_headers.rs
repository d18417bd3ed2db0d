//! Security headers on every response. Pages set their own CSP with a per-request nonce
//! (see `app::app::shell`); everything else gets a policy that allows nothing to run.

use actix_web::middleware::DefaultHeaders;

/// How long browsers keep to https once told (`Strict-Transport-Security`): a year.
const HSTS: &str = "max-age=31536000; includeSubDomains";

/// Headers added to every response that does not already carry them; with `https`, HSTS too.
pub fn default_headers(https: bool) -> DefaultHeaders {
    let headers = DefaultHeaders::new()
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "same-origin"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        ))
        .add((
            "Content-Security-Policy",
            "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
        ));
    if https {
        headers.add(("Strict-Transport-Security", HSTS))
    } else {
        headers
    }
}

/// The cookies whose presence makes a request personal: a staff session, a citizen session,
/// an opened decision.
const PERSONAL_COOKIES: [&str; 3] = [
    crate::auth::session::COOKIE,
    crate::auth::citizen_session::COOKIE,
    crate::auth::citizen_token::COOKIE,
];

/// `Cache-Control: no-store` on every answer to a signed-in person and on every API answer
/// (which may carry access codes or personal data), so neither a shared computer's browser
/// cache nor a proxy keeps them. The site's own scripts and styles keep their caching.
pub async fn no_store_when_personal(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    use actix_web::http::header::{HeaderValue, CACHE_CONTROL};
    let path = req.path();
    let asset = path.starts_with("/pkg/") || path.starts_with("/style/");
    let signed_in = PERSONAL_COOKIES
        .iter()
        .any(|name| req.cookie(name).is_some() || req.cookie(&format!("__Host-{name}")).is_some());
    let personal = !asset && (signed_in || path.starts_with("/api/"));
    let mut response = next.call(req).await?;
    if personal {
        response
            .headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(response)
}

/// Names the character set of HTML answers (`text/html; charset=utf-8`): without it a browser
/// may guess, and a wrong guess garbles Kazakh and Russian text.
pub async fn html_charset(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    use actix_web::http::header::{HeaderValue, CONTENT_TYPE};
    let mut response = next.call(req).await?;
    let headers = response.headers_mut();
    let is_bare_html = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("text/html"));
    if is_bare_html {
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
    }
    Ok(response)
}
