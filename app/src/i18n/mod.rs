//! UI strings from the translation files in `app/locales` (docs/i18n.md), and the language model: the reader's choice, else the deployment default, else any language given, with a note saying so.

use serde::{Deserialize, Serialize};

pub mod appeal_labels;
pub mod catalogue;
pub mod counts;
mod error_page;
mod format;
pub mod labels;
pub mod mail;
pub mod regions;
pub mod stats_words;
pub mod weights;
pub use error_page::{cross_site_words, error_page_words, CrossSiteWords, ErrorPageWords};
pub use format::{format_date, format_day_range, format_value};

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

    /// The same language in the generated catalogue.
    pub fn catalogue(self) -> catalogue::i18n::Locale {
        match self {
            Locale::Kk => catalogue::i18n::Locale::kk,
            Locale::Ru => catalogue::i18n::Locale::ru,
            Locale::En => catalogue::i18n::Locale::en,
        }
    }
}

/// A UI string in `locale`: `tr!(locale, key)` gives a `&'static str`, and
/// `tr!(locale, key, name = value)` a `String` with the `{{ name }}` placeholders filled (for a
/// plural message, `count = n` also picks the form). Keys and argument names are checked when
/// compiling.
#[macro_export]
macro_rules! tr {
    ($locale:expr, $($key_and_args:tt)+) => {
        $crate::i18n::catalogue::i18n::td_string!(($locale).catalogue(), $($key_and_args)+)
    };
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

    use std::collections::{BTreeMap, BTreeSet};

    const PLURAL_FORMS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

    /// Each message of a language file, with the plural forms it gives (none for a plain one).
    fn messages(source: &str) -> BTreeMap<String, BTreeSet<String>> {
        let map: BTreeMap<String, String> = serde_json::from_str(source).unwrap();
        let plural_bases: BTreeSet<&str> = map
            .keys()
            .filter_map(|k| k.strip_suffix("_other"))
            .filter(|base| map.contains_key(&format!("{base}_one")))
            .collect();
        let mut messages: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for key in map.keys() {
            match key.rsplit_once('_') {
                Some((base, form))
                    if plural_bases.contains(base) && PLURAL_FORMS.contains(&form) =>
                {
                    messages
                        .entry(base.to_string())
                        .or_default()
                        .insert(form.to_string());
                }
                _ => {
                    messages.entry(key.clone()).or_default();
                }
            }
        }
        messages
    }

    /// The compiler checks keys against the default language only, and would show a missing
    /// translation in English: this test makes a missing or surplus key in any language, or a
    /// missing plural form, fail.
    #[test]
    fn every_language_has_every_message_and_the_plural_forms_its_rules_need() {
        let files = [
            (
                Locale::Kk,
                include_str!("../../locales/kk.json"),
                &["one", "other"][..],
            ),
            (
                Locale::Ru,
                include_str!("../../locales/ru.json"),
                &["few", "many", "one", "other"][..],
            ),
            (
                Locale::En,
                include_str!("../../locales/en.json"),
                &["one", "other"][..],
            ),
        ];
        let names = |m: &BTreeMap<String, BTreeSet<String>>| m.keys().cloned().collect::<Vec<_>>();
        let english = messages(files[2].1);
        assert!(english.len() > 200);
        for (locale, source, forms) in files {
            let messages = messages(source);
            assert_eq!(
                names(&messages),
                names(&english),
                "{locale:?} lacks or adds keys"
            );
            for (key, given) in messages.iter().filter(|(_, f)| !f.is_empty()) {
                let wanted: BTreeSet<String> = forms.iter().map(|f| f.to_string()).collect();
                assert_eq!(given, &wanted, "{locale:?} {key}: plural forms");
            }
            for (key, given) in &messages {
                assert_eq!(
                    given.is_empty(),
                    english[key].is_empty(),
                    "{locale:?} {key}"
                );
            }
        }
    }

    #[test]
    fn every_message_is_said_in_each_language() {
        for locale in Locale::ALL {
            assert!(!tr!(locale, nav_home).is_empty());
        }
        assert_eq!(tr!(Locale::Kk, nav_register), "ЖИ тізілімі");
        assert_eq!(tr!(Locale::Ru, find_submit), "Показать моё решение");
        assert_eq!(
            tr!(
                Locale::En,
                staff_welcome,
                name = "Aigerim",
                role = "reviewer"
            ),
            "Signed in as Aigerim, reviewer."
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
