//! A queued message made ready to send: its words in the recipient's language, laid out as
//! text and HTML, the link made absolute with the portal's public address.

use super::compose::{self, Bodies};
use app::i18n::mail::mail_words;
use app::i18n::Locale;
use app::types::{MailFacts, MessageKind};

/// A message ready for a transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub bodies: Bodies,
}

/// Renders `kind` in `language` from `facts`, whose link is a path on the portal.
pub fn render(
    kind: MessageKind,
    language: Locale,
    facts: &MailFacts,
    public_url: &str,
) -> Rendered {
    let mut facts = facts.clone();
    facts.link = absolute(public_url, &facts.link);
    let words = mail_words(language, kind, &facts);
    Rendered {
        bodies: compose::bodies(&words, &facts.link, language.code()),
        subject: words.subject,
    }
}

/// The subject alone (lists and the citizen's data export).
pub fn subject(kind: MessageKind, language: Locale, facts: &MailFacts) -> String {
    mail_words(language, kind, facts).subject
}

fn absolute(public_url: &str, path: &str) -> String {
    if path.starts_with("http://") || path.starts_with("https://") {
        return path.to_string();
    }
    format!("{}{}", public_url.trim_end_matches('/'), path)
}
