//! Why a step was refused. Each reason is its own variant with a stable code, so the API can
//! answer with it and pages can show a translated sentence.

use super::event::EventKind;
use super::state::AppealState;
use serde::Serialize;
use std::fmt;

/// Who a refused step needed instead of the one who asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorNeeded {
    /// The appellant.
    Citizen,
    /// A reviewer or supervisor of the appeal's agency.
    ReviewerOrSupervisor,
    /// A supervisor of the appeal's agency.
    Supervisor,
    /// An ombudsman.
    Ombudsman,
    /// The appellant, a supervisor of the appeal's agency, or the portal itself.
    CitizenSupervisorOrSystem,
}

wire_names!(ActorNeeded {
    Citizen => "citizen",
    ReviewerOrSupervisor => "reviewer_or_supervisor",
    Supervisor => "supervisor",
    Ombudsman => "ombudsman",
    CitizenSupervisorOrSystem => "citizen_supervisor_or_system",
});

/// Why the workflow refused a step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Refusal {
    /// The workflow has no such step from this state.
    NotAllowedInState {
        state: AppealState,
        event: EventKind,
    },
    /// The step belongs to someone else.
    WrongActor { needed: ActorNeeded },
    /// The staff member works for another agency than the one whose decision is appealed.
    OtherAgency,
    /// The appeal is assigned to another reviewer; only they or a supervisor may act on it.
    NotAssignee,
    /// The staff member reviewed the original decision and cannot review the appeal against it.
    OriginalReviewerCannotReview,
    /// The proposer of an outcome cannot approve or reject their own proposal.
    ProposerCannotApprove,
    /// Nothing is recorded as proposed, so there is nothing to approve or reject.
    NoPendingProposal,
    /// Appeals on high-risk systems are decided only through a proposal and its approval.
    HighRiskNeedsApproval,
    /// The decide deadline was already extended as often as allowed.
    AlreadyExtended,
    /// An extension must move the decide deadline later.
    ExtensionNotLater,
    /// The extension goes past the latest date the law allows.
    ExtensionPastCeiling,
    /// The last day to escalate has passed.
    EscalationWindowClosed,
    /// The citizen may still escalate, so only the citizen may close the appeal now.
    EscalationWindowStillOpen,
    /// No escalation window is recorded for the decided appeal.
    EscalationWindowUnknown,
    /// A text the step needs is blank; `field` names it as the form and the API do.
    EmptyText { field: &'static str },
    /// An overturn must say what the decision becomes.
    CorrectedOutcomeRequired,
    /// An upheld decision does not change, so it carries no corrected outcome.
    CorrectedOutcomeNotAllowed,
    /// Only a finding that recommends reconsideration reopens an appeal.
    FindingDoesNotRecommendReconsideration,
    /// The ombudsman recommended reconsideration: the agency reopens the appeal rather than
    /// closing it.
    ReconsiderationRecommended,
    /// The appeal is resolved but no finding is recorded.
    NoFindingRecorded,
}

impl Refusal {
    /// The stable code for API errors and translation keys.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::NotAllowedInState { .. } => "not_allowed_in_state",
            Refusal::WrongActor { .. } => "wrong_actor",
            Refusal::OtherAgency => "other_agency",
            Refusal::NotAssignee => "not_assignee",
            Refusal::OriginalReviewerCannotReview => "original_reviewer_cannot_review",
            Refusal::ProposerCannotApprove => "proposer_cannot_approve",
            Refusal::NoPendingProposal => "no_pending_proposal",
            Refusal::HighRiskNeedsApproval => "high_risk_needs_approval",
            Refusal::AlreadyExtended => "already_extended",
            Refusal::ExtensionNotLater => "extension_not_later",
            Refusal::ExtensionPastCeiling => "extension_past_ceiling",
            Refusal::EscalationWindowClosed => "escalation_window_closed",
            Refusal::EscalationWindowStillOpen => "escalation_window_still_open",
            Refusal::EscalationWindowUnknown => "escalation_window_unknown",
            Refusal::EmptyText { .. } => "empty_text",
            Refusal::CorrectedOutcomeRequired => "corrected_outcome_required",
            Refusal::CorrectedOutcomeNotAllowed => "corrected_outcome_not_allowed",
            Refusal::FindingDoesNotRecommendReconsideration => {
                "finding_does_not_recommend_reconsideration"
            }
            Refusal::ReconsiderationRecommended => "reconsideration_recommended",
            Refusal::NoFindingRecorded => "no_finding_recorded",
        }
    }
}

/// An English sentence for logs and operators; pages translate the code instead.
impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NotAllowedInState { state, event } => {
                write!(f, "{event} is not possible while the appeal is {state}")
            }
            Refusal::WrongActor { needed } => write!(f, "this step is for: {needed}"),
            Refusal::OtherAgency => f.write_str("the appeal belongs to another agency"),
            Refusal::NotAssignee => f.write_str("the appeal is assigned to another reviewer"),
            Refusal::OriginalReviewerCannotReview => {
                f.write_str("the original decision's reviewer cannot review its appeal")
            }
            Refusal::ProposerCannotApprove => {
                f.write_str("the proposer cannot approve or reject their own proposal")
            }
            Refusal::NoPendingProposal => f.write_str("no outcome is proposed"),
            Refusal::HighRiskNeedsApproval => f.write_str(
                "appeals on high-risk systems are decided through a proposal and its approval",
            ),
            Refusal::AlreadyExtended => f.write_str("the deadline was already extended"),
            Refusal::ExtensionNotLater => {
                f.write_str("the new deadline must be after the current one")
            }
            Refusal::ExtensionPastCeiling => {
                f.write_str("the new deadline is past the latest date allowed")
            }
            Refusal::EscalationWindowClosed => f.write_str("the last day to escalate has passed"),
            Refusal::EscalationWindowStillOpen => f.write_str("the citizen may still escalate"),
            Refusal::EscalationWindowUnknown => f.write_str("no escalation window is recorded"),
            Refusal::EmptyText { field } => write!(f, "{field} must not be blank"),
            Refusal::CorrectedOutcomeRequired => {
                f.write_str("an overturn must give the corrected outcome")
            }
            Refusal::CorrectedOutcomeNotAllowed => {
                f.write_str("an upheld decision has no corrected outcome")
            }
            Refusal::FindingDoesNotRecommendReconsideration => {
                f.write_str("the ombudsman's finding does not recommend reconsideration")
            }
            Refusal::ReconsiderationRecommended => {
                f.write_str("the ombudsman recommended reconsideration; reopen the appeal")
            }
            Refusal::NoFindingRecorded => f.write_str("no ombudsman finding is recorded"),
        }
    }
}

impl std::error::Error for Refusal {}
