//! Appeals as an agency's own case system pulls them through the API (`GET /api/v1/appeals`):
//! state, grounds, challenged factor keys, deadlines and outcome, scoped to the agency in the
//! query itself. No contact details or statements: those stay on the portal.

use super::case::StoredOutcome;
use crate::db::models::appeal::AppealRow;
use crate::db::schema::{appeals, decisions};
use crate::db::DbConnection;
use crate::domain::local_time::rfc3339_utc as rfc3339;
use crate::domain::reference::AppealReference;
use crate::domain::stored;
use crate::services::ServiceError;
use app::types::{AppealState, FindingKind, GroundKind, Grounds, OutcomeKind};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

/// The most appeals one list answer carries; page on with `since`.
pub const LIST_LIMIT: i64 = 500;

/// An appeal as the agency's systems see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgencyAppeal {
    /// The appeal's reference, e.g. AP-3M7Q-K2ZD.
    pub reference: String,
    /// The decision challenged.
    pub decision_reference: String,
    pub state: AppealState,
    pub grounds: Vec<GroundKind>,
    /// Keys of the factors the citizen says are wrong; empty when the whole decision is.
    pub challenged_factors: Vec<String>,
    /// When the challenge was filed (UTC, RFC 3339).
    pub filed_at: String,
    /// The last day to acknowledge, in the agency's time zone.
    pub acknowledge_by: NaiveDate,
    /// The last day to decide, as extended if it was.
    pub decide_by: NaiveDate,
    pub escalate_until: Option<NaiveDate>,
    pub outcome: Option<AgencyOutcome>,
    pub finding: Option<FindingKind>,
    /// When anything about the appeal last changed (UTC, RFC 3339): the `since` cursor.
    pub updated_at: String,
}

/// The agency's decision on the appeal.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgencyOutcome {
    pub kind: OutcomeKind,
    pub reasoning: String,
    /// For an overturn, the decision's new outcome code.
    pub corrected_outcome: Option<String>,
    pub decided_on: Option<NaiveDate>,
}

/// The list answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgencyAppealList {
    pub appeals: Vec<AgencyAppeal>,
    /// True when more appeals matched than one answer carries.
    pub truncated: bool,
}

fn to_feed(row: AppealRow, decision_reference: String) -> Result<AgencyAppeal, ServiceError> {
    let grounds: Grounds = stored::document(&row.grounds_json, "appeal grounds")?;
    let outcome = row
        .outcome_json
        .as_deref()
        .map(|json| stored::document::<StoredOutcome>(json, "appeal outcome"))
        .transpose()?
        .map(|stored| AgencyOutcome {
            kind: stored.outcome.kind,
            reasoning: stored.outcome.reasoning,
            corrected_outcome: stored.outcome.corrected.map(|c| c.outcome),
            decided_on: row.decided_on,
        });
    Ok(AgencyAppeal {
        state: stored::vocab(&row.state, AppealState::parse, "appeal state")?,
        grounds: grounds.kinds,
        challenged_factors: grounds.factors.into_iter().map(|f| f.key).collect(),
        filed_at: rfc3339(row.filed_at),
        acknowledge_by: row.acknowledge_by,
        decide_by: row.decide_by,
        escalate_until: row.escalate_until,
        outcome,
        finding: row
            .finding
            .as_deref()
            .map(|f| stored::vocab(f, FindingKind::parse, "finding"))
            .transpose()?,
        updated_at: rfc3339(row.updated_at),
        reference: row.reference,
        decision_reference,
    })
}

/// The agency's appeals, optionally in one state and changed at or after `since`, oldest
/// change first.
pub fn list(
    conn: &mut DbConnection,
    agency_id: i64,
    state: Option<AppealState>,
    since: Option<NaiveDateTime>,
) -> Result<AgencyAppealList, ServiceError> {
    let mut query = appeals::table
        .inner_join(decisions::table)
        .filter(appeals::agency_id.eq(agency_id))
        .into_boxed();
    if let Some(state) = state {
        query = query.filter(appeals::state.eq(state.as_str()));
    }
    if let Some(since) = since {
        query = query.filter(appeals::updated_at.ge(since));
    }
    let rows: Vec<(AppealRow, String)> = query
        .order((appeals::updated_at.asc(), appeals::id.asc()))
        .limit(LIST_LIMIT + 1)
        .select((AppealRow::as_select(), decisions::reference))
        .load(conn)?;
    let truncated = rows.len() as i64 > LIST_LIMIT;
    let appeals = rows
        .into_iter()
        .take(LIST_LIMIT as usize)
        .map(|(row, decision)| to_feed(row, decision))
        .collect::<Result<_, _>>()?;
    Ok(AgencyAppealList { appeals, truncated })
}

/// One of the agency's appeals; `NotFound` for another agency's.
pub fn one(
    conn: &mut DbConnection,
    agency_id: i64,
    reference: &AppealReference,
) -> Result<AgencyAppeal, ServiceError> {
    let (row, decision): (AppealRow, String) = appeals::table
        .inner_join(decisions::table)
        .filter(appeals::agency_id.eq(agency_id))
        .filter(appeals::reference.eq(reference.as_str()))
        .select((AppealRow::as_select(), decisions::reference))
        .first(conn)
        .optional()?
        .ok_or(ServiceError::NotFound)?;
    to_feed(row, decision)
}
