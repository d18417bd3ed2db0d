//! Reading back what the database holds. A stored value that does not parse is a bug or a
//! tampered row: it becomes an error (logged with a reference by the caller), never a default.

use anyhow::Context;
use serde::de::DeserializeOwned;

/// Parses a stored vocabulary value (`risk_level`, `status` ...) with its `parse` function.
pub fn vocab<T>(value: &str, parse: fn(&str) -> Option<T>, what: &str) -> anyhow::Result<T> {
    parse(value).with_context(|| format!("stored {what} {value:?} is not a known value"))
}

/// Parses a stored JSON document into its type.
pub fn document<T: DeserializeOwned>(json: &str, what: &str) -> anyhow::Result<T> {
    serde_json::from_str(json).with_context(|| format!("stored {what} does not parse"))
}
