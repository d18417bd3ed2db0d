//! Who is told what, and when: each use case that changes an appeal calls one function here
//! inside its own transaction, so a message is queued exactly when the change commits
//! (docs/notifications.md). Citizens are written to only at an address they confirmed;
//! staff in the language they last signed in with.

mod addresses;
pub mod appeal_steps;
pub mod digest;
pub mod filing;
pub mod links;

pub use addresses::normalise;
