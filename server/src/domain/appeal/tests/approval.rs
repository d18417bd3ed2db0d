//! The second pair of eyes: proposals, their approval or rejection, and high-risk systems that
//! may not skip them.

use super::support::*;
use AppealState as S;

fn pending(by: i64) -> AppealFacts {
    AppealFacts {
        proposal: Some(proposal_by(by)),
        ..facts()
    }
}

fn high_risk() -> AppealFacts {
    AppealFacts {
        system_high_risk: true,
        ..facts()
    }
}

fn reject() -> Event {
    Event::RejectApproval {
        reason: text("The reasoning skips the March payslip."),
    }
}

#[test]
fn a_supervisor_approves_and_the_proposal_becomes_the_decision() {
    let done = accept(
        S::PendingApproval,
        &pending(REVIEWER),
        &Event::Approve,
        &supervisor(SUPERVISOR),
    );
    assert_eq!(done.to, S::Decided);
    assert_eq!(
        done.effects,
        [
            Effect::OutcomeRecorded {
                outcome: overturned(),
                decided_by: REVIEWER,
                approved_by: Some(SUPERVISOR)
            },
            Effect::CorrectedDecisionRecorded {
                corrected: corrected()
            },
            Effect::EscalationWindowStarts
        ]
    );
}

#[test]
fn an_approved_upheld_proposal_records_no_correction() {
    let facts = AppealFacts {
        proposal: Some(Proposal {
            by: REVIEWER,
            outcome: upheld(),
        }),
        ..facts()
    };
    let done = accept(
        S::PendingApproval,
        &facts,
        &Event::Approve,
        &supervisor(SUPERVISOR),
    );
    assert!(!done
        .effects
        .iter()
        .any(|e| matches!(e, Effect::CorrectedDecisionRecorded { .. })));
}

#[test]
fn a_supervisor_rejects_with_a_reason_and_review_goes_on() {
    let done = accept(
        S::PendingApproval,
        &pending(REVIEWER),
        &reject(),
        &supervisor(SUPERVISOR),
    );
    assert_eq!(done.to, S::UnderReview);
    assert_eq!(
        done.effects,
        [Effect::ProposalRejected {
            by: SUPERVISOR,
            reason: text("The reasoning skips the March payslip.")
        }]
    );
}

#[test]
fn the_proposer_cannot_approve_or_reject_their_own_proposal() {
    for event in [Event::Approve, reject()] {
        assert_eq!(
            refuse(
                S::PendingApproval,
                &pending(SUPERVISOR),
                &event,
                &supervisor(SUPERVISOR)
            ),
            Refusal::ProposerCannotApprove
        );
        accept(
            S::PendingApproval,
            &pending(SUPERVISOR),
            &event,
            &supervisor(SECOND_SUPERVISOR),
        );
    }
}

#[test]
fn only_a_supervisor_of_the_agency_approves_or_rejects() {
    for event in [Event::Approve, reject()] {
        for actor in [
            reviewer(SECOND_REVIEWER),
            citizen(),
            admin(),
            ombudsman(),
            system(),
        ] {
            assert_eq!(
                refuse(S::PendingApproval, &pending(REVIEWER), &event, &actor),
                wrong_actor(ActorNeeded::Supervisor)
            );
        }
        assert_eq!(
            refuse(
                S::PendingApproval,
                &pending(REVIEWER),
                &event,
                &staff(SUPERVISOR, OTHER_AGENCY, StaffRole::Supervisor)
            ),
            Refusal::OtherAgency
        );
    }
}

#[test]
fn the_original_reviewer_neither_approves_nor_rejects() {
    for event in [Event::Approve, reject()] {
        assert_eq!(
            refuse(
                S::PendingApproval,
                &pending(REVIEWER),
                &event,
                &supervisor(ORIGINAL_REVIEWER)
            ),
            Refusal::OriginalReviewerCannotReview
        );
    }
}

#[test]
fn nothing_proposed_means_nothing_to_approve() {
    for event in [Event::Approve, reject()] {
        assert_eq!(
            refuse(
                S::PendingApproval,
                &facts(),
                &event,
                &supervisor(SUPERVISOR)
            ),
            Refusal::NoPendingProposal
        );
    }
}

#[test]
fn the_assignee_does_not_limit_supervisors_judging_a_proposal() {
    let facts = AppealFacts {
        assignee: Some(REVIEWER),
        ..pending(REVIEWER)
    };
    accept(
        S::PendingApproval,
        &facts,
        &Event::Approve,
        &supervisor(SUPERVISOR),
    );
}

#[test]
fn high_risk_systems_are_not_decided_directly_even_by_a_supervisor() {
    for actor in [reviewer(REVIEWER), supervisor(SUPERVISOR)] {
        assert_eq!(
            refuse(
                S::UnderReview,
                &high_risk(),
                &Event::Decide { outcome: upheld() },
                &actor
            ),
            Refusal::HighRiskNeedsApproval
        );
    }
}

#[test]
fn high_risk_systems_are_decided_through_proposal_and_approval() {
    let proposed = accept(
        S::UnderReview,
        &high_risk(),
        &Event::ProposeOutcome { outcome: upheld() },
        &reviewer(REVIEWER),
    );
    assert_eq!(proposed.to, S::PendingApproval);
    let facts = AppealFacts {
        proposal: Some(Proposal {
            by: REVIEWER,
            outcome: upheld(),
        }),
        ..high_risk()
    };
    let approved = accept(
        proposed.to,
        &facts,
        &Event::Approve,
        &supervisor(SUPERVISOR),
    );
    assert_eq!(approved.to, S::Decided);
}

#[test]
fn a_supervisor_proposing_on_a_high_risk_system_needs_another_supervisor() {
    let facts = AppealFacts {
        proposal: Some(proposal_by(SUPERVISOR)),
        ..high_risk()
    };
    assert_eq!(
        refuse(
            S::PendingApproval,
            &facts,
            &Event::Approve,
            &supervisor(SUPERVISOR)
        ),
        Refusal::ProposerCannotApprove
    );
    accept(
        S::PendingApproval,
        &facts,
        &Event::Approve,
        &supervisor(SECOND_SUPERVISOR),
    );
}
