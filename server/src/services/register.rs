//! The register of AI systems: saving an entry (a new version when its content changed, from
//! the API, the staff editor or the demo seed, audited the same way from each), and reading
//! published versions back as typed documents.

use super::error::{problem, ServiceError};
use crate::db::models::ai_system::{self, PublishedVersion, SaveOutcome};
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::{write_transaction, DbConnection};
use crate::domain::stored;
use app::types::RegisterEntryContent;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// What a save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SaveStatus {
    Created,
    Unchanged,
}

/// The slug, the version now current, and whether this save made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Saved {
    pub slug: String,
    pub version: i32,
    pub status: SaveStatus,
}

/// Saves `content` as the agency's entry: a new version when it differs from the current one,
/// nothing when identical; 409 when another agency registered the slug first. A new version
/// is written to the audit log with who made it.
pub fn save_entry(
    conn: &mut DbConnection,
    agency_id: i64,
    actor: Actor,
    content: &RegisterEntryContent,
    at: DateTime<Utc>,
) -> Result<Saved, ServiceError> {
    let slug = content.slug.clone();
    let saved = write_transaction(conn, |conn| {
        crate::db::take_turns_on(conn, &format!("register entry {slug}"))?;
        let outcome = ai_system::save_version(conn, agency_id, &slug, content, at.naive_utc())?;
        match outcome {
            SaveOutcome::OwnedByAnother => Err(ServiceError::Conflict {
                message: format!("the slug {slug} is registered by another agency"),
                details: vec![problem("slug", "belongs to another agency")],
            }),
            SaveOutcome::Unchanged { version } => Ok(Saved {
                slug: slug.clone(),
                version,
                status: SaveStatus::Unchanged,
            }),
            SaveOutcome::Created { version } => {
                audit::append(
                    conn,
                    AuditEvent {
                        actor,
                        action: "register.version_published",
                        subject_kind: "ai_system",
                        subject_id: slug.clone(),
                        details: serde_json::json!({ "version": version }),
                    },
                    at.naive_utc(),
                )?;
                Ok(Saved {
                    slug: slug.clone(),
                    version,
                    status: SaveStatus::Created,
                })
            }
        }
    })?;
    // The public register list shows this entry (`web::page_cache`).
    if saved.status == SaveStatus::Created {
        super::page_versions::changed();
    }
    Ok(saved)
}

/// The current content of `slug` if `agency_id` owns it; `NotFound` otherwise.
pub fn editable_entry(
    conn: &mut DbConnection,
    agency_id: i64,
    slug: &str,
) -> Result<RegisterEntryContent, ServiceError> {
    let current = ai_system::history(conn, slug)?
        .into_iter()
        .next()
        .ok_or(ServiceError::NotFound)?;
    let owner = crate::db::models::agency::find_by_slug(conn, &current.agency_slug)?
        .ok_or(ServiceError::NotFound)?;
    if owner.id != agency_id {
        return Err(ServiceError::NotFound);
    }
    Ok(stored::document(&current.content_json, "register entry")?)
}

/// One published version as the public API shows it: every field of the entry, its agency,
/// its version number and when it was published.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PublishedEntry {
    #[serde(flatten)]
    pub content: RegisterEntryContent,
    pub agency: String,
    pub version: i32,
    pub published_at: DateTime<Utc>,
}

impl PublishedEntry {
    fn read(version: PublishedVersion) -> Result<PublishedEntry, ServiceError> {
        Ok(PublishedEntry {
            content: stored::document(&version.content_json, "register entry")?,
            agency: version.agency_slug,
            version: version.version,
            published_at: version.created_at.and_utc(),
        })
    }
}

/// The current version of every entry, by slug.
pub fn current_entries(conn: &mut DbConnection) -> Result<Vec<PublishedEntry>, ServiceError> {
    ai_system::list_current(conn)?
        .into_iter()
        .map(PublishedEntry::read)
        .collect()
}

/// Every version of one entry, newest first; `NotFound` when there is no such entry.
pub fn entry_history(
    conn: &mut DbConnection,
    slug: &str,
) -> Result<Vec<PublishedEntry>, ServiceError> {
    let versions = ai_system::history(conn, slug)?;
    if versions.is_empty() {
        return Err(ServiceError::NotFound);
    }
    versions.into_iter().map(PublishedEntry::read).collect()
}
