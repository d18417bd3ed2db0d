//! Demo appeals for `redress seed-demo`: one in every state of the workflow, filed and worked
//! through the real services at dates in the past, so every queue, case page and deadline shows
//! something true (some deadlines overdue, one clock paused, one overturn recorded on its
//! decision). Run once: skipped when any appeal exists.

use crate::auth::receipt::ReceiptSigner;
use crate::db::models::audit::Actor as AuditActor;
use crate::db::models::user;
use crate::db::schema::{agencies, ai_system_versions, appeals, decisions};
use crate::db::DbConnection;
use crate::domain::appeal::{Actor, CorrectedOutcome, Event, Outcome};
use crate::services::appeals::claim;
use crate::services::appeals::filing::{self, FilingRequest};
use crate::services::appeals::steps::{take_step, StepActor, StepEvent, StepRequest};
use app::i18n::Locale;
use app::port::StaffPrincipal;
use app::types::{
    AppealState, ChallengedFactor, FindingKind, GroundKind, Grounds, OutcomeKind, Role,
    StaffIdentity,
};
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;

/// The agency whose demo staff work the demo appeals.
const AGENCY: &str = "social-benefits";

/// One demo appeal: how long ago it was filed, where it ends up, and what the citizen wrote.
struct Script {
    filed_days_ago: i64,
    end: AppealState,
    grounds: &'static [GroundKind],
    statement: &'static str,
}

const SCRIPTS: [Script; 10] = [
    Script { filed_days_ago: 1, end: AppealState::Submitted, grounds: &[GroundKind::DataError], statement: "My income for the last quarter is wrong: I changed jobs in August and the figure is from my old employer." },
    Script { filed_days_ago: 6, end: AppealState::Submitted, grounds: &[GroundKind::HumanReview], statement: "I ask that a person looks at my application. My family situation changed after the data was collected." },
    Script { filed_days_ago: 8, end: AppealState::UnderReview, grounds: &[GroundKind::WrongRule], statement: "The rule for households with a disabled member was not applied, although my son's disability is registered." },
    Script { filed_days_ago: 30, end: AppealState::UnderReview, grounds: &[GroundKind::DataError, GroundKind::HumanReview], statement: "The number of children is wrong: three children live with me, not two." },
    Script { filed_days_ago: 12, end: AppealState::AwaitingCitizen, grounds: &[GroundKind::DataError], statement: "The property record is wrong: the flat was sold in March." },
    Script { filed_days_ago: 14, end: AppealState::PendingApproval, grounds: &[GroundKind::DataError], statement: "My registered address is out of date, so the regional coefficient is wrong." },
    Script { filed_days_ago: 25, end: AppealState::Decided, grounds: &[GroundKind::Discrimination], statement: "I believe the decision treats applicants from rural districts unfairly." },
    Script { filed_days_ago: 40, end: AppealState::Escalated, grounds: &[GroundKind::DataError], statement: "My pension was counted twice as income." },
    Script { filed_days_ago: 55, end: AppealState::Resolved, grounds: &[GroundKind::WrongRule], statement: "The benefit was calculated under last year's thresholds." },
    Script { filed_days_ago: 50, end: AppealState::Closed, grounds: &[GroundKind::Other], statement: "The letter did not say how the amount was calculated." },
];

/// The withdrawn appeal is filed separately (it needs no staff).
const WITHDRAWN: Script = Script {
    filed_days_ago: 9,
    end: AppealState::Withdrawn,
    grounds: &[GroundKind::HumanReview],
    statement: "I asked for a review, but the agency has since corrected my record.",
};

