//! What the agency decides on an appeal and what the ombudsman finds.

use serde::{Deserialize, Serialize};

/// The agency's answer to the appeal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    /// The original decision stands.
    Upheld,
    /// The original decision is replaced by the corrected outcome.
    Overturned,
    /// Part of the original decision is replaced by the corrected outcome.
    PartiallyOverturned,
}

wire_names!(OutcomeKind {
    Upheld => "upheld",
    Overturned => "overturned",
    PartiallyOverturned => "partially_overturned",
});

impl OutcomeKind {
    /// Whether this answer changes the original decision, and so must say what it becomes.
    pub fn corrects_decision(self) -> bool {
        matches!(
            self,
            OutcomeKind::Overturned | OutcomeKind::PartiallyOverturned
        )
    }
}

/// What the original decision becomes after an overturn, recorded beside the original so the
/// citizen and the agency's systems see both.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CorrectedOutcome {
    /// The short outcome code, in the same vocabulary as the original decision's outcome.
    pub outcome: String,
    /// The words the citizen reads for that code.
    pub label: String,
}

/// The agency's answer with its reasons. Overturns carry the corrected outcome; an upheld
/// decision carries none, since nothing changes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Outcome {
    pub kind: OutcomeKind,
    /// Why, in words the citizen reads; never blank.
    pub reasoning: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrected: Option<CorrectedOutcome>,
}

/// What the ombudsman found after an escalation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// The agency's outcome stands; the appeal can be closed.
    OutcomeStands,
    /// The agency should decide again; its supervisor reopens the appeal.
    RecommendReconsideration,
}

wire_names!(FindingKind {
    OutcomeStands => "outcome_stands",
    RecommendReconsideration => "recommend_reconsideration",
});
