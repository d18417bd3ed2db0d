//! The workflow's diagram as data: which step leads where, before asking who may take it.

use super::event::EventKind;
use super::state::AppealState;

/// The state a step of `kind` leads to from `state`, or `None` where the workflow has no such
/// step. Extending keeps the state; every other step moves the appeal on.
pub fn destination(state: AppealState, kind: EventKind) -> Option<AppealState> {
    use AppealState as S;
    use EventKind as K;
    match (state, kind) {
        (S::Submitted, K::Acknowledge) => Some(S::UnderReview),
        (S::UnderReview, K::RequestInformation) => Some(S::AwaitingCitizen),
        (S::AwaitingCitizen, K::Answer) => Some(S::UnderReview),
        (S::UnderReview, K::ProposeOutcome) => Some(S::PendingApproval),
        (S::UnderReview, K::Decide) => Some(S::Decided),
        (S::PendingApproval, K::Approve) => Some(S::Decided),
        (S::PendingApproval, K::RejectApproval) => Some(S::UnderReview),
        (S::Decided, K::Escalate) => Some(S::Escalated),
        (S::Decided | S::Resolved, K::Close) => Some(S::Closed),
        (S::Escalated, K::OmbudsmanFinding) => Some(S::Resolved),
        (S::Resolved, K::Reopen) => Some(S::UnderReview),
        (state, K::Extend) if state.is_before_decision() => Some(state),
        (state, K::Withdraw) if state.is_before_decision() => Some(S::Withdrawn),
        _ => None,
    }
}
