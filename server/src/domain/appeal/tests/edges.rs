//! The diagram, state by state and step by step: every edge is taken by someone, and nothing
//! off the diagram is accepted from anyone with any facts.

use super::support::*;

#[test]
fn destination_is_the_diagram() {
    for state in AppealState::ALL.iter().copied() {
        for kind in EventKind::ALL.iter().copied() {
            assert_eq!(
                destination(state, kind),
                diagram(state, kind),
                "{state} {kind}"
            );
        }
    }
}

#[test]
fn every_edge_of_the_diagram_is_taken_by_someone() {
    let variants = facts_variants();
    for &(from, kind, to) in EDGES {
        let taken = variants.iter().any(|facts| {
            all_actors().iter().any(|actor| {
                transition(from, facts, &well_formed(kind, facts), actor)
                    .is_ok_and(|done| done.to == to)
            })
        });
        assert!(taken, "nobody could take {kind} from {from}");
    }
}

#[test]
fn every_accepted_step_follows_an_edge() {
    for facts in facts_variants() {
        for state in AppealState::ALL.iter().copied() {
            for kind in EventKind::ALL.iter().copied() {
                for event in samples(kind, &facts) {
                    for actor in all_actors() {
                        match transition(state, &facts, &event, &actor) {
                            Ok(done) => assert_eq!(
                                Some(done.to),
                                diagram(state, kind),
                                "{kind} by {actor:?} from {state}"
                            ),
                            Err(refusal) if diagram(state, kind).is_none() => assert_eq!(
                                refusal,
                                Refusal::NotAllowedInState { state, event: kind }
                            ),
                            Err(_) => {}
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn closed_and_withdrawn_accept_nothing() {
    for state in [AppealState::Closed, AppealState::Withdrawn] {
        assert!(!state.is_open());
        for facts in facts_variants() {
            for kind in EventKind::ALL.iter().copied() {
                for actor in all_actors() {
                    assert_eq!(
                        refuse(state, &facts, &well_formed(kind, &facts), &actor),
                        Refusal::NotAllowedInState { state, event: kind }
                    );
                    assert!(allowed_events(state, &facts, &actor).is_empty());
                }
            }
        }
    }
}

#[test]
fn open_states_are_all_but_closed_and_withdrawn() {
    let open: Vec<_> = AppealState::ALL
        .iter()
        .copied()
        .filter(|s| s.is_open())
        .collect();
    use AppealState as S;
    assert_eq!(
        open,
        [
            S::Submitted,
            S::UnderReview,
            S::AwaitingCitizen,
            S::PendingApproval,
            S::Decided,
            S::Escalated,
            S::Resolved
        ]
    );
    let before: Vec<_> = AppealState::ALL
        .iter()
        .copied()
        .filter(|s| s.is_before_decision())
        .collect();
    assert_eq!(
        before,
        [
            S::Submitted,
            S::UnderReview,
            S::AwaitingCitizen,
            S::PendingApproval
        ]
    );
}

#[test]
fn every_open_state_has_a_way_out() {
    let variants = facts_variants();
    for state in AppealState::ALL.iter().copied().filter(|s| s.is_open()) {
        let leaves = variants.iter().any(|facts| {
            all_actors().iter().any(|actor| {
                EventKind::ALL.iter().any(|kind| {
                    transition(state, facts, &well_formed(*kind, facts), actor)
                        .is_ok_and(|done| done.to != state)
                })
            })
        });
        assert!(leaves, "{state} is a dead end");
    }
}
