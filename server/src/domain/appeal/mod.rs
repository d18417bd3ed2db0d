//! The appeal workflow as a pure state machine: a citizen challenges an automated decision,
//! the agency reviews it, and the citizen may escalate to the ombudsman. No clock, no storage:
//! the service passes the appeal's state, its facts (with today's date) and the step asked
//! for, and records the [`Transition`] or answers with the [`Refusal`]'s code.
//!
//! ```text
//! submitted ──acknowledge──▶ under_review ◀──answer (citizen)── awaiting_citizen
//!                             │  └──request_information──▶ awaiting_citizen (clock paused)
//!                             ├──propose_outcome──▶ pending_approval
//!                             │                       ├──reject_approval──▶ under_review
//!                             │                       └──approve (a second person)──▶ decided
//!                             └──decide (not high-risk)──▶ decided
//! decided ──escalate (citizen, window open)──▶ escalated ──ombudsman_finding──▶ resolved
//! decided ──close (citizen accepts, or the window passed)──▶ closed
//! resolved ──close (outcome stands)──▶ closed
//! resolved ──reopen (reconsideration recommended)──▶ under_review
//! before decided ──withdraw (citizen)──▶ withdrawn
//! before decided ──extend (supervisor, once)──▶ the same state
//! ```
//!
//! "Before decided" is submitted, under_review, awaiting_citizen and pending_approval.
//!
//! Who does what:
//! - acknowledge, request_information, propose_outcome, decide: a reviewer or supervisor of the
//!   appeal's agency; on an assigned appeal only the assignee or a supervisor.
//! - approve, reject_approval: a supervisor of the agency other than the proposer.
//! - answer, escalate, withdraw: the citizen. ombudsman_finding: an ombudsman.
//! - extend, reopen: a supervisor of the agency.
//! - close: the citizen at any time; the portal or a supervisor once the escalation window has
//!   passed (from `decided`) or once the ombudsman found the outcome stands (from `resolved`).
//! - The staff member who reviewed the original decision never acknowledges, asks, proposes,
//!   decides, approves or rejects a proposal on its appeal. Admins take no part in appeals.
//!
//! Rules the design settles:
//! - Appeals on high-risk systems are decided only through a proposal approved by a second
//!   person. For other systems a reviewer may still propose, to have a supervisor look first.
//! - The escalation window is given as dates (`escalate_until`, `today`), not as a flag, so the
//!   one rule of when it is open (through its last day) lives here.
//! - Reopening is a supervisor's act rather than automatic: the agency knowingly takes the
//!   appeal back, and the finding stays visible in `resolved` until it does.
//! - The extension limit ([`MAX_EXTENSIONS`]) holds for the whole appeal, across reopenings.
//! - The decide clock pauses while the agency waits on the citizen: `ClockPaused` and
//!   `ClockResumed` always alternate, and a withdrawal while asked ends the pause too.

#[macro_use]
mod wire_names;

mod actor;
mod edges;
mod effect;
mod event;
mod facts;
mod machine;
mod outcome;
mod payload;
mod permission;
mod refusal;
mod state;

#[cfg(test)]
mod tests;

pub use actor::{Actor, StaffRole};
pub use edges::destination;
pub use effect::{CloseReason, Effect, Transition};
pub use event::{Event, EventKind};
pub use facts::{AppealFacts, EscalationWindow, Proposal, MAX_EXTENSIONS};
pub use machine::{allowed_events, check_permission, transition};
pub use outcome::{CorrectedOutcome, FindingKind, Outcome, OutcomeKind};
pub use refusal::{ActorNeeded, Refusal};
pub use state::AppealState;
