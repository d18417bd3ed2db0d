//! The register of AI systems in the API: create (a new version on changed content), list, read.

pub mod create;
pub mod entry;
pub mod read;

use crate::db::models::ai_system::PublishedVersion;
use serde_json::{json, Value};

/// The JSON of one published version.
pub fn version_json(version: &PublishedVersion) -> Value {
    let mut content: Value = serde_json::from_str(&version.content_json).unwrap_or(Value::Null);
    if let Some(object) = content.as_object_mut() {
        object.insert("agency".into(), json!(version.agency_slug));
        object.insert("version".into(), json!(version.version));
        object.insert(
            "published_at".into(),
            json!(version.created_at.and_utc().to_rfc3339()),
        );
    }
    content
}
