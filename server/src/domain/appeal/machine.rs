//! The workflow's one decision: given where an appeal stands, what is known about it, the
//! step asked for and who asks, either the step's result or the reason it is refused.

use super::actor::Actor;
use super::edges::destination;
use super::effect::{Effect, Transition};
use super::event::{Event, EventKind};
use super::facts::AppealFacts;
use super::outcome::Outcome;
use super::payload::{check_extension, check_outcome, optional_text, require_text};
use super::permission::{
    may_close, may_decide, may_escalate, may_extend, may_judge_proposal, may_reopen, may_review,
    must_be_citizen, must_be_ombudsman,
};
use super::refusal::Refusal;
use super::state::AppealState;

/// Applies `event`, asked for by `actor`, to an appeal in `state`. Checks in order: the
/// workflow has the step from this state; the actor may take it now; what the event carries
/// is complete. Nothing is read from outside the arguments.
pub fn transition(
    state: AppealState,
    facts: &AppealFacts,
    event: &Event,
    actor: &Actor,
) -> Result<Transition, Refusal> {
    let to = step_destination(state, event.kind())?;
    let effects = match event {
        Event::Acknowledge => {
            may_review(facts, actor)?;
            Vec::new()
        }
        Event::RequestInformation { question } => {
            may_review(facts, actor)?;
            require_text(question, "question")?;
            vec![
                Effect::QuestionAsked {
                    question: question.clone(),
                },
                Effect::ClockPaused,
            ]
        }
        Event::Answer { reply } => {
            must_be_citizen(actor)?;
            require_text(reply, "reply")?;
            vec![
                Effect::ReplyRecorded {
                    reply: reply.clone(),
                },
                Effect::ClockResumed,
            ]
        }
        Event::ProposeOutcome { outcome } => {
            let by = may_review(facts, actor)?;
            check_outcome(outcome)?;
            vec![Effect::ProposalRecorded {
                by,
                outcome: outcome.clone(),
            }]
        }
        Event::Approve => {
            let (approver, proposal) = may_judge_proposal(facts, actor)?;
            decision_effects(&proposal.outcome, proposal.by, Some(approver))
        }
        Event::RejectApproval { reason } => {
            let (by, _) = may_judge_proposal(facts, actor)?;
            require_text(reason, "reason")?;
            vec![Effect::ProposalRejected {
                by,
                reason: reason.clone(),
            }]
        }
        Event::Decide { outcome } => {
            let by = may_decide(facts, actor)?;
            check_outcome(outcome)?;
            decision_effects(outcome, by, None)
        }
        Event::Extend {
            new_due,
            ceiling,
            reason,
        } => {
            may_extend(facts, actor)?;
            check_extension(facts.decide_by, *new_due, *ceiling)?;
            require_text(reason, "reason")?;
            vec![
                Effect::DeadlineMoved { to: *new_due },
                Effect::ExtensionUsed {
                    reason: reason.clone(),
                },
            ]
        }
        Event::Escalate { statement } => {
            may_escalate(facts, actor)?;
            require_text(statement, "statement")?;
            vec![Effect::EscalationRecorded {
                statement: statement.clone(),
            }]
        }
        Event::OmbudsmanFinding { kind, reasoning } => {
            let by = must_be_ombudsman(actor)?;
            require_text(reasoning, "reasoning")?;
            vec![Effect::FindingRecorded {
                by,
                kind: *kind,
                reasoning: reasoning.clone(),
            }]
        }
        Event::Reopen => {
            let by = may_reopen(facts, actor)?;
            vec![Effect::ReconsiderationOpened { by }]
        }
        Event::Close => {
            let reason = may_close(state, facts, actor)?;
            vec![Effect::Closed { reason }]
        }
        Event::Withdraw { reason } => {
            must_be_citizen(actor)?;
            optional_text(reason.as_deref(), "reason")?;
            let mut effects = Vec::new();
            if state == AppealState::AwaitingCitizen {
                effects.push(Effect::ClockResumed);
            }
            effects.push(Effect::WithdrawalRecorded {
                reason: reason.clone(),
            });
            effects
        }
    };
    Ok(Transition { to, effects })
}

/// Whether `actor` may take a step of `kind` now, leaving aside what the event would carry;
/// the reason when not, so a page can say why a button is missing. A step passes here exactly
/// when some complete event of that kind would be accepted by [`transition`].
pub fn check_permission(
    state: AppealState,
    facts: &AppealFacts,
    kind: EventKind,
    actor: &Actor,
) -> Result<(), Refusal> {
    step_destination(state, kind)?;
    match kind {
        EventKind::Acknowledge | EventKind::RequestInformation | EventKind::ProposeOutcome => {
            may_review(facts, actor).map(drop)
        }
        EventKind::Decide => may_decide(facts, actor).map(drop),
        EventKind::Approve | EventKind::RejectApproval => {
            may_judge_proposal(facts, actor).map(drop)
        }
        EventKind::Extend => may_extend(facts, actor).map(drop),
        EventKind::Answer | EventKind::Withdraw => must_be_citizen(actor),
        EventKind::Escalate => may_escalate(facts, actor),
        EventKind::OmbudsmanFinding => must_be_ombudsman(actor).map(drop),
        EventKind::Reopen => may_reopen(facts, actor).map(drop),
        EventKind::Close => may_close(state, facts, actor).map(drop),
    }
}

/// The steps `actor` may take now, in [`EventKind::ALL`] order: the buttons a page shows.
pub fn allowed_events(state: AppealState, facts: &AppealFacts, actor: &Actor) -> Vec<EventKind> {
    EventKind::ALL
        .iter()
        .copied()
        .filter(|kind| check_permission(state, facts, *kind, actor).is_ok())
        .collect()
}

fn step_destination(state: AppealState, event: EventKind) -> Result<AppealState, Refusal> {
    destination(state, event).ok_or(Refusal::NotAllowedInState { state, event })
}

/// What a decision records, directly or through approval: the outcome, the corrected outcome
/// beside the original decision when it changes, and the start of the escalation window.
fn decision_effects(outcome: &Outcome, decided_by: i64, approved_by: Option<i64>) -> Vec<Effect> {
    let mut effects = vec![Effect::OutcomeRecorded {
        outcome: outcome.clone(),
        decided_by,
        approved_by,
    }];
    if let Some(corrected) = &outcome.corrected {
        effects.push(Effect::CorrectedDecisionRecorded {
            corrected: corrected.clone(),
        });
    }
    effects.push(Effect::EscalationWindowStarts);
    effects
}
