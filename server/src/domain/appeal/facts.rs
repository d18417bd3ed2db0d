//! What the workflow must know about an appeal besides its state. The service reads these from
//! the stored appeal (and today's date from its clock) and keeps them up to date from the
//! effects of each step.

use super::outcome::{FindingKind, Outcome};
use chrono::NaiveDate;

/// How many times one appeal's decide deadline may be extended.
pub const MAX_EXTENSIONS: u32 = 1;

/// The stored facts of one appeal, as of `today`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppealFacts {
    /// The agency that made the appealed decision; only its staff handle the appeal.
    pub agency_id: i64,
    /// Whether the deciding system is high-risk: its appeals are decided only with a second
    /// person's approval.
    pub system_high_risk: bool,
    /// The staff member named as the human reviewer of the original decision; they never
    /// review the appeal against their own decision.
    pub original_human_reviewer: Option<i64>,
    /// The reviewer the appeal is assigned to; others (except supervisors) leave it alone.
    pub assignee: Option<i64>,
    /// The outcome waiting for approval, present while the appeal is pending approval.
    pub proposal: Option<Proposal>,
    /// How many times the decide deadline was extended so far.
    pub extensions_used: u32,
    /// The date the agency must decide by, as last moved.
    pub decide_by: NaiveDate,
    /// The ombudsman's last finding, present once the appeal was resolved.
    pub finding: Option<FindingKind>,
    /// The last day on which the citizen may escalate; set when the appeal is decided.
    pub escalate_until: Option<NaiveDate>,
    /// Today's date where the appeal is handled, read by the caller (the workflow reads no
    /// clock, so every answer can be reproduced).
    pub today: NaiveDate,
}

/// An outcome proposed for approval, and who proposed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    pub by: i64,
    pub outcome: Outcome,
}

/// Where the citizen's chance to escalate stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EscalationWindow {
    /// No window was recorded: the appeal has not been decided, or its record is incomplete.
    NotSet,
    /// Today is on or before the last day to escalate.
    Open,
    /// The last day to escalate is behind us.
    Passed,
}

impl AppealFacts {
    /// Where the escalation window stands today. The last day counts as open, so a citizen
    /// who acts on the date the letter names is never turned away.
    pub fn escalation_window(&self) -> EscalationWindow {
        match self.escalate_until {
            None => EscalationWindow::NotSet,
            Some(last_day) if self.today <= last_day => EscalationWindow::Open,
            Some(_) => EscalationWindow::Passed,
        }
    }
}
