//! What an accepted step asks the service to record besides the new state.

use super::outcome::{CorrectedOutcome, FindingKind, Outcome};
use super::state::AppealState;
pub use app::types::CloseReason;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An accepted step: the state the appeal moves to (possibly the same) and what to record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transition {
    pub to: AppealState,
    /// In the order the service should record them.
    pub effects: Vec<Effect>,
}

/// One thing for the service to record. Effects carry their data, so the service can apply
/// them without reading the event again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "effect", rename_all = "snake_case")]
pub enum Effect {
    /// The decide clock stops today (the agency waits on the citizen): record the pause's start.
    ClockPaused,
    /// The pause that `ClockPaused` began ends today, because the citizen answered or withdrew:
    /// record its end, and on an answer move the decide deadline by the days paused.
    ClockResumed,
    /// The agency's question to the citizen.
    QuestionAsked { question: String },
    /// The citizen's answer to the agency's question.
    ReplyRecorded { reply: String },
    /// Keep this outcome as the proposal awaiting approval, with its proposer.
    ProposalRecorded { by: i64, outcome: Outcome },
    /// The proposal was sent back; discard it and keep the reason for the proposer.
    ProposalRejected { by: i64, reason: String },
    /// The agency's decision on the appeal. `decided_by` wrote the outcome; `approved_by` is
    /// the supervisor who approved it, when it went through approval. Discard any proposal.
    OutcomeRecorded {
        outcome: Outcome,
        decided_by: i64,
        approved_by: Option<i64>,
    },
    /// Record the corrected outcome beside the original decision, which is kept as it was.
    CorrectedDecisionRecorded { corrected: CorrectedOutcome },
    /// The citizen's time to escalate starts today: set the last day to escalate.
    EscalationWindowStarts,
    /// The decide deadline is now this date.
    DeadlineMoved { to: NaiveDate },
    /// Count one extension used; the reason is shown to the citizen.
    ExtensionUsed { reason: String },
    /// The citizen's statement to the ombudsman.
    EscalationRecorded { statement: String },
    /// The ombudsman's finding.
    FindingRecorded {
        by: i64,
        kind: FindingKind,
        reasoning: String,
    },
    /// The agency decides again: set a new decide deadline and clear the last decision's
    /// escalation window and the finding (both are kept in the history).
    ReconsiderationOpened { by: i64 },
    /// The appeal ended, and why.
    Closed { reason: CloseReason },
    /// The citizen withdrew, with their reason if they gave one.
    WithdrawalRecorded { reason: Option<String> },
}

impl Effect {
    /// The effect's name (`question_asked`, `outcome_recorded`, …), all the audit log keeps of
    /// it: the words people wrote are personal data kept with the appeal, where the retention
    /// purge removes them, while the audit log is kept unaltered (docs/security.md).
    pub fn name(&self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|value| value.get("effect")?.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_effects_name_carries_none_of_its_words() {
        let effect = Effect::ReplyRecorded {
            reply: "my income was 120,000".into(),
        };
        assert_eq!(effect.name(), "reply_recorded");
        assert_eq!(Effect::ClockPaused.name(), "clock_paused");
    }
}
