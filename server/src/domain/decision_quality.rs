//! Quality checks on a decision that has the right shape but may not make sense to the person
//! who reads it (docs/api.md, "Quality checks"). Each check is a pure function over the typed
//! document. A contradiction is *hard*: the document would mislead, so the batch is refused
//! with a 422 naming the field. Anything else is *soft*: stored, answered as a warning and
//! counted in the system's quality score.

use super::decision::{DecisionDocument, OutcomeDirection};
use app::i18n::Locale;
use app::types::LocalizedText;
use std::collections::BTreeSet;

/// Whether a finding refuses the document or is only reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Hard,
    Soft,
}

/// One problem found, at a path inside the decision (`factors[2].label.kk`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub field: String,
    /// A stable code an agency's system can act on (docs/api.md lists them).
    pub code: &'static str,
    /// Why, in English, like the validator's reasons.
    pub message: String,
}

impl Finding {
    fn hard(field: String, code: &'static str, message: String) -> Finding {
        Finding {
            severity: Severity::Hard,
            field,
            code,
            message,
        }
    }

    fn soft(field: String, code: &'static str, message: String) -> Finding {
        Finding {
            severity: Severity::Soft,
            field,
            code,
            message,
        }
    }
}

/// The codes of soft findings, as stored and counted.
pub const SOFT_CODES: [&str; 5] = [
    "factor_label_missing",
    "summary_sentence_long",
    "summary_too_long",
    "deadline_without_action",
    "counterfactual_against_reasons",
];

/// Every check, hard findings and soft, in the order of the document's fields.
pub fn check(document: &DecisionDocument) -> Vec<Finding> {
    findings(document, Checks::All)
}

