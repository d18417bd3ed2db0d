//! The reads behind the retention rule (`domain::retention`): each state body's period, the
//! decisions old enough to be looked at, and the dates of their appeals' activity.

use crate::db::schema::{agencies, appeal_attachments, appeal_entries, appeals, decisions};
use crate::db::DbConnection;
use chrono::NaiveDateTime;
use diesel::dsl::max;
use diesel::prelude::*;
use std::collections::HashMap;

/// Every state body's id and slug with its stored period in months.
pub fn periods(conn: &mut DbConnection) -> QueryResult<Vec<(i64, String, i32)>> {
    agencies::table
        .order(agencies::id.asc())
        .select((agencies::id, agencies::slug, agencies::retention_months))
        .load(conn)
}

/// Where a walk over one state body's candidates stands: the last (published, id) seen.
pub type Cursor = (NaiveDateTime, i64);

/// A decision the rule is to look at.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct Candidate {
    pub id: i64,
    pub published_at: NaiveDateTime,
    pub decided_at: NaiveDateTime,
}

/// Up to `limit` decisions of `agency_id` not yet purged, published and decided before
/// `cutoff`, after `cursor`, in publication order: a range of `decisions_retention_idx`.
/// Only their age is known here; the rule decides with their appeals' dates.
pub fn candidates(
    conn: &mut DbConnection,
    agency_id: i64,
    cutoff: NaiveDateTime,
    cursor: Option<Cursor>,
    limit: i64,
) -> QueryResult<Vec<Candidate>> {
    let mut query = decisions::table
        .filter(decisions::agency_id.eq(agency_id))
        .filter(decisions::purged_at.is_null())
        .filter(decisions::created_at.lt(cutoff))
        .filter(decisions::decided_at.lt(cutoff))
        .order((decisions::created_at.asc(), decisions::id.asc()))
        .select((decisions::id, decisions::created_at, decisions::decided_at))
        .limit(limit)
        .into_boxed();
    if let Some((published, id)) = cursor {
        query = query.filter(
            decisions::created_at.gt(published).or(decisions::created_at
                .eq(published)
                .and(decisions::id.gt(id))),
        );
    }
    query.load(conn)
}

/// One appeal with the dates of its activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppealDates {
    pub id: i64,
    pub decision_id: i64,
    pub reference: String,
    pub state: String,
    pub filed_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub last_entry_at: Option<NaiveDateTime>,
    pub last_evidence_at: Option<NaiveDateTime>,
}

/// The appeals on `decision_ids` with the dates of their newest history entry and evidence.
pub fn appeal_dates(
    conn: &mut DbConnection,
    decision_ids: &[i64],
) -> QueryResult<Vec<AppealDates>> {
    type Row = (i64, i64, String, String, NaiveDateTime, NaiveDateTime);
    let rows: Vec<Row> = appeals::table
        .filter(appeals::decision_id.eq_any(decision_ids))
        .order(appeals::id.asc())
        .select((
            appeals::id,
            appeals::decision_id,
            appeals::reference,
            appeals::state,
            appeals::filed_at,
            appeals::updated_at,
        ))
        .load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let entries: HashMap<i64, Option<NaiveDateTime>> = appeal_entries::table
        .filter(appeal_entries::appeal_id.eq_any(&ids))
        .group_by(appeal_entries::appeal_id)
        .select((appeal_entries::appeal_id, max(appeal_entries::occurred_at)))
        .load(conn)?
        .into_iter()
        .collect();
    let evidence: HashMap<i64, Option<NaiveDateTime>> = appeal_attachments::table
        .filter(appeal_attachments::appeal_id.eq_any(&ids))
        .group_by(appeal_attachments::appeal_id)
        .select((
            appeal_attachments::appeal_id,
            max(appeal_attachments::added_at),
        ))
        .load(conn)?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(
            |(id, decision_id, reference, state, filed_at, updated_at)| AppealDates {
                id,
                decision_id,
                reference,
                state,
                filed_at,
                updated_at,
                last_entry_at: entries.get(&id).copied().flatten(),
                last_evidence_at: evidence.get(&id).copied().flatten(),
            },
        )
        .collect())
}
