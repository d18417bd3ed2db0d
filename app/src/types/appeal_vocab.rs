//! The appeal workflow's closed sets of values, shared by the server's state machine, the
//! pages and the API: one definition, one wire name per value (docs/appeals.md).

use serde::{Deserialize, Serialize};

crate::vocabulary! {
    /// Where an appeal stands; stored by its wire name in `appeals.state`.
    AppealState {
        /// Filed by the citizen; the agency has not taken it up yet. The decide clock runs.
        Submitted = "submitted",
        /// The agency examines the appeal. The decide clock runs.
        UnderReview = "under_review",
        /// The agency asked the citizen a question; the decide clock is paused until the
        /// reply, because the agency cannot be late while it waits on the citizen.
        AwaitingCitizen = "awaiting_citizen",
        /// A proposed outcome waits for a second person's approval. The decide clock runs.
        PendingApproval = "pending_approval",
        /// The agency decided; the citizen may escalate while the escalation window is open.
        Decided = "decided",
        /// The ombudsman examines the agency's handling of the appeal.
        Escalated = "escalated",
        /// The ombudsman gave a finding; the appeal is closed or, on a recommendation to
        /// reconsider, reopened at the agency.
        Resolved = "resolved",
        /// Finished; nothing more happens.
        Closed = "closed",
        /// The citizen withdrew before a decision; nothing more happens.
        Withdrawn = "withdrawn",
    }
}

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

crate::vocabulary! {
    /// A step of the workflow without its data: what a page offers as a button and what a
    /// refusal names.
    EventKind {
        Acknowledge = "acknowledge",
        RequestInformation = "request_information",
        Answer = "answer",
        ProposeOutcome = "propose_outcome",
        Approve = "approve",
        RejectApproval = "reject_approval",
        Decide = "decide",
        Extend = "extend",
        Escalate = "escalate",
        OmbudsmanFinding = "ombudsman_finding",
        Reopen = "reopen",
        Close = "close",
        Withdraw = "withdraw",
    }
}

crate::vocabulary! {
    /// The agency's answer to the appeal.
    OutcomeKind {
        /// The original decision stands.
        Upheld = "upheld",
        /// The original decision is replaced by the corrected outcome.
        Overturned = "overturned",
        /// Part of the original decision is replaced by the corrected outcome.
        PartiallyOverturned = "partially_overturned",
    }
}

impl OutcomeKind {
    /// Whether this answer changes the original decision, and so must say what it becomes.
    pub fn corrects_decision(self) -> bool {
        matches!(
            self,
            OutcomeKind::Overturned | OutcomeKind::PartiallyOverturned
        )
    }
}

crate::vocabulary! {
    /// What the ombudsman found after an escalation.
    FindingKind {
        /// The agency's outcome stands; the appeal can be closed.
        OutcomeStands = "outcome_stands",
        /// The agency should decide again; its supervisor reopens the appeal.
        RecommendReconsideration = "recommend_reconsideration",
    }
}

crate::vocabulary! {
    /// Why an appeal was closed, for the citizen's letter and for statistics.
    CloseReason {
        /// The citizen accepted the agency's decision.
        CitizenAccepted = "citizen_accepted",
        /// The citizen did not escalate in time.
        EscalationWindowPassed = "escalation_window_passed",
        /// The ombudsman found that the agency's outcome stands.
        OmbudsmanFindingFinal = "ombudsman_finding_final",
    }
}

crate::vocabulary! {
    /// Why the citizen challenges the decision.
    GroundKind {
        /// Information the system used about them is wrong (named factors, with the right value).
        DataError = "data_error",
        /// The system applied the wrong rule or the rule wrongly.
        WrongRule = "wrong_rule",
        /// The decision may treat them unfairly for who they are.
        Discrimination = "discrimination",
        /// They want a person to look at the decision again.
        HumanReview = "human_review",
        /// Another reason, said in the statement.
        Other = "other",
    }
}
