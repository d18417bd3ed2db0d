//! Closing: the citizen accepting, the portal or a supervisor after the escalation window, and
//! the end after an ombudsman's finding that the outcome stands.

use super::support::*;
use AppealState as S;

fn window(last_day: Option<chrono::NaiveDate>) -> AppealFacts {
    AppealFacts {
        escalate_until: last_day,
        ..facts()
    }
}

fn open_window() -> AppealFacts {
    window(Some(days_after(today(), 10)))
}

fn passed_window() -> AppealFacts {
    window(Some(days_before(today(), 1)))
}

fn closed_because(reason: CloseReason) -> Vec<Effect> {
    vec![Effect::Closed { reason }]
}

#[test]
fn the_citizen_accepts_the_decision_at_any_time() {
    for facts in [open_window(), passed_window(), window(None)] {
        let done = accept(S::Decided, &facts, &Event::Close, &citizen());
        assert_eq!(done.to, S::Closed);
        assert_eq!(done.effects, closed_because(CloseReason::CitizenAccepted));
    }
}

#[test]
fn the_portal_and_supervisors_close_once_the_window_passed() {
    for actor in [system(), supervisor(SUPERVISOR)] {
        let done = accept(S::Decided, &passed_window(), &Event::Close, &actor);
        assert_eq!(
            done.effects,
            closed_because(CloseReason::EscalationWindowPassed)
        );
    }
}

#[test]
fn nobody_but_the_citizen_closes_while_the_window_is_open() {
    for facts in [open_window(), window(Some(today()))] {
        for actor in [system(), supervisor(SUPERVISOR)] {
            assert_eq!(
                refuse(S::Decided, &facts, &Event::Close, &actor),
                Refusal::EscalationWindowStillOpen
            );
        }
    }
}

#[test]
fn without_a_recorded_window_the_portal_does_not_close() {
    assert_eq!(
        refuse(S::Decided, &window(None), &Event::Close, &system()),
        Refusal::EscalationWindowUnknown
    );
}

#[test]
fn reviewers_admins_ombudsmen_and_other_agencies_do_not_close() {
    for state in [S::Decided, S::Resolved] {
        let facts = AppealFacts {
            finding: Some(FindingKind::OutcomeStands),
            ..passed_window()
        };
        for actor in [reviewer(REVIEWER), admin(), ombudsman()] {
            assert_eq!(
                refuse(state, &facts, &Event::Close, &actor),
                wrong_actor(ActorNeeded::CitizenSupervisorOrSystem)
            );
        }
        assert_eq!(
            refuse(
                state,
                &facts,
                &Event::Close,
                &staff(SUPERVISOR, OTHER_AGENCY, StaffRole::Supervisor)
            ),
            Refusal::OtherAgency
        );
    }
}

#[test]
fn a_finding_that_the_outcome_stands_ends_the_appeal() {
    let facts = AppealFacts {
        finding: Some(FindingKind::OutcomeStands),
        ..facts()
    };
    for actor in [citizen(), system(), supervisor(SUPERVISOR)] {
        let done = accept(S::Resolved, &facts, &Event::Close, &actor);
        assert_eq!(done.to, S::Closed);
        assert_eq!(
            done.effects,
            closed_because(CloseReason::OmbudsmanFindingFinal)
        );
    }
}

#[test]
fn a_recommendation_to_reconsider_is_reopened_not_closed() {
    let facts = AppealFacts {
        finding: Some(FindingKind::RecommendReconsideration),
        ..facts()
    };
    for actor in [citizen(), system(), supervisor(SUPERVISOR)] {
        assert_eq!(
            refuse(S::Resolved, &facts, &Event::Close, &actor),
            Refusal::ReconsiderationRecommended
        );
    }
}

#[test]
fn a_resolved_appeal_without_a_finding_is_not_closed() {
    assert_eq!(
        refuse(S::Resolved, &facts(), &Event::Close, &system()),
        Refusal::NoFindingRecorded
    );
}

#[test]
fn nothing_closes_before_the_decision_or_during_escalation() {
    for state in [
        S::Submitted,
        S::UnderReview,
        S::AwaitingCitizen,
        S::PendingApproval,
        S::Escalated,
    ] {
        assert_eq!(
            refuse(state, &passed_window(), &Event::Close, &citizen()),
            Refusal::NotAllowedInState {
                state,
                event: EventKind::Close
            }
        );
    }
}
