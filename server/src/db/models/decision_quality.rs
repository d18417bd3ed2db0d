//! Quality warnings kept for stored decisions (docs/api.md, "Quality checks"), and the grouped
//! reads a system's quality score is made of.

use crate::db::schema::{ai_system_versions, decision_quality_warnings, decisions};
use crate::db::DbConnection;
use chrono::NaiveDateTime;
use diesel::dsl::{count, count_star};
use diesel::prelude::*;
use std::collections::HashMap;

/// One warning to store.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = decision_quality_warnings)]
pub struct NewWarning {
    pub decision_id: i64,
    pub system_id: i64,
    pub code: String,
    pub field: String,
    pub created_at: NaiveDateTime,
}

/// Rows per multi-row insert, inside both backends' limits on bound parameters.
const INSERT_CHUNK: usize = 500;

/// Inserts the warnings. Multi-row inserts do not compile against the multi-backend
/// connection, so each backend's own connection takes them (as `decision::insert_chunk`).
pub fn insert(conn: &mut DbConnection, rows: &[NewWarning]) -> QueryResult<()> {
    for chunk in rows.chunks(INSERT_CHUNK) {
        match conn {
            DbConnection::Sqlite(c) => diesel::insert_into(decision_quality_warnings::table)
                .values(chunk)
                .execute(c)?,
            DbConnection::Pg(c) => diesel::insert_into(decision_quality_warnings::table)
                .values(chunk)
                .execute(c)?,
        };
    }
    Ok(())
}

/// The ids of the decisions with `references`: reference → id.
pub fn ids_by_reference(
    conn: &mut DbConnection,
    references: &[String],
) -> QueryResult<HashMap<String, i64>> {
    let mut found = HashMap::new();
    for chunk in references.chunks(INSERT_CHUNK) {
        let rows: Vec<(String, i64)> = decisions::table
            .filter(decisions::reference.eq_any(chunk))
            .select((decisions::reference, decisions::id))
            .load(conn)?;
        found.extend(rows);
    }
    Ok(found)
}

/// How many decisions system `system_id` has made, in every version.
pub fn decisions_of_system(conn: &mut DbConnection, system_id: i64) -> QueryResult<i64> {
    decisions::table
        .inner_join(ai_system_versions::table)
        .filter(ai_system_versions::system_id.eq(system_id))
        .select(count_star())
        .first(conn)
}

/// How many of system `system_id`'s decisions have at least one warning.
pub fn decisions_with_warnings(conn: &mut DbConnection, system_id: i64) -> QueryResult<i64> {
    decision_quality_warnings::table
        .filter(decision_quality_warnings::system_id.eq(system_id))
        .select(count(decision_quality_warnings::decision_id).aggregate_distinct())
        .first(conn)
}

/// For each warning code: how many of the system's decisions have it.
pub fn decisions_by_code(
    conn: &mut DbConnection,
    system_id: i64,
) -> QueryResult<Vec<(String, i64)>> {
    decision_quality_warnings::table
        .filter(decision_quality_warnings::system_id.eq(system_id))
        .group_by(decision_quality_warnings::code)
        .select((
            decision_quality_warnings::code,
            count(decision_quality_warnings::decision_id).aggregate_distinct(),
        ))
        .order_by(decision_quality_warnings::code)
        .load(conn)
}

/// The decisions of agency `agency_id` (and of system `system_id`) with the most warnings,
/// most first: (reference, warnings). Scoped to the agency here, in the query, so a caller
/// cannot forget it.
pub fn worst_of_agency(
    conn: &mut DbConnection,
    agency_id: i64,
    system_id: i64,
    limit: i64,
) -> QueryResult<Vec<(String, i64)>> {
    decision_quality_warnings::table
        .inner_join(decisions::table)
        .filter(decisions::agency_id.eq(agency_id))
        .filter(decision_quality_warnings::system_id.eq(system_id))
        .group_by((decisions::id, decisions::reference))
        .select((decisions::reference, count_star()))
        .order_by((count_star().desc(), decisions::reference))
        .limit(limit)
        .load(conn)
}

/// The codes of one decision's warnings, for the worst examples.
pub fn codes_of(
    conn: &mut DbConnection,
    references: &[String],
) -> QueryResult<Vec<(String, String)>> {
    decision_quality_warnings::table
        .inner_join(decisions::table)
        .filter(decisions::reference.eq_any(references))
        .select((decisions::reference, decision_quality_warnings::code))
        .order_by((decisions::reference, decision_quality_warnings::code))
        .load(conn)
}
