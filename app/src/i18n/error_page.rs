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

/// The words of the pages a request from another site gets (a refused form, a link to a staff
/// page to follow again from this site).
pub struct CrossSiteWords {
    pub refused_title: &'static str,
    pub refused_body: &'static str,
    pub home: &'static str,
    pub continue_title: &'static str,
    pub continue_body: &'static str,
    pub continue_link: &'static str,
}

/// Those words in `locale`.
pub fn cross_site_words(locale: Locale) -> CrossSiteWords {
    CrossSiteWords {
        refused_title: tr!(locale, cross_site_refused_title),
        refused_body: tr!(locale, cross_site_refused_body),
        home: tr!(locale, back_home),
        continue_title: tr!(locale, cross_site_continue_title),
        continue_body: tr!(locale, cross_site_continue_body),
        continue_link: tr!(locale, cross_site_continue_link),
    }
}
