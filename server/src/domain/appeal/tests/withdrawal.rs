//! The citizen withdrawing before the decision.

use super::support::*;
use AppealState as S;

#[test]
fn the_citizen_withdraws_before_the_decision() {
    for state in [S::Submitted, S::UnderReview, S::PendingApproval] {
        for reason in [None, Some(text("I found work."))] {
            let done = accept(
                state,
                &facts(),
                &Event::Withdraw {
                    reason: reason.clone(),
                },
                &citizen(),
            );
            assert_eq!(done.to, S::Withdrawn);
            assert_eq!(done.effects, [Effect::WithdrawalRecorded { reason }]);
        }
    }
}

#[test]
fn withdrawing_while_asked_ends_the_pause() {
    let done = accept(
        S::AwaitingCitizen,
        &facts(),
        &Event::Withdraw { reason: None },
        &citizen(),
    );
    assert_eq!(done.to, S::Withdrawn);
    assert_eq!(
        done.effects,
        [
            Effect::ClockResumed,
            Effect::WithdrawalRecorded { reason: None }
        ]
    );
}

#[test]
fn no_withdrawal_once_decided() {
    for state in [
        S::Decided,
        S::Escalated,
        S::Resolved,
        S::Closed,
        S::Withdrawn,
    ] {
        assert_eq!(
            refuse(
                state,
                &facts(),
                &Event::Withdraw { reason: None },
                &citizen()
            ),
            Refusal::NotAllowedInState {
                state,
                event: EventKind::Withdraw
            }
        );
    }
}

#[test]
fn only_the_citizen_withdraws() {
    for actor in all_actors().into_iter().filter(|a| *a != citizen()) {
        assert_eq!(
            refuse(
                S::UnderReview,
                &facts(),
                &Event::Withdraw { reason: None },
                &actor
            ),
            wrong_actor(ActorNeeded::Citizen)
        );
    }
}

#[test]
fn a_given_reason_is_not_blank() {
    assert_eq!(
        refuse(
            S::UnderReview,
            &facts(),
            &Event::Withdraw {
                reason: Some(text(" "))
            },
            &citizen()
        ),
        Refusal::EmptyText { field: "reason" }
    );
}
