//! The words of the server's own error page, written without Leptos when a page cannot render.

use super::Locale;
use crate::tr;

/// The title, the explanation before the support reference, and the link home.
pub struct ErrorPageWords {
    pub title: &'static str,
    pub body: &'static str,
    pub home: &'static str,
}

/// The error page's words in `locale`.
pub fn error_page_words(locale: Locale) -> ErrorPageWords {
    ErrorPageWords {
        title: tr!(locale, error_title),
        body: tr!(locale, server_error_body),
        home: tr!(locale, back_home),
    }
}