/// Files and works the demo appeals unless some appeal exists; returns how many were created.
/// With a blob store, the appeals that claim a data error carry a certificate as evidence.
pub fn seed(
    conn: &mut DbConnection,
    signer: &ReceiptSigner,
    blobs: Option<&dyn crate::blobs::BlobStore>,
) -> anyhow::Result<usize> {
    let existing: i64 = appeals::table.count().get_result(conn)?;
    if existing > 0 {
        return Ok(0);
    }
    let staff = DemoStaff::load(conn)?;
    let now = Utc::now();
    let scripts: Vec<&Script> = SCRIPTS.iter().chain(std::iter::once(&WITHDRAWN)).collect();
    let candidates = candidate_decisions(conn, now, scripts.len())?;
    let mut created = 0;
    for (script, (decision, high_risk, factor)) in scripts.into_iter().zip(candidates) {
        let filed_at = now - Duration::days(script.filed_days_ago) - Duration::hours(3);
        let evidence = match blobs {
            Some(blobs) if script.grounds.contains(&GroundKind::DataError) => {
                vec![super::demo_evidence::certificate(blobs, &decision)?]
            }
            _ => Vec::new(),
        };
        let request = FilingRequest {
            decision_reference: decision.clone(),
            idempotency_key: format!("demo-{decision}"),
            grounds: Grounds {
                kinds: script.grounds.to_vec(),
                factors: factor
                    .filter(|_| script.grounds.contains(&GroundKind::DataError))
                    .map(|key| ChallengedFactor {
                        key,
                        correct_value: "see the attached certificate".into(),
                        why: "The record the system used is out of date.".into(),
                    })
                    .into_iter()
                    .collect(),
            },
            statement: script.statement.into(),
            contact_email: format!("citizen.{}@example.kz", decision.to_lowercase()),
            language: Locale::Ru,
            evidence,
        };
        let filed = filing::file(conn, signer, &request, filed_at)
            .map_err(|e| anyhow::anyhow!("demo appeal on {decision} not filed: {e:?}"))?;
        work(conn, &staff, &filed.reference, script, high_risk, filed_at)?;
        created += 1;
    }
    Ok(created)
}

/// Decisions of the demo agency decided long enough before their filing dates and still in
/// their windows, newest first: (reference, system high-risk, first factor key).
fn candidate_decisions(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    count: usize,
) -> anyhow::Result<Vec<(String, bool, Option<String>)>> {
    let rows: Vec<(String, String, String)> = decisions::table
        .inner_join(agencies::table)
        .inner_join(ai_system_versions::table)
        .filter(agencies::slug.eq(AGENCY))
        .filter(decisions::decided_at.lt((now - Duration::days(60)).naive_utc()))
        .filter(decisions::decided_at.gt((now - Duration::days(80)).naive_utc()))
        .order(decisions::decided_at.desc())
        .limit(count as i64)
        .select((
            decisions::reference,
            ai_system_versions::risk_level,
            decisions::content_json,
        ))
        .load(conn)?;
    if rows.len() < count {
        anyhow::bail!(
            "the demo agency has {} decisions 60 to 80 days old, {count} needed",
            rows.len()
        );
    }
    Ok(rows
        .into_iter()
        .map(|(reference, risk, content)| {
            let doc: serde_json::Value = serde_json::from_str(&content).unwrap_or_default();
            let factor = doc["factors"][0]["key"].as_str().map(str::to_string);
            (reference, risk == "high", factor)
        })
        .collect())
}

/// The demo agency's reviewer and supervisor and the demo ombudsman.
struct DemoStaff {
    reviewer: StaffPrincipal,
    supervisor: StaffPrincipal,
    ombudsman: StaffPrincipal,
}

impl DemoStaff {
    fn load(conn: &mut DbConnection) -> anyhow::Result<DemoStaff> {
        let principal =
            |conn: &mut DbConnection, email: &str, role: Role| -> anyhow::Result<StaffPrincipal> {
                let account = user::find_by_email(conn, email)?
                    .ok_or_else(|| anyhow::anyhow!("demo account {email} is missing"))?;
                Ok(StaffPrincipal {
                    user_id: account.id,
                    session_id: "seed-demo".into(),
                    role,
                    agency_id: account.agency_id,
                    identity: StaffIdentity {
                        email: account.email,
                        display_name: account.display_name,
                        role,
                        agency_slug: None,
                    },
                })
            };
        Ok(DemoStaff {
            reviewer: principal(conn, "reviewer@social-benefits.demo.gov.kz", Role::Reviewer)?,
            supervisor: principal(
                conn,
                "supervisor@social-benefits.demo.gov.kz",
                Role::Supervisor,
            )?,
            ombudsman: principal(conn, "ombudsman@ombudsman.demo.gov.kz", Role::Ombudsman)?,
        })
    }
}

fn staff_step(principal: &StaffPrincipal) -> anyhow::Result<StepActor> {
    let actor = crate::services::appeals::reading::staff_actor(principal).ok_or_else(|| {
        anyhow::anyhow!("demo account {} takes no steps", principal.identity.email)
    })?;
    Ok(StepActor {
        actor,
        audit: AuditActor::principal(principal),
        decision_access: None,
    })
}

