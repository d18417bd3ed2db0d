//! Fixtures shared by the workflow's tests: one agency and its people, facts in every shape the
//! rules care about, and complete and incomplete events of every kind.

pub use super::super::*;
use chrono::{Days, NaiveDate};

pub const AGENCY: i64 = 7;
pub const OTHER_AGENCY: i64 = 8;
pub const REVIEWER: i64 = 1;
pub const SECOND_REVIEWER: i64 = 2;
pub const SUPERVISOR: i64 = 10;
pub const SECOND_SUPERVISOR: i64 = 11;
/// The staff member recorded as the original decision's human reviewer.
pub const ORIGINAL_REVIEWER: i64 = 99;
pub const OMBUDSMAN: i64 = 50;

pub fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

pub fn today() -> NaiveDate {
    day(2026, 3, 10)
}

pub fn days_after(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days)).unwrap()
}

pub fn days_before(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(days)).unwrap()
}

/// An appeal on a system that is not high-risk, unassigned, never extended, not yet decided.
pub fn facts() -> AppealFacts {
    AppealFacts {
        agency_id: AGENCY,
        system_high_risk: false,
        original_human_reviewer: Some(ORIGINAL_REVIEWER),
        assignee: None,
        proposal: None,
        extensions_used: 0,
        decide_by: day(2026, 4, 1),
        finding: None,
        escalate_until: None,
        today: today(),
    }
}

pub fn citizen() -> Actor {
    Actor::Citizen
}

pub fn system() -> Actor {
    Actor::System
}

pub fn ombudsman() -> Actor {
    Actor::Ombudsman { user_id: OMBUDSMAN }
}

pub fn staff(user_id: i64, agency_id: i64, role: StaffRole) -> Actor {
    Actor::Staff {
        user_id,
        agency_id,
        role,
    }
}

pub fn reviewer(user_id: i64) -> Actor {
    staff(user_id, AGENCY, StaffRole::Reviewer)
}

pub fn supervisor(user_id: i64) -> Actor {
    staff(user_id, AGENCY, StaffRole::Supervisor)
}

pub fn admin() -> Actor {
    staff(90, AGENCY, StaffRole::Admin)
}

/// Everyone who might ask: the citizen, the agency's staff in every role (the original
/// reviewer among them), another agency's staff, an ombudsman and the portal.
pub fn all_actors() -> Vec<Actor> {
    vec![
        citizen(),
        reviewer(REVIEWER),
        reviewer(SECOND_REVIEWER),
        supervisor(SUPERVISOR),
        supervisor(SECOND_SUPERVISOR),
        reviewer(ORIGINAL_REVIEWER),
        supervisor(ORIGINAL_REVIEWER),
        staff(3, OTHER_AGENCY, StaffRole::Reviewer),
        staff(12, OTHER_AGENCY, StaffRole::Supervisor),
        admin(),
        ombudsman(),
        system(),
    ]
}

pub fn corrected() -> CorrectedOutcome {
    CorrectedOutcome {
        outcome: "granted".to_string(),
        label: "Benefit granted".to_string(),
    }
}

pub fn upheld() -> Outcome {
    Outcome {
        kind: OutcomeKind::Upheld,
        reasoning: "The income data was correct.".to_string(),
        corrected: None,
    }
}

pub fn overturned() -> Outcome {
    Outcome {
        kind: OutcomeKind::Overturned,
        reasoning: "The income data was out of date.".to_string(),
        corrected: Some(corrected()),
    }
}

pub fn partially_overturned() -> Outcome {
    Outcome {
        kind: OutcomeKind::PartiallyOverturned,
        reasoning: "One of two months was miscounted.".to_string(),
        corrected: Some(CorrectedOutcome {
            outcome: "reduced".to_string(),
            label: "Benefit reduced".to_string(),
        }),
    }
}

pub fn proposal_by(by: i64) -> Proposal {
    Proposal {
        by,
        outcome: overturned(),
    }
}

pub fn text(value: &str) -> String {
    value.to_string()
}

