//! Error policy for HTML handlers.
//!
//! - Expected problems with a form (bad input, wrong password, expired form) are not errors:
//!   the handler redirects back with a flash naming each field and reason.
//! - Anything unexpected becomes [`WebError`]: its cause chain is logged at `error` level with
//!   a short reference id, and the person sees a localised 500 page showing that reference,
//!   never the internals.

use actix_web::{http::StatusCode, HttpResponse, ResponseError};
use app::i18n::{error_page_words, Locale};

/// An unexpected failure while handling a page request.
#[derive(Debug)]
pub struct WebError {
    pub reference: String,
    pub locale: Locale,
}

impl WebError {
    /// Logs `cause` with a fresh reference and keeps the reader's language for the page.
    pub fn unexpected(cause: impl Into<anyhow::Error>, locale: Locale) -> WebError {
        let reference = new_reference();
        let cause = cause.into();
        tracing::error!(%reference, error = ?cause, "unexpected error");
        WebError { reference, locale }
    }
}

impl std::fmt::Display for WebError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unexpected error, reference {}", self.reference)
    }
}

impl ResponseError for WebError {
    fn status_code(&self) -> StatusCode {
        StatusCode::INTERNAL_SERVER_ERROR
    }

    fn error_response(&self) -> HttpResponse {
        HttpResponse::InternalServerError()
            .content_type("text/html; charset=utf-8")
            .insert_header(("Cache-Control", "no-store"))
            .body(server_error_page(self.locale, &self.reference))
    }
}

pub use crate::telemetry::new_reference;

/// Text escaped for HTML.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A plain page in the site's look with no scripts, for answers the server writes itself
/// (so they render even when Leptos cannot). `inner` is HTML, escaped by the caller.
pub fn plain_page(locale: Locale, title: &str, inner: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · Redress</title><link rel=\"stylesheet\" href=\"/style/redress.css\"></head>\
         <body><header class=\"site-header\"><div class=\"header-inner\"><a class=\"brand\" href=\"/\">\
         <span class=\"brand-mark\" aria-hidden=\"true\">R</span><span class=\"brand-text\">\
         <span class=\"brand-name\">Redress</span></span></a></div></header>\
         <main id=\"main\" class=\"page\"><h1>{title}</h1>{inner}</main></body></html>",
        lang = locale.code(),
        title = escape(title),
    )
}

/// The 500 page, showing the reference support will ask for.
pub fn server_error_page(locale: Locale, reference: &str) -> String {
    let words = error_page_words(locale);
    let inner = format!(
        "<p>{body}</p><p class=\"reference\" id=\"error-reference\">{reference}</p>\
         <p><a href=\"/\">{home}</a></p>",
        body = escape(words.body),
        reference = escape(reference),
        home = escape(words.home),
    );
    plain_page(locale, words.title, &inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_short_and_unambiguous() {
        let reference = new_reference();
        assert_eq!(reference.len(), 13);
        assert!(reference.starts_with("ERR-"));
        assert!(!reference[4..].contains(['I', 'L', 'O', 'U']));
    }

    #[test]
    fn the_500_page_is_localised_and_shows_the_reference() {
        let page = server_error_page(Locale::Ru, "ERR-ABCD-1234");
        assert!(page.contains("lang=\"ru\""));
        assert!(page.contains("ERR-ABCD-1234"));
        assert!(page.contains(error_page_words(Locale::Ru).title));
    }
}
