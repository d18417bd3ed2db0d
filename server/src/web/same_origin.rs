//! Requests from another site (docs/security.md):
//!
//! - A state-changing request (anything but GET, HEAD and OPTIONS) to the site's pages and
//!   forms is refused with 403 when its `Origin` (or, without one, its `Referer`) names
//!   another host. The API is exempt: it authenticates by bearer token, never by cookie.
//! - A staff member's browser following a link from another site to a page whose reading is
//!   audited (staff pages, decisions, appeals) gets a page asking to continue instead: writes,
//!   the audit row of a view included, never happen on a GET from another site. Following the
//!   link on that page is a same-site request and reads as usual.
//!
//! Runs after the page context, whose locale and staff principal it reads.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpResponse};
use app::i18n::Locale;
use app::port::StaffPrincipal;

/// The host (with port) of an `Origin` or `Referer` value; `None` when it names none
/// (`null`, or something unreadable).
fn host_of(value: &str) -> Option<String> {
    let url = url::Url::parse(value.trim()).ok()?;
    let host = url.host_str()?.to_ascii_lowercase();
    Some(match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host,
    })
}

/// `host` without the port its scheme implies (`x.kz:443` is `x.kz`), as an `Origin` is read.
fn without_default_port(host: &str) -> String {
    let host = host.to_ascii_lowercase();
    match host.rsplit_once(':') {
        Some((name, "80" | "443")) => name.to_string(),
        _ => host,
    }
}

/// The hosts this site answers as: the request's own `Host` and the configured public URL's.
fn own_hosts(req: &ServiceRequest) -> Vec<String> {
    let mut hosts = vec![without_default_port(req.connection_info().host())];
    if let Some(state) = req.app_data::<actix_web::web::Data<crate::state::AppState>>() {
        if let Some(host) = host_of(&state.settings.public_url()) {
            hosts.push(host);
        }
    }
    hosts
}

/// Whether a request says it comes from another site. A request naming no origin at all (an
/// old browser, a privacy setting) is left to the CSRF token.
fn from_another_site(req: &ServiceRequest) -> bool {
    let named = |name: header::HeaderName| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let claimed = named(header::ORIGIN).or_else(|| named(header::REFERER));
    match claimed {
        None => false,
        Some(value) => match host_of(&value) {
            None => true,
            Some(host) => !own_hosts(req).contains(&host),
        },
    }
}

/// Whether a browser says it followed a link from another site (`Sec-Fetch-Site`).
fn navigated_from_another_site(req: &ServiceRequest) -> bool {
    req.headers()
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site" || v == "same-site")
}

/// Pages whose reading by staff writes an audit row, or that show staff work.
fn audited_for_staff(path: &str) -> bool {
    path == "/staff"
        || path.starts_with("/staff/")
        || path.starts_with("/ombudsman")
        || path.starts_with("/admin")
        || path.starts_with("/d/")
        || path.starts_with("/appeals/")
}

/// The middleware.
pub async fn check(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let method = req.method().clone();
    let path = req.path().to_string();
    let locale = req
        .extensions()
        .get::<app::context::PageContext>()
        .map(|c| c.locale)
        .unwrap_or_default();
    let safe = matches!(method, Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe && !path.starts_with("/api/") && from_another_site(&req) {
        tracing::warn!(%path, "state-changing request from another site refused");
        let response = HttpResponse::Forbidden()
            .content_type("text/html; charset=utf-8")
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .body(page(locale, Interstitial::Refused));
        return Ok(req.into_response(response));
    }
    let staff = req.extensions().get::<StaffPrincipal>().is_some();
    if method == Method::GET
        && staff
        && audited_for_staff(&path)
        && navigated_from_another_site(&req)
    {
        let target = crate::web::redirect::on_site(&format!(
            "{path}{}{}",
            if req.query_string().is_empty() {
                ""
            } else {
                "?"
            },
            req.query_string()
        ));
        let response = HttpResponse::Ok()
            .content_type("text/html; charset=utf-8")
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .body(page(locale, Interstitial::Continue(&target)));
        return Ok(req.into_response(response));
    }
    next.call(req)
        .await
        .map(ServiceResponse::map_into_boxed_body)
}

enum Interstitial<'a> {
    Refused,
    Continue(&'a str),
}

/// The page in the reader's language.
fn page(locale: Locale, kind: Interstitial<'_>) -> String {
    use crate::web::error::{escape, plain_page};
    let words = app::i18n::cross_site_words(locale);
    let (title, body, href, label) = match kind {
        Interstitial::Refused => (words.refused_title, words.refused_body, "/", words.home),
        Interstitial::Continue(target) => (
            words.continue_title,
            words.continue_body,
            target,
            words.continue_link,
        ),
    };
    let inner = format!(
        "<p>{}</p><p><a class=\"button\" href=\"{}\">{}</a></p>",
        escape(body),
        escape(href),
        escape(label)
    );
    plain_page(locale, title, &inner)
}

#[cfg(test)]
mod tests {
    use super::host_of;

    #[test]
    fn a_default_port_is_no_port() {
        assert_eq!(super::without_default_port("X.kz:443"), "x.kz");
        assert_eq!(super::without_default_port("x.kz:80"), "x.kz");
        assert_eq!(
            super::without_default_port("127.0.0.1:3000"),
            "127.0.0.1:3000"
        );
        assert_eq!(super::without_default_port("[::1]:443"), "[::1]");
    }

    #[test]
    fn hosts_are_read_with_their_port() {
        assert_eq!(
            host_of("https://Redress.example.kz").as_deref(),
            Some("redress.example.kz")
        );
        assert_eq!(
            host_of("http://127.0.0.1:3000/find?x").as_deref(),
            Some("127.0.0.1:3000")
        );
        assert_eq!(host_of("null"), None);
    }
}
