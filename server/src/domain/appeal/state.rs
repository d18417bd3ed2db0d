//! Where an appeal stands in its workflow.

use serde::{Deserialize, Serialize};

/// Where an appeal stands; stored by its wire name in `appeals.state`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppealState {
    /// Filed by the citizen; the agency has not taken it up yet. The decide clock runs.
    Submitted,
    /// The agency examines the appeal. The decide clock runs.
    UnderReview,
    /// The agency asked the citizen a question; the decide clock is paused until the reply,
    /// because the agency cannot be late while it waits on the citizen.
    AwaitingCitizen,
    /// A proposed outcome waits for a second person's approval. The decide clock runs.
    PendingApproval,
    /// The agency decided; the citizen may escalate while the escalation window is open.
    Decided,
    /// The ombudsman examines the agency's handling of the appeal.
    Escalated,
    /// The ombudsman gave a finding; the appeal is closed or, on a recommendation to
    /// reconsider, reopened at the agency.
    Resolved,
    /// Finished; nothing more happens.
    Closed,
    /// The citizen withdrew before a decision; nothing more happens.
    Withdrawn,
}

wire_names!(AppealState {
    Submitted => "submitted",
    UnderReview => "under_review",
    AwaitingCitizen => "awaiting_citizen",
    PendingApproval => "pending_approval",
    Decided => "decided",
    Escalated => "escalated",
    Resolved => "resolved",
    Closed => "closed",
    Withdrawn => "withdrawn",
});

impl AppealState {
    /// Whether the appeal can still move: every state except closed and withdrawn.
    pub fn is_open(self) -> bool {
        !matches!(self, AppealState::Closed | AppealState::Withdrawn)
    }

    /// Whether the agency has yet to decide: the states in which the citizen may withdraw and
    /// a supervisor may extend the decide deadline.
    pub fn is_before_decision(self) -> bool {
        matches!(
            self,
            AppealState::Submitted
                | AppealState::UnderReview
                | AppealState::AwaitingCitizen
                | AppealState::PendingApproval
        )
    }
}
