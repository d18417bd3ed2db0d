//! Decisions with their explanations, as agencies push them.

use crate::db::schema::decisions;
use crate::db::{lower, DbConnection};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use std::collections::HashMap;

/// A stored decision.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = decisions)]
pub struct Decision {
    pub id: i64,
    pub reference: String,
    pub agency_id: i64,
    pub system_version_id: i64,
    pub external_id: String,
    pub access_code_hash: String,
    pub outcome: String,
    pub decided_at: NaiveDateTime,
    pub content_json: String,
    pub content_hash: String,
    pub subject_email: Option<String>,
    pub subject_national_id_hash: Option<String>,
    pub subject_language: Option<String>,
    pub created_at: NaiveDateTime,
    /// The subject's region: a KATO code of an oblast or a city of republican significance.
    pub subject_region: Option<String>,
    /// What an overturned appeal made of the decision (`domain::appeal::CorrectedOutcome`),
    /// kept beside the original, which never changes.
    pub corrected_outcome_json: Option<String>,
}

/// A new decision.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = decisions)]
pub struct NewDecision {
    pub reference: String,
    pub agency_id: i64,
    pub system_version_id: i64,
    pub external_id: String,
    pub access_code_hash: String,
    pub outcome: String,
    pub decided_at: NaiveDateTime,
    pub content_json: String,
    pub content_hash: String,
    pub subject_email: Option<String>,
    pub subject_national_id_hash: Option<String>,
    pub subject_language: Option<String>,
    pub subject_region: Option<String>,
    pub created_at: NaiveDateTime,
}

/// The agency's existing decisions among `external_ids`: external id → (reference, content hash).
pub fn existing_by_external_ids(
    conn: &mut DbConnection,
    agency_id: i64,
    external_ids: &[&str],
) -> QueryResult<HashMap<String, (String, String)>> {
    let mut found = HashMap::new();
    // Bounded IN lists stay well inside both backends' parameter limits.
    for chunk in external_ids.chunks(500) {
        let rows: Vec<(String, String, String)> = decisions::table
            .filter(decisions::agency_id.eq(agency_id))
            .filter(decisions::external_id.eq_any(chunk))
            .select((
                decisions::external_id,
                decisions::reference,
                decisions::content_hash,
            ))
            .load(conn)?;
        found.extend(rows.into_iter().map(|(e, r, h)| (e, (r, h))));
    }
    Ok(found)
}

/// Rows per multi-row insert: well inside both backends' limits on bound parameters.
pub const INSERT_CHUNK: usize = 500;

/// Inserts at most [`INSERT_CHUNK`] decisions in one statement. Multi-row inserts do not
/// compile against the multi-backend connection, so each backend's own connection takes it.
pub fn insert_chunk(conn: &mut DbConnection, rows: &[NewDecision]) -> QueryResult<()> {
    match conn {
        DbConnection::Sqlite(c) => diesel::insert_into(decisions::table)
            .values(rows)
            .execute(c)
            .map(|_| ()),
        DbConnection::Pg(c) => diesel::insert_into(decisions::table)
            .values(rows)
            .execute(c)
            .map(|_| ()),
    }
}

/// A decision by id.
pub fn find_by_id(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Decision>> {
    decisions::table
        .find(id)
        .select(Decision::as_select())
        .first(conn)
        .optional()
}

/// Records what an overturned appeal made of the decision; the original stays as it was.
pub fn set_corrected_outcome(conn: &mut DbConnection, id: i64, json: &str) -> QueryResult<()> {
    diesel::update(decisions::table.find(id))
        .set(decisions::corrected_outcome_json.eq(json))
        .execute(conn)
        .map(|_| ())
}

/// A decision by reference, with no scope (the citizen's code decides access).
pub fn find_by_reference(
    conn: &mut DbConnection,
    reference: &str,
) -> QueryResult<Option<Decision>> {
    decisions::table
        .filter(decisions::reference.eq(reference))
        .select(Decision::as_select())
        .first(conn)
        .optional()
}

/// A decision by reference, only if it belongs to `agency_id`.
pub fn find_owned(
    conn: &mut DbConnection,
    agency_id: i64,
    reference: &str,
) -> QueryResult<Option<Decision>> {
    decisions::table
        .filter(decisions::reference.eq(reference))
        .filter(decisions::agency_id.eq(agency_id))
        .select(Decision::as_select())
        .first(conn)
        .optional()
}

/// Replaces the access code's hash: the old code stops working.
pub fn set_access_code_hash(conn: &mut DbConnection, id: i64, hash: &str) -> QueryResult<()> {
    diesel::update(decisions::table.find(id))
        .set(decisions::access_code_hash.eq(hash))
        .execute(conn)
        .map(|_| ())
}

/// How many decisions a system version has made.
pub fn count_for_versions(conn: &mut DbConnection, version_ids: &[i64]) -> QueryResult<i64> {
    decisions::table
        .filter(decisions::system_version_id.eq_any(version_ids))
        .count()
        .get_result(conn)
}

/// The decisions whose subject contact is `email` (in lower case), newest first.
pub fn with_subject_email(conn: &mut DbConnection, email: &str) -> QueryResult<Vec<Decision>> {
    decisions::table
        .filter(lower(decisions::subject_email).eq(email))
        .order((decisions::decided_at.desc(), decisions::id.desc()))
        .select(Decision::as_select())
        .load(conn)
}

/// The decisions with these ids.
pub fn with_ids(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<Decision>> {
    decisions::table
        .filter(decisions::id.eq_any(ids))
        .select(Decision::as_select())
        .load(conn)
}

/// Whether any decision names `email` (in lower case) as its subject's contact.
pub fn subject_email_known(conn: &mut DbConnection, email: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        decisions::table.filter(lower(decisions::subject_email).eq(email)),
    ))
    .get_result(conn)
}
