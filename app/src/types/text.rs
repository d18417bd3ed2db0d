//! Text written by an agency in one or more of the portal's languages (docs/api.md: "a map
//! from language code to text"). Keys are [`Locale`]s, so no other language can be stored.

use crate::i18n::Locale;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Agency-written text keyed by language, in the order kk, ru, en.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LocalizedText(BTreeMap<Locale, String>);

impl LocalizedText {
    /// Text from `(language, text)` pairs; a later pair for the same language wins.
    pub fn from_pairs<S: Into<String>>(pairs: impl IntoIterator<Item = (Locale, S)>) -> Self {
        LocalizedText(pairs.into_iter().map(|(l, t)| (l, t.into())).collect())
    }

    /// The text in `locale`, if given.
    pub fn get(&self, locale: Locale) -> Option<&str> {
        self.0.get(&locale).map(String::as_str)
    }

    /// Each language given with its text, kk first.
    pub fn iter(&self) -> impl Iterator<Item = (Locale, &str)> {
        self.0.iter().map(|(l, t)| (*l, t.as_str()))
    }

    /// Whether no language is given.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Only the text in `locale`, else in `default`, else the first given: what a page that
    /// shows one language needs to carry.
    pub fn only(&self, locale: Locale, default: Locale) -> LocalizedText {
        let (shown, text) = match (self.get(locale), self.get(default)) {
            (Some(t), _) => (locale, t),
            (None, Some(t)) => (default, t),
            (None, None) => match self.iter().next() {
                Some(first) => first,
                None => return LocalizedText::default(),
            },
        };
        LocalizedText::from_pairs([(shown, text)])
    }
}

/// In the API's documents: an object with at least one of `kk`, `ru`, `en`, and no other key.
#[cfg(feature = "ssr")]
impl utoipa::PartialSchema for LocalizedText {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{AdditionalProperties, ObjectBuilder, Type};
        let text = || {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .min_length(Some(1))
                .max_length(Some(4_000))
        };
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some(
                "Text in one or more of the portal's languages: kk (Kazakh), ru (Russian), en (English).",
            ))
            .property("kk", text())
            .property("ru", text())
            .property("en", text())
            .min_properties(Some(1))
            .additional_properties(Some(AdditionalProperties::FreeForm(false)))
            .into()
    }
}

#[cfg(feature = "ssr")]
impl utoipa::ToSchema for LocalizedText {}
