//! The register of AI systems: saving an entry (from the API, the staff editor or the demo
//! seed), which makes a draft for the owning agency's supervisors to review, or publishes it
//! at once when the caller may publish and says what changed; and reading published versions
//! back as typed documents (docs/api.md, "Drafts and publishing").

use super::error::{problem, ServiceError};
use crate::db::models::ai_system::{self, PublishedVersion, SaveOutcome};
use crate::db::models::ai_system_draft::{self, NewDraft};
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::{write_transaction, DbConnection};
use crate::domain::rules::change_note_problem;
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

/// Whether the version a save names is public yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntryState {
    /// Waiting for a supervisor of the owning agency to publish it.
    Draft,
    /// Public: the register, the API, ingest and statistics see it.
    Published,
}

/// The slug, the version this save made or found (a draft's is the version it will become
/// when published), whether that version is public, and whether this save made anything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Saved {
    pub slug: String,
    pub version: i32,
    pub state: EntryState,
    pub status: SaveStatus,
}

/// How a save should reach the public.
#[derive(Debug, Clone, Copy)]
pub enum Publication<'a> {
    /// As a draft, for a supervisor to review.
    Draft,
    /// At once, with the publisher's note of what changed (checked here).
    Now { change_note: &'a str },
}

/// Saves `content` as the agency's entry. As a draft, it replaces the entry's draft (nothing
/// is made when the draft or the published version already says the same); published, it is
/// a new version when it differs from the current one, and any draft of the entry is dropped,
/// being older than what was just published. 409 when another agency registered the slug
/// first; 422 naming `change_note` when the note breaks its rule. What is made is audited with
/// who made it.
pub fn save_entry(
    conn: &mut DbConnection,
    agency_id: i64,
    actor: Actor,
    content: &RegisterEntryContent,
    publication: Publication<'_>,
    at: DateTime<Utc>,
) -> Result<Saved, ServiceError> {
    if let Publication::Now { change_note } = publication {
        if let Some(reason) = change_note_problem(change_note) {
            return Err(ServiceError::Invalid(vec![problem("change_note", reason)]));
        }
    }
    let slug = content.slug.clone();
    let saved = write_transaction(conn, |conn| {
        crate::db::take_turns_on(conn, &format!("register entry {slug}"))?;
        let published = ai_system::current_of(conn, &slug)?;
        let draft = ai_system_draft::find(conn, &slug)?;
        let owner = published
            .as_ref()
            .map(|p| p.agency_id)
            .or(draft.as_ref().map(|d| d.agency_id));
        if owner.is_some_and(|owner| owner != agency_id) {
            return Err(ServiceError::Conflict {
                message: format!("the slug {slug} is registered by another agency"),
                details: vec![problem("slug", "belongs to another agency")],
            });
        }
        match publication {
            Publication::Now { change_note } => {
                publish(conn, agency_id, actor, content, change_note.trim(), at)
            }
            Publication::Draft => {
                let hash = ai_system::content_hash(content);
                let base_version = published.as_ref().map_or(0, |p| p.version);
                if published.as_ref().is_some_and(|p| p.content_hash == hash) {
                    return Ok(Saved {
                        slug: slug.clone(),
                        version: base_version,
                        state: EntryState::Published,
                        status: SaveStatus::Unchanged,
                    });
                }
                if draft.as_ref().is_some_and(|d| d.content_hash == hash) {
                    return Ok(Saved {
                        slug: slug.clone(),
                        version: base_version + 1,
                        state: EntryState::Draft,
                        status: SaveStatus::Unchanged,
                    });
                }
                let stored = serde_json::to_string(content).map_err(anyhow::Error::from)?;
                ai_system_draft::put(
                    conn,
                    &NewDraft {
                        slug: &slug,
                        agency_id,
                        base_version,
                        content_json: &stored,
                        content_hash: &hash,
                    },
                    at.naive_utc(),
                )?;
                audit::append(
                    conn,
                    AuditEvent {
                        actor,
                        action: "register.draft_saved",
                        subject_kind: "ai_system",
                        subject_id: slug.clone(),
                        details: serde_json::json!({ "base_version": base_version }),
                    },
                    at.naive_utc(),
                )?;
                Ok(Saved {
                    slug: slug.clone(),
                    version: base_version + 1,
                    state: EntryState::Draft,
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

/// Publishes `content` with `change_note` (already checked) inside the caller's transaction:
/// a new version unless identical to the current one (then nothing changes). A new version
/// drops the entry's draft, which was made from what it supersedes. Audited as `register.version_published`.
pub(super) fn publish(
    conn: &mut DbConnection,
    agency_id: i64,
    actor: Actor,
    content: &RegisterEntryContent,
    change_note: &str,
    at: DateTime<Utc>,
) -> Result<Saved, ServiceError> {
    let slug = content.slug.clone();
    let outcome =
        ai_system::save_version(conn, agency_id, &slug, content, change_note, at.naive_utc())?;
    match outcome {
        SaveOutcome::OwnedByAnother => Err(ServiceError::Conflict {
            message: format!("the slug {slug} is registered by another agency"),
            details: vec![problem("slug", "belongs to another agency")],
        }),
        SaveOutcome::Unchanged { version } => Ok(Saved {
            slug,
            version,
            state: EntryState::Published,
            status: SaveStatus::Unchanged,
        }),
        SaveOutcome::Created { version } => {
            let draft_dropped = ai_system_draft::remove(conn, &slug)?;
            audit::append(
                conn,
                AuditEvent {
                    actor,
                    action: "register.version_published",
                    subject_kind: "ai_system",
                    subject_id: slug.clone(),
                    details: serde_json::json!({
                        "version": version,
                        "change_note": change_note,
                        "draft_dropped": draft_dropped,
                    }),
                },
                at.naive_utc(),
            )?;
            Ok(Saved {
                slug,
                version,
                state: EntryState::Published,
                status: SaveStatus::Created,
            })
        }
    }
}

/// The content `slug`'s editor starts from if `agency_id` owns it: its draft when it has one
/// (so a supervisor goes on with the change under review), else its current version;
/// `NotFound` otherwise.
pub fn editable_entry(
    conn: &mut DbConnection,
    agency_id: i64,
    slug: &str,
) -> Result<RegisterEntryContent, ServiceError> {
    if let Some(draft) = ai_system_draft::find(conn, slug)? {
        if draft.agency_id != agency_id {
            return Err(ServiceError::NotFound);
        }
        return Ok(stored::document(&draft.content_json, "register draft")?);
    }
    match ai_system::current_of(conn, slug)? {
        Some(current) if current.agency_id == agency_id => {
            Ok(stored::document(&current.content_json, "register entry")?)
        }
        _ => Err(ServiceError::NotFound),
    }
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
    /// What this version changed, in its publisher's words; absent for versions published
    /// before review.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change_note: Option<String>,
}

impl PublishedEntry {
    fn read(version: PublishedVersion) -> Result<PublishedEntry, ServiceError> {
        Ok(PublishedEntry {
            content: stored::document(&version.content_json, "register entry")?,
            agency: version.agency_slug,
            version: version.version,
            published_at: version.created_at.and_utc(),
            change_note: version.change_note,
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