/// One complete event of `kind`, valid against `facts`.
pub fn well_formed(kind: EventKind, facts: &AppealFacts) -> Event {
    match kind {
        EventKind::Acknowledge => Event::Acknowledge,
        EventKind::RequestInformation => Event::RequestInformation {
            question: text("Which months were you employed?"),
        },
        EventKind::Answer => Event::Answer {
            reply: text("January to March."),
        },
        EventKind::ProposeOutcome => Event::ProposeOutcome {
            outcome: overturned(),
        },
        EventKind::Approve => Event::Approve,
        EventKind::RejectApproval => Event::RejectApproval {
            reason: text("The reasoning skips the March payslip."),
        },
        EventKind::Decide => Event::Decide { outcome: upheld() },
        EventKind::Extend => Event::Extend {
            new_due: days_after(facts.decide_by, 14),
            ceiling: days_after(facts.decide_by, 30),
            reason: text("An expert opinion is needed."),
        },
        EventKind::Escalate => Event::Escalate {
            statement: text("The agency ignored my payslips."),
        },
        EventKind::OmbudsmanFinding => Event::OmbudsmanFinding {
            kind: FindingKind::OutcomeStands,
            reasoning: text("The agency weighed the evidence."),
        },
        EventKind::Reopen => Event::Reopen,
        EventKind::Close => Event::Close,
        EventKind::Withdraw => Event::Withdraw { reason: None },
    }
}

/// Events of `kind` in many shapes, complete and incomplete, against `facts`.
pub fn samples(kind: EventKind, facts: &AppealFacts) -> Vec<Event> {
    let blank = text(" \n\t");
    let mut events = vec![well_formed(kind, facts)];
    match kind {
        EventKind::RequestInformation => events.push(Event::RequestInformation { question: blank }),
        EventKind::Answer => events.push(Event::Answer { reply: blank }),
        EventKind::ProposeOutcome | EventKind::Decide => {
            for outcome in outcome_shapes() {
                events.push(if kind == EventKind::Decide {
                    Event::Decide { outcome }
                } else {
                    Event::ProposeOutcome { outcome }
                });
            }
        }
        EventKind::RejectApproval => events.push(Event::RejectApproval { reason: blank }),
        EventKind::Extend => {
            let due = facts.decide_by;
            for (new_due, ceiling) in [
                (due, days_after(due, 30)),
                (days_before(due, 1), days_after(due, 30)),
                (days_after(due, 31), days_after(due, 30)),
                (days_after(due, 30), days_after(due, 30)),
            ] {
                events.push(Event::Extend {
                    new_due,
                    ceiling,
                    reason: text("An expert opinion is needed."),
                });
            }
            events.push(Event::Extend {
                new_due: days_after(due, 1),
                ceiling: days_after(due, 1),
                reason: blank,
            });
        }
        EventKind::Escalate => events.push(Event::Escalate { statement: blank }),
        EventKind::OmbudsmanFinding => {
            events.push(Event::OmbudsmanFinding {
                kind: FindingKind::RecommendReconsideration,
                reasoning: text("The agency did not read the payslips."),
            });
            events.push(Event::OmbudsmanFinding {
                kind: FindingKind::OutcomeStands,
                reasoning: blank,
            });
        }
        EventKind::Withdraw => {
            events.push(Event::Withdraw {
                reason: Some(text("I found work.")),
            });
            events.push(Event::Withdraw {
                reason: Some(blank),
            });
        }
        EventKind::Acknowledge | EventKind::Approve | EventKind::Reopen | EventKind::Close => {}
    }
    events
}

/// Outcomes of every kind, complete and not.
pub fn outcome_shapes() -> Vec<Outcome> {
    let blank = text("  ");
    vec![
        upheld(),
        overturned(),
        partially_overturned(),
        Outcome {
            reasoning: blank.clone(),
            ..upheld()
        },
        Outcome {
            corrected: Some(corrected()),
            ..upheld()
        },
        Outcome {
            corrected: None,
            ..overturned()
        },
        Outcome {
            corrected: None,
            ..partially_overturned()
        },
        Outcome {
            corrected: Some(CorrectedOutcome {
                outcome: blank.clone(),
                label: text("Granted"),
            }),
            ..overturned()
        },
        Outcome {
            corrected: Some(CorrectedOutcome {
                outcome: text("granted"),
                label: blank,
            }),
            ..overturned()
        },
    ]
}

