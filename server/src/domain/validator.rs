//! The walker that reads a submitted JSON document and names every problem at once, each with
//! its JSON path, so one 422 lists them all (docs/api.md: limits, languages, error shape).
//! Its typed readers return the domain's values; a document is built only when no problem
//! was found.

use super::rules::{has_forbidden_control, valid_email};
use app::i18n::Locale;
use app::types::{FormError, LocalizedText};
use serde::Serialize;
use serde_json::{Map, Value};

/// The longest text a citizen reads, in characters.
pub const MAX_TEXT_CHARS: usize = 4_000;
/// Short texts (names, labels, identifiers) may not break lines; longer ones may.
const MAX_SINGLE_LINE: usize = 200;

/// One problem in a request: which batch item, which field (a JSON path), and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// The batch item, for batches.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<usize>,
    /// A JSON path such as `decisions[3].factors[0].contribution`.
    pub field: String,
    /// Why, in English.
    pub reason: String,
}

/// Collects problems for one document (or one batch item).
pub struct Validator {
    pub index: Option<usize>,
    pub details: Vec<Problem>,
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
        self.details.push(Problem {
            index: self.index,
            field: field.to_string(),
            reason: reason.into(),
        });
    }

    /// How many problems are recorded so far (to tell whether a part added any).
    pub fn count(&self) -> usize {
        self.details.len()
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

    /// A required non-empty string of at most `max` characters, without control characters
    /// (line breaks are allowed in texts longer than a name).
    pub fn string(&mut self, value: Option<&Value>, field: &str, max: usize) -> Option<String> {
        match checked_string(value, max) {
            Ok(text) => Some(text),
            Err(reason) => {
                self.fail(field, reason);
                None
            }
        }
    }

    /// An optional string: absent and `null` both mean none.
    pub fn optional_string(
        &mut self,
        value: Option<&Value>,
        field: &str,
        max: usize,
    ) -> Option<String> {
        match value {
            None | Some(Value::Null) => None,
            some => self.string(some, field, max),
        }
    }

    /// A required email address that can receive mail.
    pub fn email(&mut self, value: Option<&Value>, field: &str) -> Option<String> {
        let address = self.string(value, field, 254)?;
        if valid_email(&address) {
            Some(address)
        } else {
            self.fail(field, "must be an email address");
            None
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

    /// A whole number of at least 1. JSON does not tell `2` from `2.0`, so neither do we.
    pub fn positive_whole(&mut self, value: Option<&Value>, field: &str) -> Option<i32> {
        let number = value.and_then(Value::as_f64);
        match number {
            Some(n) if n.fract() == 0.0 && (1.0..=f64::from(i32::MAX)).contains(&n) => {
                Some(n as i32)
            }
            _ => {
                self.fail(field, "must be a whole number of at least 1");
                None
            }
        }
    }

    /// A required value of a closed vocabulary, read with its `parse` function.
    pub fn choice<T>(
        &mut self,
        value: Option<&Value>,
        field: &str,
        parse: fn(&str) -> Option<T>,
        choices: &str,
    ) -> Option<T> {
        let text = self.string(value, field, 64)?;
        let parsed = parse(&text);
        if parsed.is_none() {
            self.fail(field, format!("must be one of: {choices}"));
        }
        parsed
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
    ) -> Option<LocalizedText> {
        let map = self.object(value, field)?;
        if map.is_empty() {
            self.fail(field, "must give the text in at least one of kk, ru, en");
            return None;
        }
        let before = self.count();
        let mut texts = Vec::with_capacity(map.len());
        for (language, text) in map {
            // The path is only written out for a problem: most texts have none.
            let Some(locale) = Locale::ALL.into_iter().find(|l| l.code() == language) else {
                self.fail(
                    &format!("{field}.{language}"),
                    "is not a supported language (use kk, ru or en)",
                );
                continue;
            };
            match checked_string(Some(text), max) {
                Ok(text) => texts.push((locale, text)),
                Err(reason) => self.fail(&format!("{field}.{language}"), reason),
            }
        }
        (self.count() == before).then(|| LocalizedText::from_pairs(texts))
    }

    /// The items of an optional list of at most `max` items (absent and `null` are empty).
    pub fn list<'a>(&mut self, value: Option<&'a Value>, field: &str, max: usize) -> &'a [Value] {
        match value {
            None | Some(Value::Null) => &[],
            Some(Value::Array(items)) if items.len() > max => {
                self.fail(field, format!("must have at most {max} items"));
                &[]
            }
            Some(Value::Array(items)) => items,
            Some(_) => {
                self.fail(field, "must be a list");
                &[]
            }
        }
    }

    /// The object at `path` with only `known` keys, or a problem for each unknown one.
    pub fn strict_object<'a>(
        &mut self,
        value: Option<&'a Value>,
        path: &str,
        known: &[&str],
    ) -> Option<&'a Map<String, Value>> {
        let map = self.object(value, path)?;
        self.no_unknown_keys(map, path, known);
        Some(map)
    }

    /// Flags every key of `map` not in `known`, so typos do not pass silently.
    pub fn no_unknown_keys(&mut self, map: &Map<String, Value>, prefix: &str, known: &[&str]) {
        for key in map.keys().filter(|k| !known.contains(&k.as_str())) {
            self.fail(&member_path(prefix, key), "is not a known field");
        }
    }
}

