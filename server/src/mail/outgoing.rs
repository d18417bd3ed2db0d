//! Queuing a message: one outbox row, written on the caller's connection so that it commits or
//! rolls back with the change that causes it.

use crate::db::models::outbox::{self, NewMessage};
use crate::db::DbConnection;
use app::i18n::Locale;
use app::types::{MailFacts, MessageKind};
use chrono::NaiveDateTime;
use diesel::QueryResult;

/// A message to queue.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub kind: MessageKind,
    /// The address, in lower case.
    pub recipient: String,
    pub language: Locale,
    /// The words' facts; `link` is a path on the portal.
    pub facts: MailFacts,
    /// At most one message is ever queued per key.
    pub dedup_key: Option<String>,
}

/// Queues `message` to be sent from `now` on.
pub fn enqueue(conn: &mut DbConnection, message: &Outgoing, now: NaiveDateTime) -> QueryResult<()> {
    let facts = serde_json::to_string(&message.facts)
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    let reference = Some(message.facts.reference.as_str()).filter(|r| !r.is_empty());
    outbox::insert(
        conn,
        &NewMessage {
            created_at: now,
            kind: message.kind.as_str(),
            recipient: &message.recipient,
            language: message.language.code(),
            facts_json: &facts,
            appeal_reference: reference,
            dedup_key: message.dedup_key.as_deref(),
            status: "queued",
            next_attempt_at: now,
        },
    )
}
