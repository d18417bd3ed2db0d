//! The outbox as operators see it (the admin page and `redress outbox`): counts, the messages
//! of one status with the address masked, and re-queuing a failed message (audited).

use super::error::ServiceError;
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::models::outbox::{self, OutboxMessage};
use crate::db::{write_transaction, DbConnection};
use crate::domain::local_time::rfc3339_utc as stamp;
use crate::mail::render;
use app::i18n::Locale;
use app::types::{MailFacts, MessageKind, OutboxRow, OutboxView, Role};
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::QueryResult;

/// How many messages a list shows.
pub const LIST_LIMIT: i64 = 100;
/// The statuses a list can show.
pub const STATUSES: [&str; 3] = ["queued", "failed", "sent"];

/// What waits in the outbox: for the admin page and for `/readyz`'s monitoring.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Backlog {
    pub queued: i64,
    pub failed: i64,
    /// The oldest queued message's age in seconds (0 when none waits).
    pub oldest_queued_secs: i64,
}

/// The backlog as of `now`.
pub fn backlog(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<Backlog> {
    let oldest = outbox::oldest_queued(conn)?;
    Ok(Backlog {
        queued: outbox::count(conn, "queued")?,
        failed: outbox::count(conn, "failed")?,
        oldest_queued_secs: oldest.map_or(0, |at| (now - at).num_seconds().max(0)),
    })
}

/// The outbox for `role`: only admins see it (`NotFound` for anyone else, as for pages they
/// may not open).
pub fn view(
    conn: &mut DbConnection,
    role: Role,
    status: &str,
    now: DateTime<Utc>,
) -> Result<OutboxView, ServiceError> {
    if role != Role::Admin {
        return Err(ServiceError::NotFound);
    }
    let status = STATUSES
        .into_iter()
        .find(|s| *s == status)
        .unwrap_or("queued");
    let now = now.naive_utc();
    let waiting = backlog(conn, now)?;
    Ok(OutboxView {
        queued: waiting.queued,
        failed: waiting.failed,
        sent_last_day: outbox::sent_since(conn, now - Duration::days(1))?,
        oldest_queued_secs: waiting.oldest_queued_secs,
        status: status.to_string(),
        rows: outbox::list(conn, status, LIST_LIMIT)?
            .into_iter()
            .map(row)
            .collect(),
    })
}

/// One message as the list shows it.
pub fn row(message: OutboxMessage) -> OutboxRow {
    let language = Locale::parse(&message.language).unwrap_or_default();
    let facts: MailFacts = serde_json::from_str(&message.facts_json).unwrap_or_default();
    OutboxRow {
        id: message.id,
        subject: MessageKind::parse(&message.kind)
            .map(|kind| render::subject(kind, language, &facts))
            .unwrap_or_default(),
        kind: message.kind,
        recipient: mask(&message.recipient),
        language: message.language,
        status: message.status,
        attempts: message.attempts,
        created_at: stamp(message.created_at),
        next_attempt_at: stamp(message.next_attempt_at),
        sent_at: message.sent_at.map(stamp),
        last_error: message.last_error,
    }
}

/// An address with all but the first letter of its local part hidden: enough for an operator
/// to tell messages apart, not to read who wrote to whom.
pub fn mask(address: &str) -> String {
    match address.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".into(),
    }
}

/// Queues the failed message `id` again; `NotFound` when no failed message has that id.
pub fn retry(
    conn: &mut DbConnection,
    actor: Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let now = now.naive_utc();
    write_transaction(conn, |conn| -> Result<(), ServiceError> {
        if !outbox::requeue_failed(conn, id, now)? {
            return Err(ServiceError::NotFound);
        }
        audit::append(
            conn,
            AuditEvent {
                actor: actor.clone(),
                action: "outbox.retried",
                subject_kind: "outbox",
                subject_id: id.to_string(),
                details: serde_json::json!({}),
            },
            now,
        )?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::mask;

    #[test]
    fn a_masked_address_keeps_the_first_letter_and_the_domain() {
        assert_eq!(mask("aigerim@example.kz"), "a***@example.kz");
        assert_eq!(mask("nobody"), "***");
    }
}
