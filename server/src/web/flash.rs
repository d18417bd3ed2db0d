//! The flash cookie: what a form post hands to the page it redirects to (typed values and
//! errors, or a notice). Read once by the next page, then cleared.

use app::types::{FieldError, Flash};
use base64::Engine;

/// The cookie holding the flash.
pub const COOKIE: &str = "redress_flash";
const MAX_VALUE_CHARS: usize = 300;

/// Encodes a flash for the cookie.
pub fn encode(flash: &Flash) -> String {
    let json = serde_json::to_vec(flash).unwrap_or_default();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
}

/// Decodes the cookie; anything malformed is ignored.
pub fn decode(value: &str) -> Option<Flash> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(value)
        .ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// A flash carrying errors and the values typed (never passwords: callers pass only safe fields).
pub fn with_errors(form: &str, values: &[(&str, &str)], errors: Vec<FieldError>) -> Flash {
    Flash {
        form: form.into(),
        values: values
            .iter()
            .map(|(k, v)| (k.to_string(), v.chars().take(MAX_VALUE_CHARS).collect()))
            .collect(),
        errors,
        notice: None,
    }
}

/// A flash carrying a notice (a translation key) for `form`'s page.
pub fn notice(form: &str, key: &str) -> Flash {
    Flash {
        form: form.into(),
        notice: Some(key.into()),
        ..Flash::default()
    }
}

/// One field error.
pub fn field_error(field: &str, code: &str) -> FieldError {
    FieldError {
        field: field.into(),
        code: code.into(),
    }
}
