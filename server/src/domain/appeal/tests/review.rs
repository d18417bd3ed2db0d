//! Examining the appeal: acknowledging, asking the citizen, answering, proposing and deciding,
//! and who may do each (role, agency, assignment, separation of duties).

use super::support::*;
use AppealState as S;

/// The steps in which the agency examines the appeal, each from the state it starts in.
fn examining_steps() -> Vec<(AppealState, EventKind)> {
    vec![
        (S::Submitted, EventKind::Acknowledge),
        (S::UnderReview, EventKind::RequestInformation),
        (S::UnderReview, EventKind::ProposeOutcome),
        (S::UnderReview, EventKind::Decide),
    ]
}

#[test]
fn a_reviewer_acknowledges_with_nothing_else_to_record() {
    let done = accept(
        S::Submitted,
        &facts(),
        &Event::Acknowledge,
        &reviewer(REVIEWER),
    );
    assert_eq!(done.to, S::UnderReview);
    assert!(done.effects.is_empty());
}

#[test]
fn reviewers_and_supervisors_of_the_agency_examine_the_appeal() {
    for (state, kind) in examining_steps() {
        let event = well_formed(kind, &facts());
        for actor in [reviewer(REVIEWER), supervisor(SUPERVISOR)] {
            accept(state, &facts(), &event, &actor);
        }
    }
}

#[test]
fn nobody_else_examines_the_appeal() {
    for (state, kind) in examining_steps() {
        let event = well_formed(kind, &facts());
        for actor in [citizen(), admin(), ombudsman(), system()] {
            assert_eq!(
                refuse(state, &facts(), &event, &actor),
                wrong_actor(ActorNeeded::ReviewerOrSupervisor),
                "{kind} by {actor:?}"
            );
        }
    }
}

#[test]
fn staff_of_another_agency_are_refused() {
    for (state, kind) in examining_steps() {
        let event = well_formed(kind, &facts());
        for role in [StaffRole::Reviewer, StaffRole::Supervisor] {
            let outsider = staff(REVIEWER, OTHER_AGENCY, role);
            assert_eq!(
                refuse(state, &facts(), &event, &outsider),
                Refusal::OtherAgency
            );
        }
    }
}

#[test]
fn the_original_reviewer_never_examines_the_appeal() {
    for (state, kind) in examining_steps() {
        let event = well_formed(kind, &facts());
        for actor in [reviewer(ORIGINAL_REVIEWER), supervisor(ORIGINAL_REVIEWER)] {
            assert_eq!(
                refuse(state, &facts(), &event, &actor),
                Refusal::OriginalReviewerCannotReview
            );
        }
    }
}

#[test]
fn without_a_recorded_original_reviewer_nobody_is_barred() {
    let facts = AppealFacts {
        original_human_reviewer: None,
        ..facts()
    };
    accept(
        S::Submitted,
        &facts,
        &Event::Acknowledge,
        &reviewer(ORIGINAL_REVIEWER),
    );
}

#[test]
fn on_an_assigned_appeal_only_the_assignee_or_a_supervisor_acts() {
    let assigned = AppealFacts {
        assignee: Some(REVIEWER),
        ..facts()
    };
    for (state, kind) in examining_steps() {
        let event = well_formed(kind, &assigned);
        accept(state, &assigned, &event, &reviewer(REVIEWER));
        accept(state, &assigned, &event, &supervisor(SUPERVISOR));
        assert_eq!(
            refuse(state, &assigned, &event, &reviewer(SECOND_REVIEWER)),
            Refusal::NotAssignee
        );
    }
}

#[test]
fn an_unassigned_appeal_is_open_to_every_reviewer_of_the_agency() {
    for actor in [reviewer(REVIEWER), reviewer(SECOND_REVIEWER)] {
        accept(S::Submitted, &facts(), &Event::Acknowledge, &actor);
    }
}

#[test]
fn asking_the_citizen_pauses_the_clock_and_keeps_the_question() {
    let question = text("Which months were you employed?");
    let done = accept(
        S::UnderReview,
        &facts(),
        &Event::RequestInformation {
            question: question.clone(),
        },
        &reviewer(REVIEWER),
    );
    assert_eq!(done.to, S::AwaitingCitizen);
    assert_eq!(
        done.effects,
        [Effect::QuestionAsked { question }, Effect::ClockPaused]
    );
}

#[test]
fn the_citizen_answers_and_the_clock_runs_again() {
    let reply = text("January to March.");
    let done = accept(
        S::AwaitingCitizen,
        &facts(),
        &Event::Answer {
            reply: reply.clone(),
        },
        &citizen(),
    );
    assert_eq!(done.to, S::UnderReview);
    assert_eq!(
        done.effects,
        [Effect::ReplyRecorded { reply }, Effect::ClockResumed]
    );
}

#[test]
fn only_the_citizen_answers() {
    let event = well_formed(EventKind::Answer, &facts());
    for actor in all_actors().into_iter().filter(|a| *a != citizen()) {
        assert_eq!(
            refuse(S::AwaitingCitizen, &facts(), &event, &actor),
            wrong_actor(ActorNeeded::Citizen)
        );
    }
}

#[test]
fn deciding_directly_records_the_outcome_and_opens_the_window() {
    let done = accept(
        S::UnderReview,
        &facts(),
        &Event::Decide { outcome: upheld() },
        &reviewer(REVIEWER),
    );
    assert_eq!(done.to, S::Decided);
    assert_eq!(
        done.effects,
        [
            Effect::OutcomeRecorded {
                outcome: upheld(),
                decided_by: REVIEWER,
                approved_by: None
            },
            Effect::EscalationWindowStarts
        ]
    );
}

#[test]
fn an_overturn_records_the_corrected_outcome_beside_the_original() {
    for outcome in [overturned(), partially_overturned()] {
        let done = accept(
            S::UnderReview,
            &facts(),
            &Event::Decide {
                outcome: outcome.clone(),
            },
            &supervisor(SUPERVISOR),
        );
        assert_eq!(
            done.effects,
            [
                Effect::OutcomeRecorded {
                    outcome: outcome.clone(),
                    decided_by: SUPERVISOR,
                    approved_by: None
                },
                Effect::CorrectedDecisionRecorded {
                    corrected: outcome.corrected.clone().unwrap()
                },
                Effect::EscalationWindowStarts
            ]
        );
    }
}

#[test]
fn a_reviewer_may_propose_on_a_system_that_is_not_high_risk() {
    let done = accept(
        S::UnderReview,
        &facts(),
        &Event::ProposeOutcome {
            outcome: overturned(),
        },
        &reviewer(REVIEWER),
    );
    assert_eq!(done.to, S::PendingApproval);
    assert_eq!(
        done.effects,
        [Effect::ProposalRecorded {
            by: REVIEWER,
            outcome: overturned()
        }]
    );
}