/// The JSON path of member `key` of the object at `prefix`: `prefix.key` for a plain name,
/// else `prefix["key"]` quoted as JSON and cut to 64 characters, so an empty, dotted, control
/// or very long key is still named clearly in a 422.
fn member_path(prefix: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key.len() <= 64
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if plain {
        return if prefix.is_empty() {
            key.to_string()
        } else {
            format!("{prefix}.{key}")
        };
    }
    let mut shown: String = key.chars().take(64).collect();
    if key.chars().count() > 64 {
        shown.push('…');
    }
    let quoted = serde_json::to_string(&shown).unwrap_or_else(|_| "\"?\"".into());
    format!("{prefix}[{quoted}]")
}

/// The string `value` holds if it is a required non-empty string of at most `max` characters
/// without control characters (line breaks allowed in texts longer than a name), else why not.
fn checked_string(value: Option<&Value>, max: usize) -> Result<String, String> {
    match value {
        Some(Value::String(s)) => check_string(s, max).map(|()| s.clone()),
        None | Some(Value::Null) => Err("is required".into()),
        Some(_) => Err("must be a string".into()),
    }
}

/// Why the string `s` cannot be a required value of at most `max` characters, if it cannot:
/// empty or blank, too long, or holding control characters (line breaks are allowed in texts
/// longer than a name). Shared with the quick reader of batches (`decision_wire`).
pub fn check_string(s: &str, max: usize) -> Result<(), String> {
    // A string has at least as many bytes as characters, so most need no count.
    if s.trim().is_empty() {
        Err("must not be empty".into())
    } else if s.len() > max && s.chars().count() > max {
        Err(format!("must be at most {max} characters"))
    } else if has_forbidden_control(s, max > MAX_SINGLE_LINE) {
        Err("must not contain control characters".into())
    } else {
        Ok(())
    }
}