/// Only the hard findings, which refuse a batch: what reading a batch needs, without the
/// reading of texts the soft checks do.
pub fn contradictions(document: &DecisionDocument) -> Vec<Finding> {
    findings(document, Checks::HardOnly)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Checks {
    All,
    HardOnly,
}

fn findings(document: &DecisionDocument, checks: Checks) -> Vec<Finding> {
    let mut found = Vec::new();
    found.extend(top_reason(document));
    if checks == Checks::All {
        found.extend(factor_labels(document));
        found.extend(summary_length(&document.summary));
    }
    found.extend(counterfactuals(document, checks));
    found.extend(action(document, checks));
    found
}

/// Whether the outcome is what the citizen asked for: as the document says, else as its
/// outcome code says, else unknown (and the checks that need it are skipped).
pub fn direction(document: &DecisionDocument) -> Option<OutcomeDirection> {
    document
        .outcome_direction
        .or_else(|| direction_of_code(&document.outcome))
}

/// Words that, as a part of an outcome code, say which way it went. Only words with one
/// reading in public decisions: "selected" (for an audit, or for a school place?) is not here.
const FAVOURABLE_WORDS: [&str; 11] = [
    "approved",
    "granted",
    "accepted",
    "eligible",
    "awarded",
    "allowed",
    "confirmed",
    "paid",
    "complete",
    "completed",
    "registered",
];
const UNFAVOURABLE_WORDS: [&str; 13] = [
    "denied",
    "refused",
    "rejected",
    "ineligible",
    "declined",
    "revoked",
    "suspended",
    "cancelled",
    "withdrawn",
    "terminated",
    "incomplete",
    "held",
    "reduced",
];

/// The direction an outcome code states, reading its parts (`refund_approved`,
/// `refund_held_for_review`, `not_eligible`); `None` when the parts say nothing or disagree.
pub fn direction_of_code(code: &str) -> Option<OutcomeDirection> {
    let code = code.to_lowercase();
    let parts: Vec<&str> = code.split(['_', '-', '.', ' ']).collect();
    let favourable = parts.iter().any(|p| FAVOURABLE_WORDS.contains(p));
    let unfavourable = parts.iter().any(|p| UNFAVOURABLE_WORDS.contains(p));
    let negated = parts.iter().any(|p| *p == "not" || *p == "no");
    let stated = match (favourable, unfavourable) {
        (true, false) => OutcomeDirection::Favourable,
        (false, true) => OutcomeDirection::Unfavourable,
        _ => return None,
    };
    Some(match (negated, stated) {
        (false, stated) => stated,
        (true, OutcomeDirection::Favourable) => OutcomeDirection::Unfavourable,
        (true, OutcomeDirection::Unfavourable) => OutcomeDirection::Favourable,
    })
}

/// The largest reason must push the same way as the outcome: a refund approved "mainly
/// because of" a factor that counted against it tells the citizen two opposite things.
fn top_reason(document: &DecisionDocument) -> Option<Finding> {
    let direction = direction(document)?;
    let (index, top) = document
        .factors
        .iter()
        .enumerate()
        .filter(|(_, f)| f.contribution != 0.0)
        .max_by(|a, b| a.1.contribution.abs().total_cmp(&b.1.contribution.abs()))?;
    let (against, outcome_is) = match direction {
        OutcomeDirection::Favourable => (top.contribution < 0.0, "favourable to"),
        OutcomeDirection::Unfavourable => (top.contribution > 0.0, "unfavourable to"),
    };
    against.then(|| {
        Finding::hard(
            format!("factors[{index}].contribution"),
            "top_reason_contradicts_outcome",
            format!(
                "is the largest reason and counts {} the citizen, but the outcome {} is {} them",
                if top.contribution < 0.0 {
                    "against"
                } else {
                    "for"
                },
                document.outcome,
                outcome_is
            ),
        )
    })
}

/// The languages the decision letter is read in: the person's own, and every language the
/// summary is given in.
pub fn letter_languages(document: &DecisionDocument) -> BTreeSet<Locale> {
    let mut languages: BTreeSet<Locale> = document.summary.iter().map(|(l, _)| l).collect();
    if let Some(language) = document.subject.as_ref().and_then(|s| s.language) {
        languages.insert(language);
    }
    languages
}

/// Every factor must be named in every language of the letter, or the citizen meets a
/// reason in a language they did not choose.
fn factor_labels(document: &DecisionDocument) -> Vec<Finding> {
    let languages = letter_languages(document);
    let mut found = Vec::new();
    for (i, factor) in document.factors.iter().enumerate() {
        for language in &languages {
            if factor.label.get(*language).is_none() {
                found.push(Finding::soft(
                    format!("factors[{i}].label.{}", language.code()),
                    "factor_label_missing",
                    format!(
                        "is missing: the decision letter is read in {}, and this factor has no label in it",
                        language.code()
                    ),
                ));
            }
        }
    }
    found
}

/// The most words one sentence of a summary may have, per language (docs/api.md explains
/// the numbers): Russian and Kazakh words carry endings that English spreads over several
/// words, so the same sentence has fewer of them.
pub fn max_sentence_words(language: Locale) -> usize {
    match language {
        Locale::En => 25,
        Locale::Ru | Locale::Kk => 20,
    }
}

/// The longest summary, in characters, in any language: about a hundred English words, what
/// a person reads in half a minute before the details.
pub const MAX_SUMMARY_CHARS: usize = 600;

fn summary_length(summary: &LocalizedText) -> Vec<Finding> {
    let mut found = Vec::new();
    for (language, text) in summary.iter() {
        let field = format!("summary.{}", language.code());
        let chars = text.chars().count();
        if chars > MAX_SUMMARY_CHARS {
            found.push(Finding::soft(
                field.clone(),
                "summary_too_long",
                format!(
                    "has {chars} characters; a summary should have at most {MAX_SUMMARY_CHARS}"
                ),
            ));
        }
        let limit = max_sentence_words(language);
        let longest = sentences(text)
            .map(|s| s.split_whitespace().count())
            .max()
            .unwrap_or(0);
        if longest > limit {
            found.push(Finding::soft(
                field,
                "summary_sentence_long",
                format!("has a sentence of {longest} words; in this language a sentence should have at most {limit}"),
            ));
        }
    }
    found
}

fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(['.', '!', '?', '…', '\n', ';'])
        .filter(|s| !s.trim().is_empty())
}

