//! Who may take which step on this appeal now: roles, the agency, separation of duties,
//! assignment, and the facts that open or shut a step (approval for high-risk systems, the
//! extension already used, the escalation window, the ombudsman's finding). Each guard returns
//! the proven identity the step records, so a step cannot record someone it did not check.
//!
//! The order of checks is fixed: who (role, agency), then separation of duties, then
//! assignment, then the appeal's facts; the first failure is the refusal given.

use super::actor::{Actor, StaffRole};
use super::effect::CloseReason;
use super::facts::{AppealFacts, EscalationWindow, Proposal, MAX_EXTENSIONS};
use super::outcome::FindingKind;
use super::refusal::{ActorNeeded, Refusal};
use super::state::AppealState;

/// A staff member of the appeal's agency whose role is among `roles`; returns their account
/// and role.
fn agency_staff(
    facts: &AppealFacts,
    actor: &Actor,
    roles: &[StaffRole],
    needed: ActorNeeded,
) -> Result<(i64, StaffRole), Refusal> {
    match *actor {
        Actor::Staff {
            user_id,
            agency_id,
            role,
        } if roles.contains(&role) => {
            if agency_id == facts.agency_id {
                Ok((user_id, role))
            } else {
                Err(Refusal::OtherAgency)
            }
        }
        _ => Err(Refusal::WrongActor { needed }),
    }
}

/// A supervisor of the appeal's agency; returns their account.
pub(super) fn agency_supervisor(facts: &AppealFacts, actor: &Actor) -> Result<i64, Refusal> {
    agency_staff(
        facts,
        actor,
        &[StaffRole::Supervisor],
        ActorNeeded::Supervisor,
    )
    .map(|(user_id, _)| user_id)
}

/// Whoever reviewed the original decision does not judge the appeal against it.
fn not_original_reviewer(facts: &AppealFacts, user_id: i64) -> Result<(), Refusal> {
    if facts.original_human_reviewer == Some(user_id) {
        Err(Refusal::OriginalReviewerCannotReview)
    } else {
        Ok(())
    }
}

/// May examine the appeal (acknowledge it, ask the citizen, propose an outcome): a reviewer or
/// supervisor of the agency who did not review the original decision and, when the appeal is
/// assigned to a reviewer, that reviewer or any supervisor. Returns their account.
pub(super) fn may_review(facts: &AppealFacts, actor: &Actor) -> Result<i64, Refusal> {
    let (user_id, role) = agency_staff(
        facts,
        actor,
        &[StaffRole::Reviewer, StaffRole::Supervisor],
        ActorNeeded::ReviewerOrSupervisor,
    )?;
    not_original_reviewer(facts, user_id)?;
    match facts.assignee {
        Some(assignee) if assignee != user_id && role != StaffRole::Supervisor => {
            Err(Refusal::NotAssignee)
        }
        _ => Ok(user_id),
    }
}

/// May decide directly: as for reviewing, and only on systems that are not high-risk, whose
/// appeals need a second person's approval.
pub(super) fn may_decide(facts: &AppealFacts, actor: &Actor) -> Result<i64, Refusal> {
    let user_id = may_review(facts, actor)?;
    if facts.system_high_risk {
        Err(Refusal::HighRiskNeedsApproval)
    } else {
        Ok(user_id)
    }
}

/// May approve or reject the pending proposal: a supervisor of the agency who neither
/// reviewed the original decision nor made the proposal (judging a proposal either way is
/// reviewing). Returns their account and the proposal.
pub(super) fn may_judge_proposal<'a>(
    facts: &'a AppealFacts,
    actor: &Actor,
) -> Result<(i64, &'a Proposal), Refusal> {
    let user_id = agency_supervisor(facts, actor)?;
    not_original_reviewer(facts, user_id)?;
    let proposal = facts.proposal.as_ref().ok_or(Refusal::NoPendingProposal)?;
    if proposal.by == user_id {
        Err(Refusal::ProposerCannotApprove)
    } else {
        Ok((user_id, proposal))
    }
}

/// May extend the decide deadline: a supervisor of the agency, while extensions remain.
pub(super) fn may_extend(facts: &AppealFacts, actor: &Actor) -> Result<i64, Refusal> {
    let user_id = agency_supervisor(facts, actor)?;
    if facts.extensions_used >= MAX_EXTENSIONS {
        Err(Refusal::AlreadyExtended)
    } else {
        Ok(user_id)
    }
}

/// The appellant.
pub(super) fn must_be_citizen(actor: &Actor) -> Result<(), Refusal> {
    match actor {
        Actor::Citizen => Ok(()),
        _ => Err(Refusal::WrongActor {
            needed: ActorNeeded::Citizen,
        }),
    }
}

/// An ombudsman; returns their account.
pub(super) fn must_be_ombudsman(actor: &Actor) -> Result<i64, Refusal> {
    match *actor {
        Actor::Ombudsman { user_id } => Ok(user_id),
        _ => Err(Refusal::WrongActor {
            needed: ActorNeeded::Ombudsman,
        }),
    }
}

/// May escalate: the appellant, on or before the last day to escalate.
pub(super) fn may_escalate(facts: &AppealFacts, actor: &Actor) -> Result<(), Refusal> {
    must_be_citizen(actor)?;
    match facts.escalation_window() {
        EscalationWindow::Open => Ok(()),
        EscalationWindow::Passed => Err(Refusal::EscalationWindowClosed),
        EscalationWindow::NotSet => Err(Refusal::EscalationWindowUnknown),
    }
}

/// May reopen: a supervisor of the agency, and only when the ombudsman recommended
/// reconsideration. A person rather than the portal reopens, so the agency knowingly takes the
/// appeal back and can assign it.
pub(super) fn may_reopen(facts: &AppealFacts, actor: &Actor) -> Result<i64, Refusal> {
    let user_id = agency_supervisor(facts, actor)?;
    if facts.finding == Some(FindingKind::RecommendReconsideration) {
        Ok(user_id)
    } else {
        Err(Refusal::FindingDoesNotRecommendReconsideration)
    }
}

/// May close, and why the appeal closes. From `decided`: the citizen at any time (accepting
/// the decision), the portal or a supervisor of the agency once the escalation window has
/// passed. From `resolved`: the citizen, the portal or a supervisor, once the ombudsman found
/// that the outcome stands; a recommendation to reconsider leads to reopening instead.
pub(super) fn may_close(
    state: AppealState,
    facts: &AppealFacts,
    actor: &Actor,
) -> Result<CloseReason, Refusal> {
    let is_citizen = matches!(actor, Actor::Citizen);
    if !is_citizen && !matches!(actor, Actor::System) {
        agency_staff(
            facts,
            actor,
            &[StaffRole::Supervisor],
            ActorNeeded::CitizenSupervisorOrSystem,
        )?;
    }
    if state == AppealState::Resolved {
        return match facts.finding {
            Some(FindingKind::OutcomeStands) => Ok(CloseReason::OmbudsmanFindingFinal),
            Some(FindingKind::RecommendReconsideration) => Err(Refusal::ReconsiderationRecommended),
            None => Err(Refusal::NoFindingRecorded),
        };
    }
    if is_citizen {
        return Ok(CloseReason::CitizenAccepted);
    }
    match facts.escalation_window() {
        EscalationWindow::Passed => Ok(CloseReason::EscalationWindowPassed),
        EscalationWindow::Open => Err(Refusal::EscalationWindowStillOpen),
        EscalationWindow::NotSet => Err(Refusal::EscalationWindowUnknown),
    }
}
