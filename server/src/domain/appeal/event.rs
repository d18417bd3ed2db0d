//! The steps someone can ask for, with what each step must carry.

pub use app::types::EventKind;

use super::outcome::{FindingKind, Outcome};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A step asked for, with its data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// The agency takes up a submitted appeal.
    Acknowledge,
    /// The agency asks the citizen a question; the decide clock pauses until the answer.
    RequestInformation { question: String },
    /// The citizen answers the agency's question; the decide clock runs again.
    Answer { reply: String },
    /// A reviewer proposes an outcome for a supervisor to approve (required for high-risk
    /// systems, voluntary for the others).
    ProposeOutcome { outcome: Outcome },
    /// A supervisor other than the proposer adopts the proposed outcome as the decision.
    Approve,
    /// A supervisor other than the proposer sends the proposal back, saying why.
    RejectApproval { reason: String },
    /// The agency decides directly (not for high-risk systems).
    Decide { outcome: Outcome },
    /// A supervisor moves the decide deadline, once per appeal. The caller computes both
    /// dates: `new_due` from the supervisor's request, `ceiling` from the law's limit.
    Extend {
        new_due: NaiveDate,
        ceiling: NaiveDate,
        /// Shown to the citizen.
        reason: String,
    },
    /// The citizen takes the decided appeal to the ombudsman.
    Escalate { statement: String },
    /// The ombudsman's finding on an escalated appeal.
    OmbudsmanFinding {
        kind: FindingKind,
        reasoning: String,
    },
    /// The agency takes the appeal up again after the ombudsman recommended reconsideration.
    Reopen,
    /// The appeal ends.
    Close,
    /// The citizen gives up the appeal before it is decided.
    Withdraw {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
}

impl Event {
    /// Which step this is.
    pub fn kind(&self) -> EventKind {
        match self {
            Event::Acknowledge => EventKind::Acknowledge,
            Event::RequestInformation { .. } => EventKind::RequestInformation,
            Event::Answer { .. } => EventKind::Answer,
            Event::ProposeOutcome { .. } => EventKind::ProposeOutcome,
            Event::Approve => EventKind::Approve,
            Event::RejectApproval { .. } => EventKind::RejectApproval,
            Event::Decide { .. } => EventKind::Decide,
            Event::Extend { .. } => EventKind::Extend,
            Event::Escalate { .. } => EventKind::Escalate,
            Event::OmbudsmanFinding { .. } => EventKind::OmbudsmanFinding,
            Event::Reopen => EventKind::Reopen,
            Event::Close => EventKind::Close,
            Event::Withdraw { .. } => EventKind::Withdraw,
        }
    }
}