/// The form error for a validation reason, so pages can say it in the reader's language.
pub fn reason_code(reason: &str) -> FormError {
    if reason == "is required" || reason == "must not be empty" {
        FormError::FieldRequired
    } else if reason.starts_with("must be at most") {
        FormError::FieldTooLong
    } else if reason.starts_with("must be at least") {
        FormError::FieldTooShort
    } else if reason == "must contain at least one letter" {
        FormError::FieldNoLetter
    } else if reason == "must not contain emoji or pictographs" {
        FormError::FieldPictographs
    } else if reason.contains("control characters") || reason.contains("invisible") {
        FormError::FieldInvisibleCharacters
    } else if reason.starts_with("must be a date") {
        FormError::FieldDate
    } else if reason.starts_with("must give the text") {
        FormError::FieldOneLanguage
    } else if reason.contains("email") {
        FormError::EmailInvalid
    } else if reason.contains("https://") {
        FormError::FieldUrl
    } else {
        FormError::FieldInvalid
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_unknown_key_is_named_even_when_empty_dotted_or_long() {
        assert_eq!(member_path("", "colour"), "colour");
        assert_eq!(member_path("subject", "colour"), "subject.colour");
        assert_eq!(member_path("", ""), "[\"\"]");
        assert_eq!(member_path("subject", "a.b"), "subject[\"a.b\"]");
        assert_eq!(member_path("", "\u{0}"), "[\"\\u0000\"]");
        assert!(member_path("", &"k".repeat(1000)).ends_with("…\"]"));
    }

    #[test]
    fn every_reason_the_validator_gives_has_a_translation_key() {
        assert_eq!(reason_code("is required"), FormError::FieldRequired);
        assert_eq!(
            reason_code("must be at most 350 characters"),
            FormError::FieldTooLong
        );
        assert_eq!(
            reason_code("must be at least 3 characters"),
            FormError::FieldTooShort
        );
        assert_eq!(
            reason_code("must contain at least one letter"),
            FormError::FieldNoLetter
        );
        assert_eq!(
            reason_code("must not contain emoji or pictographs"),
            FormError::FieldPictographs
        );
        assert_eq!(
            reason_code("must not contain invisible formatting characters"),
            FormError::FieldInvisibleCharacters
        );
        assert_eq!(
            reason_code("must not contain control characters"),
            FormError::FieldInvisibleCharacters
        );
        assert_eq!(
            reason_code("must be a date written YYYY-MM-DD"),
            FormError::FieldDate
        );
        assert_eq!(
            reason_code("must give the text in at least one of kk, ru, en"),
            FormError::FieldOneLanguage
        );
        assert_eq!(
            reason_code("must be an email address"),
            FormError::EmailInvalid
        );
        assert_eq!(
            reason_code("must be null or an https:// address"),
            FormError::FieldUrl
        );
        assert_eq!(
            reason_code("must be one of: minimal, medium, high"),
            FormError::FieldInvalid
        );
    }

    #[test]
    fn text_maps_need_a_known_language_and_bounded_text() {
        let mut v = Validator::new(Some(3));
        let text = v.text(Some(&json!({"en": "Hello", "kk": "Сәлем"})), "name", 10);
        assert_eq!(
            text.and_then(|t| t.get(Locale::Kk).map(String::from)),
            Some("Сәлем".into())
        );
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

    #[test]
    fn control_characters_are_named_but_long_texts_may_break_lines() {
        let mut v = Validator::new(None);
        assert!(v
            .string(Some(&json!("id\u{0}")), "external_id", 200)
            .is_none());
        assert!(v
            .string(Some(&json!("two\nlines")), "summary.en", 4_000)
            .is_some());
        assert!(v
            .string(Some(&json!("two\nlines")), "name.en", 200)
            .is_none());
        assert_eq!(v.details.len(), 2);
        assert_eq!(v.details[0].reason, "must not contain control characters");
    }

    #[test]
    fn whole_numbers_may_be_written_with_a_zero_fraction() {
        let mut v = Validator::new(None);
        assert_eq!(
            v.positive_whole(Some(&json!(2.0)), "system_version"),
            Some(2)
        );
        assert_eq!(v.positive_whole(Some(&json!(2)), "system_version"), Some(2));
        assert_eq!(v.positive_whole(Some(&json!(2.5)), "system_version"), None);
        assert_eq!(v.positive_whole(Some(&json!(0)), "system_version"), None);
        assert_eq!(v.positive_whole(Some(&json!("2")), "system_version"), None);
    }
}
