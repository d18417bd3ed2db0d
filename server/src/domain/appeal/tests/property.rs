//! Random walks: thousands of random sequences of steps by random people from `submitted`,
//! applied to an appeal kept up to date the way the service keeps it (from the effects alone).
//! Whatever is asked, the appeal stays on the diagram, never leaves closed or withdrawn, the
//! clock's pauses alternate, and the deadline is extended at most once.

use super::support::*;
use std::collections::HashMap;

const WALKS: usize = 5_000;
const STEPS: usize = 60;
/// How long the citizen may escalate after a decision, as the service would set it.
const ESCALATION_DAYS: u64 = 14;

/// A small deterministic random source (xorshift64), so a failing walk can be replayed.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }
}

/// One appeal as the service stores it.
struct Appeal {
    state: AppealState,
    facts: AppealFacts,
    clock_paused: bool,
    extensions_recorded: u32,
}

impl Appeal {
    fn new(rng: &mut XorShift) -> Appeal {
        Appeal {
            state: AppealState::Submitted,
            facts: AppealFacts {
                system_high_risk: rng.chance(50),
                original_human_reviewer: rng.pick(&[None, Some(ORIGINAL_REVIEWER)]),
                ..facts()
            },
            clock_paused: false,
            extensions_recorded: 0,
        }
    }

    /// Records an accepted step the way the service does, checking the effects as it goes.
    fn record(&mut self, done: &Transition) {
        let facts = &mut self.facts;
        for effect in &done.effects {
            match effect {
                Effect::ClockPaused => {
                    assert!(!self.clock_paused, "paused twice");
                    self.clock_paused = true;
                }
                Effect::ClockResumed => {
                    assert!(self.clock_paused, "resumed while running");
                    self.clock_paused = false;
                }
                Effect::ProposalRecorded { by, outcome } => {
                    facts.proposal = Some(Proposal {
                        by: *by,
                        outcome: outcome.clone(),
                    });
                }
                Effect::ProposalRejected { .. } => facts.proposal = None,
                Effect::OutcomeRecorded {
                    decided_by,
                    approved_by,
                    ..
                } => {
                    assert_ne!(Some(*decided_by), *approved_by, "approved own outcome");
                    for person in [Some(*decided_by), *approved_by].into_iter().flatten() {
                        assert_ne!(facts.original_human_reviewer, Some(person));
                    }
                    if facts.system_high_risk {
                        assert!(approved_by.is_some(), "high-risk decided unapproved");
                    }
                    facts.proposal = None;
                }
                Effect::EscalationWindowStarts => {
                    facts.escalate_until = Some(days_after(facts.today, ESCALATION_DAYS));
                }
                Effect::DeadlineMoved { to } => {
                    assert!(*to > facts.decide_by);
                    facts.decide_by = *to;
                }
                Effect::ExtensionUsed { .. } => {
                    facts.extensions_used += 1;
                    self.extensions_recorded += 1;
                }
                Effect::FindingRecorded { kind, .. } => facts.finding = Some(*kind),
                Effect::ReconsiderationOpened { .. } => {
                    facts.finding = None;
                    facts.escalate_until = None;
                    facts.decide_by = days_after(facts.today, 30);
                }
                Effect::QuestionAsked { .. }
                | Effect::ReplyRecorded { .. }
                | Effect::CorrectedDecisionRecorded { .. }
                | Effect::EscalationRecorded { .. }
                | Effect::Closed { .. }
                | Effect::WithdrawalRecorded { .. } => {}
            }
        }
        self.state = done.to;
    }

    /// Time passes and work is assigned between steps, as it does outside the workflow.
    fn let_the_world_move(&mut self, rng: &mut XorShift) {
        if rng.chance(30) {
            self.facts.today = days_after(self.facts.today, rng.below(6) as u64);
        }
        if rng.chance(10) {
            self.facts.assignee = rng.pick(&[None, Some(REVIEWER), Some(SECOND_REVIEWER)]);
        }
    }
}

/// A step by anyone: mostly one of the steps offered to them, rarely one that ends the appeal
/// (so walks get deep into the workflow), otherwise any kind at all; mostly complete events,
/// sometimes incomplete ones.
fn random_step(
    rng: &mut XorShift,
    state: AppealState,
    facts: &AppealFacts,
    actors: &[Actor],
) -> (Event, Actor) {
    let actor = rng.pick(actors);
    let offered: Vec<EventKind> = allowed_events(state, facts, &actor)
        .into_iter()
        .filter(|kind| !matches!(kind, EventKind::Withdraw | EventKind::Close) || rng.chance(10))
        .collect();
    let kind = if !offered.is_empty() && rng.chance(80) {
        rng.pick(&offered)
    } else {
        rng.pick(EventKind::ALL)
    };
    let event = if rng.chance(60) {
        well_formed(kind, facts)
    } else {
        rng.pick(&samples(kind, facts))
    };
    (event, actor)
}

#[test]
fn random_walks_stay_on_the_diagram() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let actors = all_actors();
    let mut edges_taken: HashMap<(AppealState, EventKind), usize> = HashMap::new();
    let mut steps_accepted = 0usize;
    for walk in 0..WALKS {
        let mut appeal = Appeal::new(&mut rng);
        for _ in 0..STEPS {
            appeal.let_the_world_move(&mut rng);
            let (event, actor) = random_step(&mut rng, appeal.state, &appeal.facts, &actors);
            let from = appeal.state;
            let kind = event.kind();
            match transition(from, &appeal.facts, &event, &actor) {
                Ok(done) => {
                    assert!(from.is_open(), "walk {walk}: left {from} by {kind}");
                    assert_eq!(
                        diagram(from, kind),
                        Some(done.to),
                        "walk {walk}: {kind} from {from}"
                    );
                    assert!(
                        allowed_events(from, &appeal.facts, &actor).contains(&kind),
                        "walk {walk}: {kind} accepted but not offered"
                    );
                    if kind == EventKind::Decide {
                        assert!(!appeal.facts.system_high_risk);
                    }
                    appeal.record(&done);
                    *edges_taken.entry((from, kind)).or_default() += 1;
                    steps_accepted += 1;
                }
                Err(refusal) => {
                    if !from.is_open() {
                        assert_eq!(
                            refusal,
                            Refusal::NotAllowedInState {
                                state: from,
                                event: kind
                            }
                        );
                    }
                    assert!(!refusal.code().is_empty());
                }
            }
            assert_eq!(
                appeal.clock_paused,
                appeal.state == AppealState::AwaitingCitizen,
                "walk {walk}: clock and state disagree in {}",
                appeal.state
            );
            assert!(appeal.extensions_recorded <= MAX_EXTENSIONS);
            if appeal.state.is_before_decision() {
                assert_eq!(
                    appeal.facts.proposal.is_some(),
                    appeal.state == AppealState::PendingApproval
                );
            }
        }
    }
    for &(from, kind, _) in EDGES {
        let taken = edges_taken.get(&(from, kind)).copied().unwrap_or(0);
        assert!(
            taken >= 100,
            "walks took {kind} from {from} only {taken} times"
        );
    }
    assert!(
        steps_accepted > WALKS * 4,
        "too few steps accepted: {steps_accepted}"
    );
}
