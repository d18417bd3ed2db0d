//! How well a system's decisions are explained: the share stored without quality warnings,
//! the warnings by kind, and for the owning agency's supervisors the worst examples
//! (docs/api.md, "Quality checks").

use crate::types::LocalizedText;
use serde::{Deserialize, Serialize};

/// The kinds of soft quality problem, as the API names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QualityCode {
    FactorLabelMissing,
    SummarySentenceLong,
    SummaryTooLong,
    DeadlineWithoutAction,
    CounterfactualAgainstReasons,
}

impl QualityCode {
    pub const ALL: [QualityCode; 5] = [
        QualityCode::FactorLabelMissing,
        QualityCode::SummarySentenceLong,
        QualityCode::SummaryTooLong,
        QualityCode::DeadlineWithoutAction,
        QualityCode::CounterfactualAgainstReasons,
    ];

    /// The API's and the database's name.
    pub fn as_str(self) -> &'static str {
        match self {
            QualityCode::FactorLabelMissing => "factor_label_missing",
            QualityCode::SummarySentenceLong => "summary_sentence_long",
            QualityCode::SummaryTooLong => "summary_too_long",
            QualityCode::DeadlineWithoutAction => "deadline_without_action",
            QualityCode::CounterfactualAgainstReasons => "counterfactual_against_reasons",
        }
    }

    pub fn parse(value: &str) -> Option<QualityCode> {
        QualityCode::ALL.into_iter().find(|c| c.as_str() == value)
    }
}

/// A system's quality score.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemQuality {
    /// Decisions the system has made.
    pub decisions: i64,
    /// Of them, stored without any warning.
    pub without_warnings: i64,
    /// For each kind of warning found: how many decisions have it, the most common first.
    pub by_code: Vec<(QualityCode, i64)>,
}

impl SystemQuality {
    /// The share without warnings, in whole percent rounded down (so 99.6% is not "100%");
    /// `None` before the first decision.
    pub fn percent_without_warnings(&self) -> Option<i64> {
        (self.decisions > 0).then(|| self.without_warnings * 100 / self.decisions)
    }
}

/// One of the decisions with the most warnings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualityExample {
    pub reference: String,
    pub warnings: i64,
    pub codes: Vec<QualityCode>,
}

/// The supervisors' page: the score and the worst examples of one of their agency's systems.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualityReview {
    pub slug: String,
    pub system_name: LocalizedText,
    pub quality: SystemQuality,
    pub worst: Vec<QualityExample>,
}
