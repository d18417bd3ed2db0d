//! Taking a step of the workflow: one transaction loads the appeal, asks the state machine,
//! records the step's effects, the case history and the audit entry, and saves the appeal only
//! if nobody changed it since the page the step came from was shown (optimistic concurrency:
//! two steps racing on one appeal never both apply). The step's email notifications are queued
//! in the same transaction.

use super::case::{self, Case, StoredOutcome, StoredProposal};
use crate::db::models::appeal::{self, AppealChanges, NewEntry};
use crate::db::models::audit::{self, AuditEvent};
use crate::db::models::decision;
use crate::db::{write_transaction, DbConnection};
use crate::domain::appeal::{transition, Actor, Effect, Event, Refusal};
use crate::domain::calendar::ClockStatus;
use crate::services::notifications::{self, appeal_steps::TakenStep};
use app::types::{AppealState, EventKind};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// Why a step was not taken.
#[derive(Debug)]
pub enum StepError {
    /// No appeal the actor may see has this reference.
    NotFound,
    /// The workflow refuses the step, and says why.
    Refused(Refusal),
    /// The appeal changed since `expected_version`: someone else acted first.
    Stale,
    /// Another reviewer holds the appeal.
    AlreadyClaimed,
    /// The appeal has ended (closed or withdrawn): nothing more is added to it.
    Closed,
    Unexpected(anyhow::Error),
}

impl From<diesel::result::Error> for StepError {
    fn from(error: diesel::result::Error) -> Self {
        StepError::Unexpected(error.into())
    }
}

impl From<anyhow::Error> for StepError {
    fn from(error: anyhow::Error) -> Self {
        StepError::Unexpected(error)
    }
}

/// Who asks, as the workflow and the audit log each need it.
#[derive(Debug, Clone)]
pub struct StepActor {
    pub actor: Actor,
    pub audit: audit::Actor,
    /// For the citizen: the decision they opened with its access code; only appeals of that
    /// decision are theirs.
    pub decision_access: Option<String>,
}

/// A step asked for on the appeal `reference`, from a page that showed `expected_version`.
#[derive(Debug, Clone)]
pub struct StepRequest {
    pub reference: String,
    pub expected_version: i32,
    pub event: StepEvent,
}

/// A step as asked. An extension names only the new date: the ceiling is the agency's law.
#[derive(Debug, Clone)]
pub enum StepEvent {
    Ready(Event),
    Extend { new_due: NaiveDate, reason: String },
}

/// Takes the step; answers the appeal's new state.
pub fn take_step(
    conn: &mut DbConnection,
    who: &StepActor,
    request: &StepRequest,
    now: DateTime<Utc>,
) -> Result<AppealState, StepError> {
    write_transaction(conn, |conn| {
        let case = case::load(conn, &request.reference, now)?.ok_or(StepError::NotFound)?;
        if who.actor == Actor::Citizen
            && who.decision_access.as_deref() != Some(case.decision.reference.as_str())
        {
            return Err(StepError::NotFound);
        }
        if request.expected_version != case.row.version {
            return Err(StepError::Stale);
        }
        let event = match &request.event {
            StepEvent::Ready(event) => event.clone(),
            StepEvent::Extend { new_due, reason } => Event::Extend {
                new_due: *new_due,
                ceiling: case.terms.profile.latest_extension(case.row.filed_on).due,
                reason: reason.clone(),
            },
        };
        let facts = case.facts()?;
        let step =
            transition(case.state, &facts, &event, &who.actor).map_err(StepError::Refused)?;
        let mut changes = case.row.changes();
        changes.state = step.to.as_str().to_string();
        if event.kind() == EventKind::Acknowledge {
            changes.acknowledged_on = Some(case.today);
        }
        let stamp = now.naive_utc();
        let mut history = History::new(&case, who, stamp);
        for effect in &step.effects {
            apply(conn, &case, effect, &mut changes, &mut history)?;
        }
        history.step(event.kind());
        if !appeal::update_if_version(conn, case.row.id, case.row.version, &changes, stamp)? {
            return Err(StepError::Stale);
        }
        history.write(conn)?;
        crate::services::stats::upkeep::refresh_appeal(conn, case.row.id)?;
        notifications::appeal_steps::after_step(
            conn,
            &case,
            &TakenStep {
                kind: event.kind(),
                to: step.to,
                effects: &step.effects,
                decide_by: changes.decide_by,
                escalate_until: changes.escalate_until,
            },
            stamp,
        )?;
        audit::append(
            conn,
            AuditEvent {
                actor: who.audit.clone(),
                action: audit_action(event.kind()),
                subject_kind: "appeal",
                subject_id: case.row.reference.clone(),
                details: serde_json::json!({
                    "from": case.state,
                    "to": step.to,
                    // Names only: the words are personal data, purged with the appeal.
                    "effects": step.effects.iter().map(Effect::name).collect::<Vec<_>>(),
                }),
            },
            stamp,
        )?;
        Ok(step.to)
    })
}

/// The audit action of a step: `appeal.` and the step's wire name.
fn audit_action(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Acknowledge => "appeal.acknowledge",
        EventKind::RequestInformation => "appeal.request_information",
        EventKind::Answer => "appeal.answer",
        EventKind::ProposeOutcome => "appeal.propose_outcome",
        EventKind::Approve => "appeal.approve",
        EventKind::RejectApproval => "appeal.reject_approval",
        EventKind::Decide => "appeal.decide",
        EventKind::Extend => "appeal.extend",
        EventKind::Escalate => "appeal.escalate",
        EventKind::OmbudsmanFinding => "appeal.ombudsman_finding",
        EventKind::Reopen => "appeal.reopen",
        EventKind::Close => "appeal.close",
        EventKind::Withdraw => "appeal.withdraw",
    }
}

