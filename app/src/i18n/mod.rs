//! UI strings from the translation files in `app/locales`, and the language model of DESIGN.md.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

mod format;
pub use format::{format_date, format_value};

/// A language the portal speaks. Kazakh is the deployment default unless configured otherwise.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    Kk,
    Ru,
    En,
}

impl Locale {
    /// Every locale in the order the language switch shows them.
    pub const ALL: [Locale; 3] = [Locale::Kk, Locale::Ru, Locale::En];

    /// The BCP 47 code used in `<html lang>`, cookies and `?lang=`.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Kk => "kk",
            Locale::Ru => "ru",
            Locale::En => "en",
        }
    }

    /// The language's name in itself, as the switch shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::Kk => "Қазақша",
            Locale::Ru => "Русский",
            Locale::En => "English",
        }
    }

    /// Parses a code such as `ru` or `ru-RU` (case-insensitive).
    pub fn parse(code: &str) -> Option<Locale> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "kk" => Some(Locale::Kk),
            "ru" => Some(Locale::Ru),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// Picks the best supported language from an `Accept-Language` header, honouring q-values.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut candidates: Vec<(f32, usize, Locale)> = header
            .split(',')
            .enumerate()
            .filter_map(|(position, part)| {
                let mut pieces = part.split(';');
                let locale = Locale::parse(pieces.next()?)?;
                let quality = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                (quality > 0.0).then_some((quality, position, locale))
            })
            .collect();
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        candidates.first().map(|c| c.2)
    }

    fn table(self) -> &'static HashMap<String, String> {
        static KK: OnceLock<HashMap<String, String>> = OnceLock::new();
        static RU: OnceLock<HashMap<String, String>> = OnceLock::new();
        static EN: OnceLock<HashMap<String, String>> = OnceLock::new();
        let (cell, source) = match self {
            Locale::Kk => (&KK, include_str!("../../locales/kk.json")),
            Locale::Ru => (&RU, include_str!("../../locales/ru.json")),
            Locale::En => (&EN, include_str!("../../locales/en.json")),
        };
        // The files are compiled in and checked by a unit test, so an empty table is unreachable.
        cell.get_or_init(|| serde_json::from_str(source).unwrap_or_default())
    }

    /// The UI string for `key`; a missing key shows as the key itself, which the tests forbid.
    pub fn t(self, key: &str) -> &'static str {
        match self.table().get(key) {
            Some(text) => text.as_str(),
            None => Locale::En
                .table()
                .get(key)
                .map(String::as_str)
                .unwrap_or("?"),
        }
    }

    /// The UI string for `key` with `{name}` placeholders replaced.
    pub fn tf(self, key: &str, args: &[(&str, &str)]) -> String {
        args.iter()
            .fold(self.t(key).to_string(), |text, (name, value)| {
                text.replace(&format!("{{{name}}}"), value)
            })
    }
}

pub use crate::types::LocalizedText;

/// Agency text in the reader's language, else the deployment default, else any language given.
/// The flag is true when the text shown is not in the reader's language, so a note can say so.
pub fn pick_text(
    text: &LocalizedText,
    wanted: Locale,
    default: Locale,
) -> (String, Option<Locale>) {
    if let Some(value) = text.get(wanted) {
        return (value.to_string(), None);
    }
    if let Some(value) = text.get(default) {
        return (value.to_string(), Some(default));
    }
    text.iter()
        .next()
        .map(|(l, v)| (v.to_string(), Some(l)))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(source: &str) -> Vec<String> {
        let map: std::collections::BTreeMap<String, String> = serde_json::from_str(source).unwrap();
        map.into_keys().collect()
    }

    #[test]
    fn every_language_file_has_the_same_keys() {
        let en = keys(include_str!("../../locales/en.json"));
        assert!(!en.is_empty());
        assert_eq!(
            en,
            keys(include_str!("../../locales/kk.json")),
            "kk differs from en"
        );
        assert_eq!(
            en,
            keys(include_str!("../../locales/ru.json")),
            "ru differs from en"
        );
    }

    #[test]
    fn accept_language_honours_quality() {
        assert_eq!(
            Locale::from_accept_language("de-DE,en;q=0.5,ru;q=0.9"),
            Some(Locale::Ru)
        );
        assert_eq!(Locale::from_accept_language("kk-KZ"), Some(Locale::Kk));
        assert_eq!(Locale::from_accept_language("fr, de"), None);
    }

    #[test]
    fn agency_text_falls_back_to_default_then_any() {
        let text = LocalizedText::from_pairs([(Locale::Ru, "Текст")]);
        assert_eq!(
            pick_text(&text, Locale::Ru, Locale::Kk),
            ("Текст".into(), None)
        );
        assert_eq!(
            pick_text(&text, Locale::En, Locale::Kk),
            ("Текст".into(), Some(Locale::Ru))
        );
        let text = LocalizedText::from_pairs([(Locale::Ru, "Текст"), (Locale::Kk, "Мәтін")]);
        assert_eq!(
            pick_text(&text, Locale::En, Locale::Kk),
            ("Мәтін".into(), Some(Locale::Kk))
        );
    }
}
