//! Drafts of register entries: at most one per slug, waiting for a supervisor of the owning
//! agency to publish or discard it (docs/api.md, "Drafts and publishing").

use crate::db::schema::ai_system_drafts;
use crate::db::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// One stored draft (fields in the order the queries select them).
#[derive(Debug, Clone, Queryable)]
pub struct Draft {
    pub slug: String,
    pub agency_id: i64,
    /// The published version it was made from; 0 for an entry never published.
    pub base_version: i32,
    pub content_json: String,
    pub content_hash: String,
    pub updated_at: NaiveDateTime,
}

type DraftColumns = (
    ai_system_drafts::slug,
    ai_system_drafts::agency_id,
    ai_system_drafts::base_version,
    ai_system_drafts::content_json,
    ai_system_drafts::content_hash,
    ai_system_drafts::updated_at,
);

const COLUMNS: DraftColumns = (
    ai_system_drafts::slug,
    ai_system_drafts::agency_id,
    ai_system_drafts::base_version,
    ai_system_drafts::content_json,
    ai_system_drafts::content_hash,
    ai_system_drafts::updated_at,
);

/// The draft of `slug`, whoever owns it.
pub fn find(conn: &mut DbConnection, slug: &str) -> QueryResult<Option<Draft>> {
    ai_system_drafts::table
        .filter(ai_system_drafts::slug.eq(slug))
        .select(COLUMNS)
        .first(conn)
        .optional()
}

/// The drafts of one agency, the most recently changed first.
pub fn for_agency(conn: &mut DbConnection, agency_id: i64) -> QueryResult<Vec<Draft>> {
    ai_system_drafts::table
        .filter(ai_system_drafts::agency_id.eq(agency_id))
        .order((
            ai_system_drafts::updated_at.desc(),
            ai_system_drafts::slug.asc(),
        ))
        .select(COLUMNS)
        .load(conn)
}

/// The content a draft holds, to write or replace.
pub struct NewDraft<'a> {
    pub slug: &'a str,
    pub agency_id: i64,
    pub base_version: i32,
    pub content_json: &'a str,
    pub content_hash: &'a str,
}

/// Writes `draft` over the slug's draft, or as its first.
pub fn put(conn: &mut DbConnection, draft: &NewDraft<'_>, now: NaiveDateTime) -> QueryResult<()> {
    let updated =
        diesel::update(ai_system_drafts::table.filter(ai_system_drafts::slug.eq(draft.slug)))
            .set((
                ai_system_drafts::base_version.eq(draft.base_version),
                ai_system_drafts::content_json.eq(draft.content_json),
                ai_system_drafts::content_hash.eq(draft.content_hash),
                ai_system_drafts::updated_at.eq(now),
            ))
            .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(ai_system_drafts::table)
            .values((
                ai_system_drafts::slug.eq(draft.slug),
                ai_system_drafts::agency_id.eq(draft.agency_id),
                ai_system_drafts::base_version.eq(draft.base_version),
                ai_system_drafts::content_json.eq(draft.content_json),
                ai_system_drafts::content_hash.eq(draft.content_hash),
                ai_system_drafts::created_at.eq(now),
                ai_system_drafts::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Removes the slug's draft; whether there was one.
pub fn remove(conn: &mut DbConnection, slug: &str) -> QueryResult<bool> {
    let removed = diesel::delete(ai_system_drafts::table.filter(ai_system_drafts::slug.eq(slug)))
        .execute(conn)?;
    Ok(removed > 0)
}
