//! One page of a state body's expired cases: the decisions old enough to be looked at, read
//! with their appeals' dates, each judged by `domain::retention`.

use super::erase::Batch;
use crate::db::models::retention::{self, AppealDates, Candidate, Cursor};
use crate::db::DbConnection;
use crate::domain::retention::{verdict, AppealActivity, CaseActivity, RetentionPeriod, Verdict};
use crate::domain::stored;
use app::types::AppealState;
use chrono::NaiveDateTime;

/// The expired cases among one page of candidates, and where the next page starts (none after
/// the last page).
#[derive(Debug, Default)]
pub struct Page {
    pub expired: Batch,
    pub next: Option<Cursor>,
}

/// The page of `agency_id`'s candidates after `cursor`, at most `size` of them.
pub fn expired_page(
    conn: &mut DbConnection,
    agency_id: i64,
    period: RetentionPeriod,
    cursor: Option<Cursor>,
    size: i64,
    now: NaiveDateTime,
) -> anyhow::Result<Page> {
    let candidates = retention::candidates(conn, agency_id, period.cutoff(now), cursor, size)?;
    let next = match candidates.last() {
        Some(last) if candidates.len() as i64 == size => Some((last.published_at, last.id)),
        _ => None,
    };
    let ids: Vec<i64> = candidates.iter().map(|c| c.id).collect();
    let appeals = retention::appeal_dates(conn, &ids)?;
    let mut expired = Batch::default();
    for candidate in &candidates {
        let own: Vec<&AppealDates> = appeals
            .iter()
            .filter(|a| a.decision_id == candidate.id)
            .collect();
        if verdict(&activity(candidate, &own)?, period, now) != Verdict::Expired {
            continue;
        }
        expired.decision_ids.push(candidate.id);
        for appeal in own {
            expired.appeal_ids.push(appeal.id);
            expired.appeal_references.push(appeal.reference.clone());
        }
    }
    Ok(Page { expired, next })
}

fn activity(candidate: &Candidate, appeals: &[&AppealDates]) -> anyhow::Result<CaseActivity> {
    let appeals = appeals
        .iter()
        .map(|a| {
            Ok(AppealActivity {
                state: stored::vocab(&a.state, AppealState::parse, "appeal state")?,
                filed_at: a.filed_at,
                updated_at: a.updated_at,
                last_entry_at: a.last_entry_at,
                last_evidence_at: a.last_evidence_at,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(CaseActivity {
        decided_at: candidate.decided_at,
        published_at: candidate.published_at,
        appeals,
    })
}
