//! What the agency decides on an appeal and what the ombudsman finds.

pub use app::types::{FindingKind, OutcomeKind};
use serde::{Deserialize, Serialize};

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
