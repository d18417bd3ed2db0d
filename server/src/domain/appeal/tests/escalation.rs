//! Taking a decided appeal to the ombudsman, the ombudsman's finding, and reopening on a
//! recommendation to reconsider.

use super::support::*;
use AppealState as S;

fn decided_with_last_day(last_day: chrono::NaiveDate) -> AppealFacts {
    AppealFacts {
        escalate_until: Some(last_day),
        ..facts()
    }
}

fn escalate() -> Event {
    Event::Escalate {
        statement: text("The agency ignored my payslips."),
    }
}

fn resolved(finding: Option<FindingKind>) -> AppealFacts {
    AppealFacts { finding, ..facts() }
}

#[test]
fn the_citizen_escalates_while_the_window_is_open() {
    let done = accept(
        S::Decided,
        &decided_with_last_day(days_after(today(), 10)),
        &escalate(),
        &citizen(),
    );
    assert_eq!(done.to, S::Escalated);
    assert_eq!(
        done.effects,
        [Effect::EscalationRecorded {
            statement: text("The agency ignored my payslips.")
        }]
    );
}

#[test]
fn the_last_day_to_escalate_still_counts() {
    let facts = decided_with_last_day(today());
    assert_eq!(facts.escalation_window(), EscalationWindow::Open);
    accept(S::Decided, &facts, &escalate(), &citizen());
}

#[test]
fn no_escalation_after_the_last_day() {
    let facts = decided_with_last_day(days_before(today(), 1));
    assert_eq!(facts.escalation_window(), EscalationWindow::Passed);
    assert_eq!(
        refuse(S::Decided, &facts, &escalate(), &citizen()),
        Refusal::EscalationWindowClosed
    );
}

#[test]
fn no_escalation_without_a_recorded_window() {
    assert_eq!(facts().escalation_window(), EscalationWindow::NotSet);
    assert_eq!(
        refuse(S::Decided, &facts(), &escalate(), &citizen()),
        Refusal::EscalationWindowUnknown
    );
}

#[test]
fn only_the_citizen_escalates() {
    let facts = decided_with_last_day(days_after(today(), 10));
    for actor in all_actors().into_iter().filter(|a| *a != citizen()) {
        assert_eq!(
            refuse(S::Decided, &facts, &escalate(), &actor),
            wrong_actor(ActorNeeded::Citizen)
        );
    }
}

#[test]
fn escalation_only_from_decided() {
    let facts = decided_with_last_day(days_after(today(), 10));
    for state in AppealState::ALL
        .iter()
        .copied()
        .filter(|s| *s != S::Decided)
    {
        assert_eq!(
            refuse(state, &facts, &escalate(), &citizen()),
            Refusal::NotAllowedInState {
                state,
                event: EventKind::Escalate
            }
        );
    }
}

#[test]
fn the_ombudsman_records_a_finding_of_either_kind() {
    for kind in FindingKind::ALL.iter().copied() {
        let event = Event::OmbudsmanFinding {
            kind,
            reasoning: text("Examined the file."),
        };
        let done = accept(S::Escalated, &facts(), &event, &ombudsman());
        assert_eq!(done.to, S::Resolved);
        assert_eq!(
            done.effects,
            [Effect::FindingRecorded {
                by: OMBUDSMAN,
                kind,
                reasoning: text("Examined the file.")
            }]
        );
    }
}

#[test]
fn only_an_ombudsman_gives_a_finding() {
    let event = well_formed(EventKind::OmbudsmanFinding, &facts());
    for actor in all_actors().into_iter().filter(|a| *a != ombudsman()) {
        assert_eq!(
            refuse(S::Escalated, &facts(), &event, &actor),
            wrong_actor(ActorNeeded::Ombudsman)
        );
    }
}

#[test]
fn a_supervisor_reopens_after_a_recommendation_to_reconsider() {
    let done = accept(
        S::Resolved,
        &resolved(Some(FindingKind::RecommendReconsideration)),
        &Event::Reopen,
        &supervisor(SUPERVISOR),
    );
    assert_eq!(done.to, S::UnderReview);
    assert_eq!(
        done.effects,
        [Effect::ReconsiderationOpened { by: SUPERVISOR }]
    );
}

#[test]
fn no_reopening_unless_the_finding_recommends_it() {
    for finding in [None, Some(FindingKind::OutcomeStands)] {
        assert_eq!(
            refuse(
                S::Resolved,
                &resolved(finding),
                &Event::Reopen,
                &supervisor(SUPERVISOR)
            ),
            Refusal::FindingDoesNotRecommendReconsideration
        );
    }
}

#[test]
fn only_a_supervisor_of_the_agency_reopens() {
    let facts = resolved(Some(FindingKind::RecommendReconsideration));
    for actor in [
        reviewer(REVIEWER),
        citizen(),
        admin(),
        ombudsman(),
        system(),
    ] {
        assert_eq!(
            refuse(S::Resolved, &facts, &Event::Reopen, &actor),
            wrong_actor(ActorNeeded::Supervisor)
        );
    }
    assert_eq!(
        refuse(
            S::Resolved,
            &facts,
            &Event::Reopen,
            &staff(SUPERVISOR, OTHER_AGENCY, StaffRole::Supervisor)
        ),
        Refusal::OtherAgency
    );
}
