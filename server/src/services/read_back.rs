//! An agency reading back one of its stored decisions, as stored: the national id is never
//! returned, since it is kept only as a keyed hash.

use super::error::ServiceError;
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::models::decision;
use crate::db::schema::{ai_system_versions, ai_systems};
use crate::db::{write_transaction, DbConnection};
use crate::domain::decision::DecisionDocument;
use crate::domain::reference::DecisionReference;
use crate::domain::stored;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;

/// A stored decision with the version that decided it and when it was received.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StoredDecision {
    pub reference: String,
    /// The document, with `system_version` the version it was pinned to.
    #[serde(flatten)]
    pub document: DecisionDocument,
    pub received_at: DateTime<Utc>,
    /// Whether a national id was sent (it is kept only as a keyed hash).
    pub national_id_stored: bool,
}

/// The decision `reference` if `agency_id` owns it; `NotFound` otherwise. The read is audited
/// with the `reader` (the agency system's client), as it returns a person's decision.
pub fn read_back(
    conn: &mut DbConnection,
    agency_id: i64,
    reader: Actor,
    reference: &DecisionReference,
) -> Result<StoredDecision, ServiceError> {
    let found =
        decision::find_owned(conn, agency_id, reference.as_str())?.ok_or(ServiceError::NotFound)?;
    write_transaction(conn, |conn| {
        audit::append(
            conn,
            AuditEvent {
                actor: reader,
                action: "decision.read_by_api",
                subject_kind: "decision",
                subject_id: found.reference.clone(),
                details: serde_json::json!({}),
            },
            chrono::Utc::now().naive_utc(),
        )
    })?;
    let (slug, version): (String, i32) = ai_system_versions::table
        .inner_join(ai_systems::table)
        .filter(ai_system_versions::id.eq(found.system_version_id))
        .select((ai_systems::slug, ai_system_versions::version))
        .first(conn)?;
    let mut document: DecisionDocument = stored::document(&found.content_json, "decision")?;
    document.system = slug;
    document.system_version = Some(version);
    Ok(StoredDecision {
        reference: found.reference,
        document,
        received_at: found.created_at.and_utc(),
        national_id_stored: found.subject_national_id_hash.is_some(),
    })
}