/// Counterfactuals must move something: an outcome other than the decision's, and each change
/// to a value other than the one used. For an unfavourable decision, at least one change
/// should be to a factor that counted against the citizen; otherwise the reasons and the way
/// out point in different directions.
fn counterfactuals(document: &DecisionDocument, checks: Checks) -> Vec<Finding> {
    let mut found = Vec::new();
    let unfavourable = direction(document) == Some(OutcomeDirection::Unfavourable);
    for (i, counterfactual) in document.counterfactuals.iter().enumerate() {
        if counterfactual.outcome == document.outcome {
            found.push(Finding::hard(
                format!("counterfactuals[{i}].outcome"),
                "counterfactual_outcome_unchanged",
                format!(
                    "is {}, the decision's own outcome: a counterfactual must lead to another outcome",
                    document.outcome
                ),
            ));
        }
        let mut touches_a_reason_against = false;
        for (j, change) in counterfactual.changes.iter().enumerate() {
            let Some(factor) = document.factor(&change.key) else {
                continue; // an unknown key is already refused by the walker
            };
            if factor.value.trim() == change.to.trim() {
                found.push(Finding::hard(
                    format!("counterfactuals[{i}].changes[{j}].to"),
                    "counterfactual_change_unchanged",
                    format!(
                        "is {}, the value already used for {}: the change changes nothing",
                        change.to, change.key
                    ),
                ));
            }
            touches_a_reason_against |= factor.contribution < 0.0;
        }
        if checks == Checks::All
            && unfavourable
            && !touches_a_reason_against
            && !counterfactual.changes.is_empty()
        {
            found.push(Finding::soft(
                format!("counterfactuals[{i}].changes"),
                "counterfactual_against_reasons",
                "change only factors that counted for the citizen; the way to another outcome should change a reason that counted against them".to_string(),
            ));
        }
    }
    found
}

/// An action's date must not be before the decision; a text that sets a time limit ("within
/// five working days") without an action leaves the citizen to count the days.
fn action(document: &DecisionDocument, checks: Checks) -> Option<Finding> {
    match &document.action {
        Some(action) => {
            let decided = document.decided_at.date_naive();
            (action.by < decided).then(|| {
                Finding::hard(
                    "action.by".to_string(),
                    "action_before_decision",
                    format!("is {}, before the decision was made ({decided})", action.by),
                )
            })
        }
        None if checks == Checks::HardOnly => None,
        None => {
            let (language, _) = document
                .summary
                .iter()
                .chain(document.outcome_label.iter())
                .find(|(language, text)| sets_time_limit(*language, text))?;
            Some(Finding::soft(
                "action".to_string(),
                "deadline_without_action",
                format!(
                    "is missing, but the {} text sets a time limit: give the action and its date",
                    language.code()
                ),
            ))
        }
    }
}

/// Whether `text` sets a time limit counted in days or weeks: "within five working days",
/// «в течение 5 рабочих дней», «бес жұмыс күні ішінде».
pub fn sets_time_limit(language: Locale, text: &str) -> bool {
    // Every stored decision's texts pass through here, so words are lower-cased only where
    // one could be the anchor ("within", «течение», «күн»/«апта») and beside it.
    let words: Vec<&str> = text
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .collect();
    let near = |start: usize, span: usize, unit: &dyn Fn(&str) -> bool| {
        words[start + 1..words.len().min(start + 1 + span)]
            .iter()
            .any(|w| unit(&w.to_lowercase()))
    };
    words.iter().enumerate().any(|(i, word)| match language {
        Locale::En => {
            word.eq_ignore_ascii_case("within")
                && near(i, 4, &|w| w.starts_with("day") || w.starts_with("week"))
        }
        Locale::Ru => {
            word.len() == "течение".len()
                && word.to_lowercase() == "течение"
                && near(i, 4, &|w| {
                    w.starts_with("дн") || w.starts_with("день") || w.starts_with("недел")
                })
        }
        Locale::Kk => {
            let start = lower_start(word, 4);
            (start.starts_with("күн") || start.starts_with("апта"))
                && near(i, 2, &|w| w.starts_with("ішінде"))
        }
    })
}

/// Whether `c` belongs to a word: `char::is_alphanumeric`, with the Cyrillic letters (every
/// Kazakh and Russian one) answered without the general Unicode table lookup.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{04FF}')
        || (!c.is_ascii() && c.is_alphanumeric())
}

