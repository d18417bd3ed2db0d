//! One appeal with everything its steps and pages read: the decision it challenges, the
//! agency's calendar and terms, whether the deciding system is high-risk, and who reviewed the
//! original decision. Loaded once per request, so every rule reads the same facts.

use crate::db::models::agency::{self, Agency};
use crate::db::models::appeal::{self, AppealRow};
use crate::db::models::decision::{self, Decision};
use crate::db::models::user;
use crate::db::schema::ai_system_versions;
use crate::db::DbConnection;
use crate::domain::appeal::{AppealFacts, FindingKind, Outcome, Proposal};
use crate::domain::calendar::Pause;
use crate::domain::decision::DecisionDocument;
use crate::domain::local_time::local_date;
use crate::domain::stored;
use crate::services::calendar::{self, AgencyCalendar};
use app::types::{AppealState, Grounds, RiskLevel};
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;

/// An appeal and what its rules read.
pub struct Case {
    pub row: AppealRow,
    pub state: AppealState,
    pub grounds: Grounds,
    pub decision: Decision,
    pub document: DecisionDocument,
    pub agency: Agency,
    pub terms: AgencyCalendar,
    pub high_risk: bool,
    pub original_reviewer: Option<i64>,
    pub pauses: Vec<Pause>,
    /// Today in the agency's time zone.
    pub today: NaiveDate,
}

/// The stored proposal awaiting approval: the outcome and its proposer.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct StoredProposal {
    pub by: i64,
    pub outcome: Outcome,
}

/// The stored decision on the appeal, with who made and approved it.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct StoredOutcome {
    pub outcome: Outcome,
    pub decided_by: i64,
    #[serde(default)]
    pub approved_by: Option<i64>,
}

/// Today's date where the agency works.
pub fn local_today(now: DateTime<Utc>, time_zone: &str) -> NaiveDate {
    local_date(now.naive_utc(), time_zone)
}

/// The keys of the decision's factors and the document they come from.
pub fn decision_factors(decision: &Decision) -> anyhow::Result<(Vec<String>, DecisionDocument)> {
    let document: DecisionDocument = stored::document(&decision.content_json, "decision")?;
    let keys = document.factors.iter().map(|f| f.key.clone()).collect();
    Ok((keys, document))
}

/// Loads the appeal `reference` with its facts, as of `now`. `None` when there is none.
pub fn load(
    conn: &mut DbConnection,
    reference: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<Case>> {
    let Some(reference) = crate::domain::reference::AppealReference::parse(reference) else {
        return Ok(None);
    };
    let Some(row) = appeal::find_by_reference(conn, reference.as_str())? else {
        return Ok(None);
    };
    load_row(conn, row, now).map(Some)
}

/// Completes a loaded appeal row into a case.
pub fn load_row(
    conn: &mut DbConnection,
    row: AppealRow,
    now: DateTime<Utc>,
) -> anyhow::Result<Case> {
    let decision = decision::find_by_id(conn, row.decision_id)?
        .ok_or_else(|| anyhow::anyhow!("appeal {} has no decision", row.reference))?;
    let agency = agency::find_by_id(conn, row.agency_id)?
        .ok_or_else(|| anyhow::anyhow!("appeal {} has no agency", row.reference))?;
    let terms = calendar::for_agency(conn, &agency)?;
    let (_, document) = decision_factors(&decision)?;
    let risk: String = ai_system_versions::table
        .find(decision.system_version_id)
        .select(ai_system_versions::risk_level)
        .first(conn)?;
    let high_risk = stored::vocab(&risk, RiskLevel::parse, "risk level")? == RiskLevel::High;
    // The decision names its human reviewer by email; only an account of the same agency is
    // that person as far as the workflow is concerned.
    let original_reviewer = match &document.human_reviewer {
        Some(email) => user::find_by_email(conn, &email.to_lowercase())?
            .filter(|u| u.agency_id == Some(agency.id))
            .map(|u| u.id),
        None => None,
    };
    let pauses = appeal::pauses(conn, row.id)?;
    let state = stored::vocab(&row.state, AppealState::parse, "appeal state")?;
    let grounds: Grounds = stored::document(&row.grounds_json, "appeal grounds")?;
    let today = local_today(now, &agency.time_zone);
    Ok(Case {
        row,
        state,
        grounds,
        decision,
        document,
        agency,
        terms,
        high_risk,
        original_reviewer,
        pauses,
        today,
    })
}

impl Case {
    /// The proposal awaiting approval, if any.
    pub fn proposal(&self) -> anyhow::Result<Option<StoredProposal>> {
        self.row
            .proposal_json
            .as_deref()
            .map(|json| stored::document(json, "appeal proposal"))
            .transpose()
    }

    /// The agency's decision on the appeal, if any.
    pub fn outcome(&self) -> anyhow::Result<Option<StoredOutcome>> {
        self.row
            .outcome_json
            .as_deref()
            .map(|json| stored::document(json, "appeal outcome"))
            .transpose()
    }

    /// The ombudsman's finding, if any.
    pub fn finding(&self) -> anyhow::Result<Option<FindingKind>> {
        self.row
            .finding
            .as_deref()
            .map(|f| stored::vocab(f, FindingKind::parse, "finding"))
            .transpose()
    }

    /// The facts the state machine reads.
    pub fn facts(&self) -> anyhow::Result<AppealFacts> {
        Ok(AppealFacts {
            agency_id: self.agency.id,
            system_high_risk: self.high_risk,
            original_human_reviewer: self.original_reviewer,
            assignee: self.row.assignee_id,
            proposal: self.proposal()?.map(|p| Proposal {
                by: p.by,
                outcome: p.outcome,
            }),
            extensions_used: self.row.extensions_used.max(0) as u32,
            decide_by: self.row.decide_by,
            finding: self.finding()?,
            escalate_until: self.row.escalate_until,
            today: self.today,
        })
    }
}
