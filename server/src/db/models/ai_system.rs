//! AI systems (register entries) and their versions: every change is a new version.

use crate::db::schema::{ai_system_versions, ai_systems};
use crate::db::DbConnection;
use crate::domain::stored;
use app::types::{RegisterEntryContent, RiskLevel, SystemStatus, SystemSummary};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use sha2::{Digest, Sha256};

/// The register content of one version.
pub type SystemContent = RegisterEntryContent;

/// Current versions of an agency's systems, for staff lists.
pub fn list_current_for_agency(
    conn: &mut DbConnection,
    agency_id: i64,
) -> anyhow::Result<Vec<SystemSummary>> {
    let rows: Vec<(String, i32, String, String, String)> = ai_systems::table
        .inner_join(
            ai_system_versions::table.on(ai_system_versions::system_id
                .eq(ai_systems::id)
                .and(ai_system_versions::version.eq(ai_systems::current_version))),
        )
        .filter(ai_systems::agency_id.eq(agency_id))
        .order(ai_systems::slug.asc())
        .select((
            ai_systems::slug,
            ai_systems::current_version,
            ai_system_versions::content_json,
            ai_system_versions::risk_level,
            ai_system_versions::status,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(slug, version, content, risk_level, status)| {
            let content: RegisterEntryContent = stored::document(&content, "register entry")?;
            Ok(SystemSummary {
                slug,
                name: content.name,
                risk_level: stored::vocab(&risk_level, RiskLevel::parse, "risk level")?,
                status: stored::vocab(&status, SystemStatus::parse, "status")?,
                version,
            })
        })
        .collect()
}

/// The only part of an entry a name list reads; the rest of the document is skipped.
#[derive(serde::Deserialize)]
struct EntryName {
    name: app::types::LocalizedText,
}

/// Every registered system's slug and the name its current version gives, by slug; only
/// `agency_id`'s when given.
pub fn names(
    conn: &mut DbConnection,
    agency_id: Option<i64>,
) -> anyhow::Result<Vec<(String, app::types::LocalizedText)>> {
    let mut query = ai_systems::table
        .inner_join(
            ai_system_versions::table.on(ai_system_versions::system_id
                .eq(ai_systems::id)
                .and(ai_system_versions::version.eq(ai_systems::current_version))),
        )
        .select((ai_systems::slug, ai_system_versions::content_json))
        .order(ai_systems::slug.asc())
        .into_boxed();
    if let Some(id) = agency_id {
        query = query.filter(ai_systems::agency_id.eq(id));
    }
    let rows: Vec<(String, String)> = query.load(conn)?;
    rows.into_iter()
        .map(|(slug, content)| {
            let entry: EntryName = stored::document(&content, "register entry")?;
            Ok((slug, entry.name))
        })
        .collect()
}

/// A canonical hash of content (keys sorted), so identical content makes no new version.
pub fn content_hash(content: &SystemContent) -> String {
    // Through a JSON value, whose maps are ordered by key, so the form is canonical.
    let canonical = serde_json::to_value(content)
        .map(|v| v.to_string())
        .unwrap_or_default();
    hex::encode(Sha256::digest(canonical.as_bytes()))
}

/// Lower-cased text of every language's name and description, for search on both backends.
pub fn search_text(content: &SystemContent) -> String {
    content
        .name
        .iter()
        .chain(content.description.iter())
        .map(|(_, text)| text.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What saving an entry did.
#[derive(Debug, PartialEq, Eq)]
pub enum SaveOutcome {
    Created {
        version: i32,
    },
    Unchanged {
        version: i32,
    },
    /// The slug belongs to another agency.
    OwnedByAnother,
}

/// Publishes `content` under `slug` for `agency_id` with the publisher's `change_note`: a new
/// version when it differs from the current one.
pub fn save_version(
    conn: &mut DbConnection,
    agency_id: i64,
    slug: &str,
    content: &SystemContent,
    change_note: &str,
    now: NaiveDateTime,
) -> QueryResult<SaveOutcome> {
    let hash = content_hash(content);
    let risk = content.risk_level.as_str();
    let status = content.status.as_str();
    let stored = serde_json::to_string(content)
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    let existing: Option<(i64, i64, i32)> = ai_systems::table
        .filter(ai_systems::slug.eq(slug))
        .select((
            ai_systems::id,
            ai_systems::agency_id,
            ai_systems::current_version,
        ))
        .first(conn)
        .optional()?;
    let (system_id, version) = match existing {
        Some((_, owner, _)) if owner != agency_id => return Ok(SaveOutcome::OwnedByAnother),
        Some((id, _, current)) => {
            let current_hash: String = ai_system_versions::table
                .filter(ai_system_versions::system_id.eq(id))
                .filter(ai_system_versions::version.eq(current))
                .select(ai_system_versions::content_hash)
                .first(conn)?;
            if current_hash == hash {
                return Ok(SaveOutcome::Unchanged { version: current });
            }
            diesel::update(ai_systems::table.find(id))
                .set((
                    ai_systems::current_version.eq(current + 1),
                    ai_systems::updated_at.eq(now),
                ))
                .execute(conn)?;
            (id, current + 1)
        }
        None => {
            diesel::insert_into(ai_systems::table)
                .values((
                    ai_systems::slug.eq(slug),
                    ai_systems::agency_id.eq(agency_id),
                    ai_systems::current_version.eq(1),
                    ai_systems::created_at.eq(now),
                    ai_systems::updated_at.eq(now),
                ))
                .execute(conn)?;
            let id = ai_systems::table
                .filter(ai_systems::slug.eq(slug))
                .select(ai_systems::id)
                .first(conn)?;
            (id, 1)
        }
    };
    diesel::insert_into(ai_system_versions::table)
        .values((
            ai_system_versions::system_id.eq(system_id),
            ai_system_versions::version.eq(version),
            ai_system_versions::content_json.eq(stored),
            ai_system_versions::content_hash.eq(&hash),
            ai_system_versions::risk_level.eq(risk),
            ai_system_versions::status.eq(status),
            ai_system_versions::search_text.eq(search_text(content)),
            ai_system_versions::created_at.eq(now),
            ai_system_versions::change_note.eq(change_note),
        ))
        .execute(conn)?;
    Ok(SaveOutcome::Created { version })
}

/// One version of an entry as the public API shows it (fields in the order the queries select them).
#[derive(Debug, Clone, Queryable)]
pub struct PublishedVersion {
    pub slug: String,
    pub agency_slug: String,
    pub version: i32,
    pub content_json: String,
    pub created_at: NaiveDateTime,
    /// What changed, in the publisher's words; `None` for versions published before review.
    pub change_note: Option<String>,
}

/// The published content and its hash of `slug`'s current version, with its owner, if the
/// slug is registered.
pub fn current_of(conn: &mut DbConnection, slug: &str) -> QueryResult<Option<CurrentVersion>> {
    ai_systems::table
        .inner_join(
            ai_system_versions::table.on(ai_system_versions::system_id
                .eq(ai_systems::id)
                .and(ai_system_versions::version.eq(ai_systems::current_version))),
        )
        .filter(ai_systems::slug.eq(slug))
        .select((
            ai_systems::agency_id,
            ai_systems::current_version,
            ai_system_versions::content_json,
            ai_system_versions::content_hash,
        ))
        .first(conn)
        .optional()
}

/// The current published version of an entry, for comparing a change with it.
#[derive(Debug, Clone, Queryable)]
pub struct CurrentVersion {
    pub agency_id: i64,
    pub version: i32,
    pub content_json: String,
    pub content_hash: String,
}

/// The current version of every entry, by slug.
pub fn list_current(conn: &mut DbConnection) -> QueryResult<Vec<PublishedVersion>> {
    use crate::db::schema::agencies;
    ai_systems::table
        .inner_join(agencies::table)
        .inner_join(
            ai_system_versions::table.on(ai_system_versions::system_id
                .eq(ai_systems::id)
                .and(ai_system_versions::version.eq(ai_systems::current_version))),
        )
        .order(ai_systems::slug.asc())
        .select((
            ai_systems::slug,
            agencies::slug,
            ai_system_versions::version,
            ai_system_versions::content_json,
            ai_system_versions::created_at,
            ai_system_versions::change_note,
        ))
        .load(conn)
}

/// Every version of one entry, newest first.
pub fn history(conn: &mut DbConnection, slug: &str) -> QueryResult<Vec<PublishedVersion>> {
    use crate::db::schema::agencies;
    ai_systems::table
        .inner_join(agencies::table)
        .inner_join(ai_system_versions::table)
        .filter(ai_systems::slug.eq(slug))
        .order(ai_system_versions::version.desc())
        .select((
            ai_systems::slug,
            agencies::slug,
            ai_system_versions::version,
            ai_system_versions::content_json,
            ai_system_versions::created_at,
            ai_system_versions::change_note,
        ))
        .load(conn)
}
