//! Extending the decide deadline: a supervisor, once, later than now, within the ceiling, with
//! a reason the citizen reads.

use super::support::*;
use AppealState as S;

fn extend(new_due: chrono::NaiveDate, ceiling: chrono::NaiveDate) -> Event {
    Event::Extend {
        new_due,
        ceiling,
        reason: text("An expert opinion is needed."),
    }
}

fn due() -> chrono::NaiveDate {
    facts().decide_by
}

#[test]
fn a_supervisor_extends_in_every_state_before_the_decision_and_the_state_stays() {
    let new_due = days_after(due(), 14);
    for state in AppealState::ALL
        .iter()
        .copied()
        .filter(|s| s.is_before_decision())
    {
        let done = accept(
            state,
            &facts(),
            &extend(new_due, days_after(due(), 30)),
            &supervisor(SUPERVISOR),
        );
        assert_eq!(done.to, state);
        assert_eq!(
            done.effects,
            [
                Effect::DeadlineMoved { to: new_due },
                Effect::ExtensionUsed {
                    reason: text("An expert opinion is needed.")
                }
            ]
        );
    }
}

#[test]
fn no_extension_once_decided() {
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
                &extend(days_after(due(), 1), days_after(due(), 30)),
                &supervisor(SUPERVISOR)
            ),
            Refusal::NotAllowedInState {
                state,
                event: EventKind::Extend
            }
        );
    }
}

#[test]
fn only_a_supervisor_of_the_agency_extends() {
    let event = extend(days_after(due(), 1), days_after(due(), 30));
    for actor in [
        reviewer(REVIEWER),
        citizen(),
        admin(),
        ombudsman(),
        system(),
    ] {
        assert_eq!(
            refuse(S::UnderReview, &facts(), &event, &actor),
            wrong_actor(ActorNeeded::Supervisor)
        );
    }
    assert_eq!(
        refuse(
            S::UnderReview,
            &facts(),
            &event,
            &staff(SUPERVISOR, OTHER_AGENCY, StaffRole::Supervisor)
        ),
        Refusal::OtherAgency
    );
}

#[test]
fn the_deadline_is_extended_once_per_appeal() {
    let extended = AppealFacts {
        extensions_used: MAX_EXTENSIONS,
        ..facts()
    };
    assert_eq!(MAX_EXTENSIONS, 1);
    assert_eq!(
        refuse(
            S::UnderReview,
            &extended,
            &extend(days_after(due(), 1), days_after(due(), 30)),
            &supervisor(SECOND_SUPERVISOR)
        ),
        Refusal::AlreadyExtended
    );
}

#[test]
fn the_new_deadline_must_be_later() {
    for new_due in [due(), days_before(due(), 1)] {
        assert_eq!(
            refuse(
                S::UnderReview,
                &facts(),
                &extend(new_due, days_after(due(), 30)),
                &supervisor(SUPERVISOR)
            ),
            Refusal::ExtensionNotLater
        );
    }
}

#[test]
fn the_new_deadline_may_reach_the_ceiling_but_not_pass_it() {
    let ceiling = days_after(due(), 30);
    accept(
        S::UnderReview,
        &facts(),
        &extend(ceiling, ceiling),
        &supervisor(SUPERVISOR),
    );
    assert_eq!(
        refuse(
            S::UnderReview,
            &facts(),
            &extend(days_after(ceiling, 1), ceiling),
            &supervisor(SUPERVISOR)
        ),
        Refusal::ExtensionPastCeiling
    );
}

#[test]
fn the_extension_needs_a_reason() {
    let event = Event::Extend {
        new_due: days_after(due(), 1),
        ceiling: days_after(due(), 30),
        reason: text("   "),
    };
    assert_eq!(
        refuse(S::UnderReview, &facts(), &event, &supervisor(SUPERVISOR)),
        Refusal::EmptyText { field: "reason" }
    );
}

#[test]
fn the_original_reviewer_may_still_extend_as_a_procedural_step() {
    accept(
        S::UnderReview,
        &facts(),
        &extend(days_after(due(), 1), days_after(due(), 30)),
        &supervisor(ORIGINAL_REVIEWER),
    );
}
