//! The stored documents of a purged case, without the words and addresses a person gave: what
//! the statistics read from them (grounds by kind, the factors named, the outcome's kind) stays,
//! so an appeal's figures computed again come out the same.

use crate::domain::decision::DecisionDocument;
use crate::domain::stored;
use crate::services::appeals::case::StoredOutcome;
use app::types::Grounds;

/// The decision document without the subject's email address. The national id is never
/// stored; the region and language stay, as the statistics count by them.
pub fn decision_content(json: &str) -> anyhow::Result<String> {
    let mut document: DecisionDocument = stored::document(json, "decision")?;
    if let Some(subject) = document.subject.as_mut() {
        subject.email = None;
    }
    Ok(serde_json::to_string(&document)?)
}

/// The grounds by kind and factor, without what the citizen wrote about each factor.
pub fn grounds(json: &str) -> anyhow::Result<String> {
    let mut grounds: Grounds = stored::document(json, "appeal grounds")?;
    for factor in &mut grounds.factors {
        factor.correct_value.clear();
        factor.why.clear();
    }
    Ok(serde_json::to_string(&grounds)?)
}

/// The agency's answer by kind (and the corrected outcome, which is the decision's), without
/// its reasoning about the person.
pub fn outcome(json: &str) -> anyhow::Result<String> {
    let mut stored: StoredOutcome = stored::document(json, "appeal outcome")?;
    stored.outcome.reasoning.clear();
    Ok(serde_json::to_string(&stored)?)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn grounds_keep_their_kinds_and_factor_keys_only() {
        let json = r#"{"kinds":["data_error","other"],"factors":[{"key":"income","correct_value":"412000","why":"My salary slip says so"}]}"#;
        let kept: Grounds = serde_json::from_str(&grounds(json).unwrap()).unwrap();
        assert_eq!(kept.kinds.len(), 2);
        assert_eq!(kept.factors[0].key, "income");
        assert!(kept.factors[0].correct_value.is_empty());
        assert!(kept.factors[0].why.is_empty());
    }

    #[test]
    fn an_outcome_keeps_its_kind_and_correction_without_reasoning() {
        let json = r#"{"outcome":{"kind":"overturned","reasoning":"Mr Amanov's certificate shows","corrected":{"outcome":"approved","label":"Approved"}},"decided_by":7}"#;
        let kept = outcome(json).unwrap();
        assert!(!kept.contains("Amanov"));
        assert!(kept.contains("\"overturned\""));
        assert!(kept.contains("\"approved\""));
        assert!(kept.contains("\"decided_by\":7"));
    }

    #[test]
    fn a_broken_stored_document_is_an_error_not_an_empty_one() {
        assert!(grounds("not json").is_err());
        assert!(outcome("{}").is_err());
        assert!(decision_content("[]").is_err());
    }
}