/// Facts in every combination the rules distinguish.
pub fn facts_variants() -> Vec<AppealFacts> {
    let mut variants = Vec::new();
    for system_high_risk in [false, true] {
        for assignee in [None, Some(REVIEWER), Some(SECOND_REVIEWER)] {
            for proposal in [
                None,
                Some(proposal_by(REVIEWER)),
                Some(proposal_by(SUPERVISOR)),
            ] {
                for extensions_used in [0, 1] {
                    for finding in [
                        None,
                        Some(FindingKind::OutcomeStands),
                        Some(FindingKind::RecommendReconsideration),
                    ] {
                        for escalate_until in [
                            None,
                            Some(days_after(today(), 10)),
                            Some(today()),
                            Some(days_before(today(), 1)),
                        ] {
                            variants.push(AppealFacts {
                                system_high_risk,
                                assignee,
                                proposal: proposal.clone(),
                                extensions_used,
                                finding,
                                escalate_until,
                                ..facts()
                            });
                        }
                    }
                }
            }
        }
    }
    variants
}

/// The diagram, written out edge by edge: (from, step, to).
pub const EDGES: &[(AppealState, EventKind, AppealState)] = {
    use AppealState as S;
    use EventKind as K;
    &[
        (S::Submitted, K::Acknowledge, S::UnderReview),
        (S::UnderReview, K::RequestInformation, S::AwaitingCitizen),
        (S::AwaitingCitizen, K::Answer, S::UnderReview),
        (S::UnderReview, K::ProposeOutcome, S::PendingApproval),
        (S::PendingApproval, K::Approve, S::Decided),
        (S::PendingApproval, K::RejectApproval, S::UnderReview),
        (S::UnderReview, K::Decide, S::Decided),
        (S::Decided, K::Escalate, S::Escalated),
        (S::Decided, K::Close, S::Closed),
        (S::Escalated, K::OmbudsmanFinding, S::Resolved),
        (S::Resolved, K::Close, S::Closed),
        (S::Resolved, K::Reopen, S::UnderReview),
        (S::Submitted, K::Withdraw, S::Withdrawn),
        (S::UnderReview, K::Withdraw, S::Withdrawn),
        (S::AwaitingCitizen, K::Withdraw, S::Withdrawn),
        (S::PendingApproval, K::Withdraw, S::Withdrawn),
        (S::Submitted, K::Extend, S::Submitted),
        (S::UnderReview, K::Extend, S::UnderReview),
        (S::AwaitingCitizen, K::Extend, S::AwaitingCitizen),
        (S::PendingApproval, K::Extend, S::PendingApproval),
    ]
};

/// Where the diagram leads from `state` by `kind`, if anywhere.
pub fn diagram(state: AppealState, kind: EventKind) -> Option<AppealState> {
    EDGES
        .iter()
        .find(|(from, step, _)| *from == state && *step == kind)
        .map(|(_, _, to)| *to)
}

/// Applies a step that must be accepted and returns its result.
pub fn accept(state: AppealState, facts: &AppealFacts, event: &Event, actor: &Actor) -> Transition {
    match transition(state, facts, event, actor) {
        Ok(done) => done,
        Err(refusal) => panic!(
            "{} by {actor:?} from {state} refused: {refusal:?}",
            event.kind()
        ),
    }
}

/// Applies a step that must be refused and returns why.
pub fn refuse(state: AppealState, facts: &AppealFacts, event: &Event, actor: &Actor) -> Refusal {
    match transition(state, facts, event, actor) {
        Ok(done) => panic!(
            "{} by {actor:?} from {state} accepted: {done:?}",
            event.kind()
        ),
        Err(refusal) => refusal,
    }
}

pub fn wrong_actor(needed: ActorNeeded) -> Refusal {
    Refusal::WrongActor { needed }
}
