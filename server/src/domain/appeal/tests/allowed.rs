//! The buttons a page shows agree with the steps accepted: a step is offered exactly when a
//! complete event of its kind would be accepted, and a step not offered is refused for the
//! same reason whatever the event carries.

use super::support::*;
use AppealState as S;

/// Refusals that depend on what the event carries, not on who asks or when.
fn is_about_the_payload(refusal: &Refusal) -> bool {
    matches!(
        refusal,
        Refusal::EmptyText { .. }
            | Refusal::CorrectedOutcomeRequired
            | Refusal::CorrectedOutcomeNotAllowed
            | Refusal::ExtensionNotLater
            | Refusal::ExtensionPastCeiling
    )
}

#[test]
fn allowed_events_agree_with_transition() {
    let mut offered = 0;
    for facts in facts_variants() {
        for state in AppealState::ALL.iter().copied() {
            for actor in all_actors() {
                let allowed = allowed_events(state, &facts, &actor);
                for kind in EventKind::ALL.iter().copied() {
                    let listed = allowed.contains(&kind);
                    let complete = transition(state, &facts, &well_formed(kind, &facts), &actor);
                    assert_eq!(
                        listed,
                        complete.is_ok(),
                        "{kind} by {actor:?} in {state} with {facts:?}"
                    );
                    let permission = check_permission(state, &facts, kind, &actor);
                    assert_eq!(permission.is_ok(), listed);
                    for event in samples(kind, &facts) {
                        match (&permission, transition(state, &facts, &event, &actor)) {
                            (Err(why), result) => assert_eq!(result.as_ref(), Err(why)),
                            (Ok(()), Err(refusal)) => assert!(
                                is_about_the_payload(&refusal),
                                "{kind} offered but refused: {refusal:?}"
                            ),
                            (Ok(()), Ok(_)) => {}
                        }
                    }
                    offered += usize::from(listed);
                }
            }
        }
    }
    assert!(offered > 0);
}

#[test]
fn allowed_events_follow_the_order_of_all_kinds() {
    for facts in facts_variants() {
        for state in AppealState::ALL.iter().copied() {
            for actor in all_actors() {
                let allowed = allowed_events(state, &facts, &actor);
                let mut sorted = allowed.clone();
                sorted.sort();
                assert_eq!(allowed, sorted);
            }
        }
    }
}

#[test]
fn what_each_person_sees_on_a_plain_appeal() {
    use EventKind as K;
    let plain = facts();
    let high_risk = AppealFacts {
        system_high_risk: true,
        ..facts()
    };
    let decided = AppealFacts {
        escalate_until: Some(days_after(today(), 10)),
        ..facts()
    };
    let cases: Vec<(AppealState, &AppealFacts, Actor, Vec<EventKind>)> = vec![
        (
            S::Submitted,
            &plain,
            reviewer(REVIEWER),
            vec![K::Acknowledge],
        ),
        (
            S::Submitted,
            &plain,
            supervisor(SUPERVISOR),
            vec![K::Acknowledge, K::Extend],
        ),
        (S::Submitted, &plain, citizen(), vec![K::Withdraw]),
        (
            S::UnderReview,
            &plain,
            reviewer(REVIEWER),
            vec![K::RequestInformation, K::ProposeOutcome, K::Decide],
        ),
        (
            S::UnderReview,
            &high_risk,
            reviewer(REVIEWER),
            vec![K::RequestInformation, K::ProposeOutcome],
        ),
        (
            S::UnderReview,
            &plain,
            supervisor(SUPERVISOR),
            vec![
                K::RequestInformation,
                K::ProposeOutcome,
                K::Decide,
                K::Extend,
            ],
        ),
        (S::UnderReview, &plain, reviewer(ORIGINAL_REVIEWER), vec![]),
        (S::UnderReview, &plain, admin(), vec![]),
        (
            S::AwaitingCitizen,
            &plain,
            citizen(),
            vec![K::Answer, K::Withdraw],
        ),
        (S::Decided, &decided, citizen(), vec![K::Escalate, K::Close]),
        (S::Decided, &decided, system(), vec![]),
        (S::Escalated, &plain, ombudsman(), vec![K::OmbudsmanFinding]),
        (S::Escalated, &plain, citizen(), vec![]),
    ];
    for (state, facts, actor, expected) in cases {
        assert_eq!(
            allowed_events(state, facts, &actor),
            expected,
            "{actor:?} in {state}"
        );
    }
}
