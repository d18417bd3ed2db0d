//! Email: the outbox's messages (queued in the transaction of the change that causes them),
//! their words and layout, the transports, and the delivery worker (docs/notifications.md).

pub mod compose;
pub mod outgoing;
pub mod render;
pub mod settings;
pub mod transport;
pub mod worker;
