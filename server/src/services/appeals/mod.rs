//! The appeal workflow's use cases (docs/appeals.md): filing a challenge, taking steps of the
//! workflow, claiming and assigning, reading a case and the queues. Each owns its transaction
//! and audit entry; the rules are `domain::appeal`'s state machine and `domain::calendar`'s
//! deadlines.

pub mod agency_feed;
pub mod case;
pub mod claim;
pub mod clock;
pub mod evidence;
pub mod expiry;
pub mod filing;
pub mod filing_form;
pub mod queue;
pub mod reading;
pub mod recompute;
pub mod steps;