/// Records one effect of an accepted step.
fn apply(
    conn: &mut DbConnection,
    case: &Case,
    effect: &Effect,
    changes: &mut AppealChanges,
    history: &mut History,
) -> Result<(), StepError> {
    let today = case.today;
    match effect {
        Effect::ClockPaused => appeal::start_pause(conn, case.row.id, today)?,
        Effect::ClockResumed => {
            appeal::end_pause(conn, case.row.id, today)?;
            // Without an extension the deadline is the profile's count less the paused days;
            // an extension is a date the supervisor chose and announced, so it stands.
            if changes.extended_to.is_none() {
                let pauses = appeal::pauses(conn, case.row.id)?;
                if let ClockStatus::Due(deadline) =
                    case.terms
                        .profile
                        .decide_by(changes.decide_from, &pauses, &case.terms.calendar)
                {
                    changes.decide_by = deadline.due;
                }
            }
        }
        Effect::QuestionAsked { question } => history.public(question),
        Effect::ReplyRecorded { reply } => history.public(reply),
        Effect::ProposalRecorded { by, outcome } => {
            changes.proposal_json = Some(to_json(&StoredProposal {
                by: *by,
                outcome: outcome.clone(),
            })?);
            history.internal(&outcome.reasoning);
        }
        Effect::ProposalRejected { reason, .. } => {
            changes.proposal_json = None;
            history.internal(reason);
        }
        Effect::OutcomeRecorded {
            outcome,
            decided_by,
            approved_by,
        } => {
            changes.outcome_json = Some(to_json(&StoredOutcome {
                outcome: outcome.clone(),
                decided_by: *decided_by,
                approved_by: *approved_by,
            })?);
            changes.proposal_json = None;
            changes.decided_on = Some(today);
            history.public(&outcome.reasoning);
        }
        Effect::CorrectedDecisionRecorded { corrected } => {
            decision::set_corrected_outcome(conn, case.decision.id, &to_json(corrected)?)?;
        }
        Effect::EscalationWindowStarts => {
            changes.escalate_until = Some(
                case.terms
                    .profile
                    .escalate_by(today, &case.terms.calendar)
                    .due,
            );
        }
        Effect::DeadlineMoved { to } => {
            changes.decide_by = *to;
            changes.extended_to = Some(*to);
        }
        Effect::ExtensionUsed { reason } => {
            changes.extensions_used += 1;
            changes.extension_reason = Some(reason.clone());
            history.public(reason);
        }
        Effect::EscalationRecorded { statement } => history.public(statement),
        Effect::FindingRecorded {
            kind, reasoning, ..
        } => {
            changes.finding = Some(kind.as_str().to_string());
            history.public(reasoning);
        }
        Effect::ReconsiderationOpened { .. } => {
            // The agency decides again on a fresh term from today; the finding and the last
            // outcome stay in the history.
            if let ClockStatus::Due(deadline) =
                case.terms
                    .profile
                    .decide_by(today, &[], &case.terms.calendar)
            {
                changes.decide_by = deadline.due;
            }
            changes.decide_from = today;
            changes.extended_to = None;
            changes.escalate_until = None;
            changes.finding = None;
            changes.outcome_json = None;
            changes.decided_on = None;
        }
        Effect::Closed { reason } => changes.close_reason = Some(reason.as_str().to_string()),
        Effect::WithdrawalRecorded { reason } => {
            if let Some(reason) = reason {
                history.public(reason);
            }
        }
    }
    Ok(())
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, StepError> {
    serde_json::to_string(value).map_err(|e| StepError::Unexpected(e.into()))
}

/// The history entry a step adds: its kind, who took it, and the words it carries.
struct History {
    appeal_id: i64,
    at: NaiveDateTime,
    author: &'static str,
    author_user_id: Option<i64>,
    body: String,
    internal: bool,
    kind: Option<EventKind>,
}

impl History {
    fn new(case: &Case, who: &StepActor, at: NaiveDateTime) -> History {
        let author = match who.actor {
            Actor::Citizen => "citizen",
            Actor::Staff { .. } => "staff",
            Actor::Ombudsman { .. } => "ombudsman",
            Actor::System => "system",
        };
        History {
            appeal_id: case.row.id,
            at,
            author,
            author_user_id: who.actor.user_id(),
            body: String::new(),
            internal: false,
            kind: None,
        }
    }

    fn public(&mut self, text: &str) {
        self.body = text.to_string();
    }

    fn internal(&mut self, text: &str) {
        self.body = text.to_string();
        self.internal = true;
    }

    fn step(&mut self, kind: EventKind) {
        self.kind = Some(kind);
    }

    fn write(&self, conn: &mut DbConnection) -> Result<(), StepError> {
        let kind = self.kind.map(EventKind::as_str).unwrap_or("note");
        appeal::add_entry(
            conn,
            &NewEntry {
                appeal_id: self.appeal_id,
                occurred_at: self.at,
                author: self.author,
                author_user_id: self.author_user_id,
                kind,
                visibility: if self.internal { "internal" } else { "public" },
                body: &self.body,
            },
        )?;
        Ok(())
    }
}