/// The first `chars` characters of `word`, lower-cased.
fn lower_start(word: &str, chars: usize) -> String {
    word.chars()
        .take(chars)
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::decision::{Action, Change, Counterfactual, Factor, Subject};
    use app::types::HumanInvolvement;

    fn text(pairs: &[(Locale, &str)]) -> LocalizedText {
        LocalizedText::from_pairs(pairs.iter().copied())
    }

    fn factor(key: &str, value: &str, contribution: f64) -> Factor {
        Factor {
            key: key.into(),
            label: text(&[(Locale::Ru, "Доход"), (Locale::En, "Income")]),
            value: value.into(),
            unit: None,
            contribution,
            citizen_can_change: true,
        }
    }

    fn document() -> DecisionDocument {
        DecisionDocument {
            external_id: "R-1".into(),
            system: "refunds".into(),
            system_version: None,
            outcome: "refund_approved".into(),
            outcome_label: text(&[(Locale::En, "Refund approved")]),
            outcome_direction: None,
            decided_at: "2026-11-02T10:00:00Z".parse().unwrap(),
            legal_basis: text(&[(Locale::En, "Tax Code, Article 102")]),
            summary: text(&[
                (Locale::Ru, "Возврат одобрен."),
                (Locale::En, "Your refund is approved."),
            ]),
            factors: vec![
                factor("history", "clean", 0.6),
                factor("amount", "120000", -0.2),
            ],
            counterfactuals: vec![],
            data_sources: vec![],
            human_involvement: HumanInvolvement::None,
            human_reviewer: None,
            model_version: "1".into(),
            subject: Some(Subject {
                language: Some(Locale::Ru),
                ..Subject::default()
            }),
            action: None,
        }
    }

    fn codes(document: &DecisionDocument) -> Vec<(&'static str, String)> {
        check(document)
            .into_iter()
            .map(|f| (f.code, f.field))
            .collect()
    }

    #[test]
    fn a_consistent_document_has_no_findings() {
        assert_eq!(codes(&document()), vec![]);
    }

    #[test]
    fn outcome_codes_say_their_direction_when_their_words_do() {
        use OutcomeDirection::*;
        assert_eq!(direction_of_code("refund_approved"), Some(Favourable));
        assert_eq!(
            direction_of_code("refund_held_for_review"),
            Some(Unfavourable)
        );
        assert_eq!(direction_of_code("not_eligible"), Some(Unfavourable));
        assert_eq!(direction_of_code("incomplete"), Some(Unfavourable));
        assert_eq!(direction_of_code("DENIED"), Some(Unfavourable));
        assert_eq!(direction_of_code("selected"), None);
        assert_eq!(direction_of_code("approved_and_reduced"), None);
    }

    #[test]
    fn a_favourable_outcome_whose_largest_reason_counted_against_is_refused() {
        let mut d = document();
        d.factors[1].contribution = -0.9;
        let found = check(&d);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Hard);
        assert_eq!(found[0].field, "factors[1].contribution");
        assert!(found[0].message.contains("counts against"));
    }

    #[test]
    fn an_unfavourable_outcome_whose_largest_reason_counted_for_is_refused() {
        let mut d = document();
        d.outcome = "refund_held_for_review".into();
        assert_eq!(
            codes(&d),
            vec![(
                "top_reason_contradicts_outcome",
                "factors[0].contribution".to_string()
            )]
        );
        // The stated direction wins over the code's words.
        d.outcome_direction = Some(OutcomeDirection::Favourable);
        assert_eq!(codes(&d), vec![]);
    }

    #[test]
    fn an_outcome_of_unknown_direction_is_not_judged_by_its_reasons() {
        let mut d = document();
        d.outcome = "selected".into();
        d.factors[1].contribution = -0.9;
        assert_eq!(codes(&d), vec![]);
    }

    #[test]
    fn a_factor_without_a_label_in_a_letter_language_is_a_warning() {
        let mut d = document();
        d.subject.as_mut().unwrap().language = Some(Locale::Kk);
        let found = check(&d);
        assert!(found.iter().all(|f| f.severity == Severity::Soft));
        assert_eq!(
            found.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(),
            vec!["factors[0].label.kk", "factors[1].label.kk"]
        );
        assert!(found.iter().all(|f| f.code == "factor_label_missing"));
    }

    #[test]
    fn long_sentences_and_long_summaries_are_warnings_per_language() {
        let mut d = document();
        let long_ru = vec!["слово"; 21].join(" ");
        let fine_en = vec!["word"; 25].join(" ");
        d.summary = text(&[(Locale::Ru, &long_ru), (Locale::En, &fine_en)]);
        assert_eq!(
            codes(&d),
            vec![("summary_sentence_long", "summary.ru".to_string())]
        );
        let many = "Short one. ".repeat(60);
        d.summary = text(&[(Locale::Ru, "Возврат одобрен."), (Locale::En, &many)]);
        assert_eq!(
            codes(&d),
            vec![("summary_too_long", "summary.en".to_string())]
        );
    }

    #[test]
    fn counterfactuals_must_move_the_outcome_and_the_value() {
        let mut d = document();
        d.outcome = "refund_held_for_review".into();
        d.outcome_direction = Some(OutcomeDirection::Unfavourable);
        d.factors[0].contribution = -0.6;
        d.counterfactuals = vec![Counterfactual {
            changes: vec![Change {
                key: "amount".into(),
                to: "120000".into(),
            }],
            outcome: "refund_held_for_review".into(),
            outcome_label: text(&[(Locale::En, "Held")]),
        }];
        assert_eq!(
            codes(&d),
            vec![
                (
                    "counterfactual_outcome_unchanged",
                    "counterfactuals[0].outcome".to_string()
                ),
                (
                    "counterfactual_change_unchanged",
                    "counterfactuals[0].changes[0].to".to_string()
                ),
            ]
        );
    }

    #[test]
    fn a_way_out_that_changes_only_reasons_in_favour_is_a_warning() {
        let mut d = document();
        d.outcome = "refund_held_for_review".into();
        d.factors = vec![factor("history", "late", -0.6), factor("amount", "9", 0.2)];
        let to_other = |key: &str| Counterfactual {
            changes: vec![Change {
                key: key.into(),
                to: "1".into(),
            }],
            outcome: "refund_approved".into(),
            outcome_label: text(&[(Locale::En, "Approved")]),
        };
        d.counterfactuals = vec![to_other("history")];
        assert_eq!(codes(&d), vec![]);
        d.counterfactuals = vec![to_other("amount")];
        assert_eq!(
            codes(&d),
            vec![(
                "counterfactual_against_reasons",
                "counterfactuals[0].changes".to_string()
            )]
        );
    }

    #[test]
    fn an_action_dated_before_the_decision_is_refused() {
        let mut d = document();
        let on = |date: &str| Action {
            what: text(&[(Locale::En, "Send the invoice")]),
            by: date.parse().unwrap(),
            document: None,
        };
        d.action = Some(on("2026-11-01"));
        assert_eq!(
            codes(&d),
            vec![("action_before_decision", "action.by".to_string())]
        );
        d.action = Some(on("2026-11-02"));
        assert_eq!(codes(&d), vec![]);
    }

    #[test]
    fn a_time_limit_in_the_text_without_an_action_is_a_warning() {
        assert!(sets_time_limit(
            Locale::En,
            "Send it within five working days."
        ));
        assert!(sets_time_limit(
            Locale::Ru,
            "Представьте счёт в течение 5 рабочих дней."
        ));
        assert!(sets_time_limit(
            Locale::Kk,
            "Шот-фактураны бес жұмыс күні ішінде ұсыныңыз."
        ));
        assert!(!sets_time_limit(Locale::En, "Your refund is approved."));
        assert!(!sets_time_limit(
            Locale::En,
            "Within the law, refunds take days."
        ));
        let mut d = document();
        d.summary = text(&[(Locale::Ru, "Представьте счёт в течение 5 рабочих дней.")]);
        assert_eq!(
            codes(&d),
            vec![("deadline_without_action", "action".to_string())]
        );
    }
}
