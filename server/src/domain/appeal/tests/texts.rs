//! What steps carry: no blank texts, and outcomes that say what changes exactly when
//! something changes.

use super::support::*;
use AppealState as S;

const BLANKS: [&str; 4] = ["", " ", "\n\t", "\u{3000}"];

fn decided() -> AppealFacts {
    AppealFacts {
        escalate_until: Some(days_after(today(), 10)),
        ..facts()
    }
}

fn pending() -> AppealFacts {
    AppealFacts {
        proposal: Some(proposal_by(REVIEWER)),
        ..facts()
    }
}

/// Every step with a required text, given `blank` in it: (state, facts, event, actor, field).
fn blank_texts(blank: &str) -> Vec<(AppealState, AppealFacts, Event, Actor, &'static str)> {
    let blank = text(blank);
    vec![
        (
            S::UnderReview,
            facts(),
            Event::RequestInformation {
                question: blank.clone(),
            },
            reviewer(REVIEWER),
            "question",
        ),
        (
            S::AwaitingCitizen,
            facts(),
            Event::Answer {
                reply: blank.clone(),
            },
            citizen(),
            "reply",
        ),
        (
            S::PendingApproval,
            pending(),
            Event::RejectApproval {
                reason: blank.clone(),
            },
            supervisor(SUPERVISOR),
            "reason",
        ),
        (
            S::UnderReview,
            facts(),
            Event::Extend {
                new_due: days_after(facts().decide_by, 1),
                ceiling: days_after(facts().decide_by, 30),
                reason: blank.clone(),
            },
            supervisor(SUPERVISOR),
            "reason",
        ),
        (
            S::Decided,
            decided(),
            Event::Escalate {
                statement: blank.clone(),
            },
            citizen(),
            "statement",
        ),
        (
            S::Escalated,
            facts(),
            Event::OmbudsmanFinding {
                kind: FindingKind::OutcomeStands,
                reasoning: blank.clone(),
            },
            ombudsman(),
            "reasoning",
        ),
        (
            S::UnderReview,
            facts(),
            Event::Withdraw {
                reason: Some(blank.clone()),
            },
            citizen(),
            "reason",
        ),
        (
            S::UnderReview,
            facts(),
            Event::Decide {
                outcome: Outcome {
                    reasoning: blank.clone(),
                    ..upheld()
                },
            },
            reviewer(REVIEWER),
            "outcome.reasoning",
        ),
        (
            S::UnderReview,
            facts(),
            Event::ProposeOutcome {
                outcome: Outcome {
                    corrected: Some(CorrectedOutcome {
                        outcome: blank.clone(),
                        label: text("Granted"),
                    }),
                    ..overturned()
                },
            },
            reviewer(REVIEWER),
            "outcome.corrected.outcome",
        ),
        (
            S::UnderReview,
            facts(),
            Event::Decide {
                outcome: Outcome {
                    corrected: Some(CorrectedOutcome {
                        outcome: text("granted"),
                        label: blank,
                    }),
                    ..partially_overturned()
                },
            },
            reviewer(REVIEWER),
            "outcome.corrected.label",
        ),
    ]
}

#[test]
fn blank_texts_are_refused_naming_the_field() {
    for blank in BLANKS {
        for (state, facts, event, actor, field) in blank_texts(blank) {
            assert_eq!(
                refuse(state, &facts, &event, &actor),
                Refusal::EmptyText { field },
                "{blank:?} in {field}"
            );
        }
    }
}

#[test]
fn someone_who_may_not_act_hears_that_first() {
    for (state, facts, event, _, _) in blank_texts("") {
        let refusal = refuse(state, &facts, &event, &admin());
        assert_eq!(refusal.code(), "wrong_actor", "{}", event.kind());
    }
}

#[test]
fn an_overturn_needs_the_corrected_outcome() {
    for outcome in [overturned(), partially_overturned()] {
        let missing = Outcome {
            corrected: None,
            ..outcome
        };
        for event in [
            Event::Decide {
                outcome: missing.clone(),
            },
            Event::ProposeOutcome { outcome: missing },
        ] {
            assert_eq!(
                refuse(S::UnderReview, &facts(), &event, &reviewer(REVIEWER)),
                Refusal::CorrectedOutcomeRequired
            );
        }
    }
}

#[test]
fn an_upheld_decision_carries_no_corrected_outcome() {
    let outcome = Outcome {
        corrected: Some(corrected()),
        ..upheld()
    };
    for event in [
        Event::Decide {
            outcome: outcome.clone(),
        },
        Event::ProposeOutcome { outcome },
    ] {
        assert_eq!(
            refuse(S::UnderReview, &facts(), &event, &reviewer(REVIEWER)),
            Refusal::CorrectedOutcomeNotAllowed
        );
    }
}

#[test]
fn only_overturns_correct_the_decision() {
    assert!(!OutcomeKind::Upheld.corrects_decision());
    assert!(OutcomeKind::Overturned.corrects_decision());
    assert!(OutcomeKind::PartiallyOverturned.corrects_decision());
}

#[test]
fn texts_with_words_around_whitespace_are_accepted() {
    accept(
        S::UnderReview,
        &facts(),
        &Event::RequestInformation {
            question: text("  Why?  "),
        },
        &reviewer(REVIEWER),
    );
}
