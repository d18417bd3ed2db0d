//! Walking a JSON document and collecting every problem with its path, so one 422 names
//! them all (shared/API.md's limits and language rules live here).

use super::error::Detail;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The longest text a citizen reads, in characters.
pub const MAX_TEXT_CHARS: usize = 4_000;
const LANGUAGES: [&str; 3] = ["kk", "ru", "en"];

/// Collects problems for one document (or one batch item).
pub struct Validator {
    pub index: Option<usize>,
    pub details: Vec<Detail>,
}

impl Validator {
    /// A validator for batch item `index`, or a single document.
    pub fn new(index: Option<usize>) -> Validator {
        Validator {
            index,
            details: Vec::new(),
        }
    }

    /// Records a problem at `field`.
    pub fn fail(&mut self, field: &str, reason: impl Into<String>) {
        self.details.push(Detail {
            index: self.index,
            field: field.to_string(),
            reason: reason.into(),
        });
    }

    /// The object at `field`, or a problem.
    pub fn object<'a>(
        &mut self,
        value: Option<&'a Value>,
        field: &str,
    ) -> Option<&'a Map<String, Value>> {
        match value {
            Some(Value::Object(map)) => Some(map),
            None | Some(Value::Null) => {
                self.fail(field, "is required");
                None
            }
            Some(_) => {
                self.fail(field, "must be an object");
                None
            }
        }
    }

    /// A required non-empty string of at most `max` characters.
    pub fn string(&mut self, value: Option<&Value>, field: &str, max: usize) -> Option<String> {
        match value {
            Some(Value::String(s)) if s.trim().is_empty() => {
                self.fail(field, "must not be empty");
                None
            }
            Some(Value::String(s)) if s.chars().count() > max => {
                self.fail(field, format!("must be at most {max} characters"));
                None
            }
            Some(Value::String(s)) => Some(s.clone()),
            None | Some(Value::Null) => {
                self.fail(field, "is required");
                None
            }
            Some(_) => {
                self.fail(field, "must be a string");
                None
            }
        }
    }

    /// A required boolean.
    pub fn boolean(&mut self, value: Option<&Value>, field: &str) -> Option<bool> {
        match value {
            Some(Value::Bool(b)) => Some(*b),
            None | Some(Value::Null) => {
                self.fail(field, "is required");
                None
            }
            Some(_) => {
                self.fail(field, "must be true or false");
                None
            }
        }
    }

    /// A required string from `allowed`.
    pub fn one_of(
        &mut self,
        value: Option<&Value>,
        field: &str,
        allowed: &[&str],
    ) -> Option<String> {
        let text = self.string(value, field, 64)?;
        if allowed.contains(&text.as_str()) {
            Some(text)
        } else {
            self.fail(field, format!("must be one of: {}", allowed.join(", ")));
            None
        }
    }

    /// A required calendar date `YYYY-MM-DD`.
    pub fn date(&mut self, value: Option<&Value>, field: &str) -> Option<String> {
        let text = self.string(value, field, 10)?;
        if chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d").is_ok() {
            Some(text)
        } else {
            self.fail(field, "must be a date written YYYY-MM-DD");
            None
        }
    }

    /// A map from language code to text: at least one of kk, ru, en, no other key, each
    /// non-empty and at most `max` characters.
    pub fn text(
        &mut self,
        value: Option<&Value>,
        field: &str,
        max: usize,
    ) -> Option<BTreeMap<String, String>> {
        let map = self.object(value, field)?;
        if map.is_empty() {
            self.fail(field, "must give the text in at least one of kk, ru, en");
            return None;
        }
        let mut texts = BTreeMap::new();
        let before = self.details.len();
        for (language, text) in map {
            let path = format!("{field}.{language}");
            if !LANGUAGES.contains(&language.as_str()) {
                self.fail(&path, "is not a supported language (use kk, ru or en)");
                continue;
            }
            if let Some(text) = self.string(Some(text), &path, max) {
                texts.insert(language.clone(), text);
            }
        }
        (self.details.len() == before).then_some(texts)
    }

    /// Flags every key of `map` not in `known`, so typos do not pass silently.
    pub fn no_unknown_keys(&mut self, map: &Map<String, Value>, prefix: &str, known: &[&str]) {
        for key in map.keys().filter(|k| !known.contains(&k.as_str())) {
            let field = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            self.fail(&field, "is not a known field");
        }
    }
}

/// The translation key for a validation reason, so pages can say it in the reader's language.
pub fn reason_code(reason: &str) -> &'static str {
    if reason == "is required" || reason == "must not be empty" {
        "error_field_required"
    } else if reason.starts_with("must be at most") {
        "error_field_too_long"
    } else if reason.starts_with("must be a date") {
        "error_field_date"
    } else if reason.starts_with("must give the text") {
        "error_field_one_language"
    } else if reason.contains("email") {
        "error_email_invalid"
    } else if reason.contains("https://") {
        "error_field_url"
    } else {
        "error_field_invalid"
    }
}

/// Parses a request body as JSON: malformed JSON is a 400, not a 422.
pub fn parse_body(body: &[u8]) -> Result<Value, super::error::ApiError> {
    serde_json::from_slice(body)
        .map_err(|e| super::error::ApiError::malformed(format!("the body is not valid JSON: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_reason_the_validator_gives_has_a_translation_key() {
        assert_eq!(reason_code("is required"), "error_field_required");
        assert_eq!(
            reason_code("must be at most 350 characters"),
            "error_field_too_long"
        );
        assert_eq!(
            reason_code("must be a date written YYYY-MM-DD"),
            "error_field_date"
        );
        assert_eq!(
            reason_code("must give the text in at least one of kk, ru, en"),
            "error_field_one_language"
        );
        assert_eq!(
            reason_code("must be an email address"),
            "error_email_invalid"
        );
        assert_eq!(
            reason_code("must be null or an https:// address"),
            "error_field_url"
        );
        assert_eq!(
            reason_code("must be one of: minimal, medium, high"),
            "error_field_invalid"
        );
    }

    #[test]
    fn text_maps_need_a_known_language_and_bounded_text() {
        let mut v = Validator::new(Some(3));
        assert!(v
            .text(Some(&json!({"en": "Hello", "kk": "Сәлем"})), "name", 10)
            .is_some());
        assert!(v.details.is_empty());
        assert!(v.text(Some(&json!({"de": "Hallo"})), "name", 10).is_none());
        assert!(v.text(Some(&json!({})), "summary", 10).is_none());
        assert!(v
            .text(Some(&json!({"en": "far too long a text"})), "purpose", 10)
            .is_none());
        let fields: Vec<_> = v
            .details
            .iter()
            .map(|d| (d.index, d.field.as_str()))
            .collect();
        assert_eq!(
            fields,
            vec![
                (Some(3), "name.de"),
                (Some(3), "summary"),
                (Some(3), "purpose.en")
            ]
        );
    }
}