/// Takes the steps that bring the appeal to the script's end state, a day or two apart.
fn work(
    conn: &mut DbConnection,
    staff: &DemoStaff,
    reference: &str,
    script: &Script,
    high_risk: bool,
    filed_at: DateTime<Utc>,
) -> anyhow::Result<()> {
    let decision: String = appeals::table
        .inner_join(decisions::table)
        .filter(appeals::reference.eq(reference))
        .select(decisions::reference)
        .first(conn)?;
    let citizen = StepActor {
        actor: Actor::Citizen,
        audit: AuditActor::citizen(),
        decision_access: Some(decision),
    };
    let reviewer = staff_step(&staff.reviewer)?;
    let supervisor = staff_step(&staff.supervisor)?;
    let ombudsman = staff_step(&staff.ombudsman)?;
    let mut day = 0;
    let mut at = |days: i64| {
        day += days;
        filed_at + Duration::days(day)
    };
    let step = |conn: &mut DbConnection,
                who: &StepActor,
                event: Event,
                when: DateTime<Utc>|
     -> anyhow::Result<()> {
        let version: i32 = appeals::table
            .filter(appeals::reference.eq(reference))
            .select(appeals::version)
            .first(conn)?;
        let request = StepRequest {
            reference: reference.into(),
            expected_version: version,
            event: StepEvent::Ready(event),
        };
        take_step(conn, who, &request, when)
            .map(drop)
            .map_err(|e| anyhow::anyhow!("demo step on {reference}: {e:?}"))
    };
    let end = script.end;
    if end == AppealState::Submitted {
        return Ok(());
    }
    if end == AppealState::Withdrawn {
        return step(
            conn,
            &citizen,
            Event::Withdraw {
                reason: Some("My record was corrected.".into()),
            },
            at(2),
        );
    }
    claim::claim(conn, &staff.reviewer, reference, at(1))
        .map_err(|e| anyhow::anyhow!("demo claim on {reference}: {e:?}"))?;
    step(conn, &reviewer, Event::Acknowledge, at(0))?;
    if end == AppealState::UnderReview {
        return Ok(());
    }
    step(
        conn,
        &reviewer,
        Event::RequestInformation {
            question:
                "Please send the certificate that shows the correct figure, issued this year."
                    .into(),
        },
        at(2),
    )?;
    if end == AppealState::AwaitingCitizen {
        return Ok(());
    }
    step(
        conn,
        &citizen,
        Event::Answer {
            reply: "The certificate from my employer is attached, dated this month.".into(),
        },
        at(3),
    )?;
    let overturn = Outcome {
        kind: OutcomeKind::Overturned,
        reasoning: "The certificate shows the figure the system used was out of date. With the correct figure the application meets the conditions.".into(),
        corrected: Some(CorrectedOutcome { outcome: "approved".into(), label: "Approved after review".into() }),
    };
    let upheld = Outcome {
        kind: OutcomeKind::Upheld,
        reasoning: "We checked the records with the tax authority: the figure the system used is correct for the period the law sets.".into(),
        corrected: None,
    };
    let outcome = if matches!(end, AppealState::Decided | AppealState::Closed) {
        overturn
    } else {
        upheld
    };
    if high_risk || end == AppealState::PendingApproval {
        step(conn, &reviewer, Event::ProposeOutcome { outcome }, at(2))?;
        if end == AppealState::PendingApproval {
            return Ok(());
        }
        step(conn, &supervisor, Event::Approve, at(1))?;
    } else {
        step(conn, &reviewer, Event::Decide { outcome }, at(2))?;
    }
    match end {
        AppealState::Decided => Ok(()),
        AppealState::Closed => step(conn, &citizen, Event::Close, at(2)),
        _ => {
            step(
                conn,
                &citizen,
                Event::Escalate {
                    statement: "The agency did not look at the pension statement I sent.".into(),
                },
                at(3),
            )?;
            if end == AppealState::Escalated {
                return Ok(());
            }
            step(conn, &ombudsman, Event::OmbudsmanFinding { kind: FindingKind::RecommendReconsideration, reasoning: "The agency's answer does not address the pension statement. We recommend that it decides again, taking it into account.".into() }, at(5))
        }
    }
}
