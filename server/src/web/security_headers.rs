//! Security headers on every response. Pages set their own CSP with a per-request nonce
//! (see `app::app::shell`); everything else gets a policy that allows nothing to run.

use actix_web::middleware::DefaultHeaders;

/// Headers added to every response that does not already carry them.
pub fn default_headers() -> DefaultHeaders {
    DefaultHeaders::new()
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
        ))
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
