//! The outbox: every email is a row written in the transaction of the change that causes it,
//! and delivery workers claim, send and mark rows (docs/notifications.md). Claims are safe
//! with several workers in several processes: `FOR UPDATE SKIP LOCKED` on PostgreSQL, and on
//! SQLite the database's single writer, each claim bounded by a lease.

use crate::db::schema::outbox;
use crate::db::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text, Timestamp};

/// A stored message.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct OutboxMessage {
    pub id: i64,
    pub created_at: NaiveDateTime,
    pub kind: String,
    pub recipient: String,
    pub language: String,
    pub facts_json: String,
    pub appeal_reference: Option<String>,
    pub dedup_key: Option<String>,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub claimed_by: Option<String>,
    pub lease_until: Option<NaiveDateTime>,
    pub sent_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
}

/// A message to queue.
#[derive(Debug, Insertable)]
#[diesel(table_name = outbox)]
pub struct NewMessage<'a> {
    pub created_at: NaiveDateTime,
    pub kind: &'a str,
    pub recipient: &'a str,
    pub language: &'a str,
    pub facts_json: &'a str,
    pub appeal_reference: Option<&'a str>,
    pub dedup_key: Option<&'a str>,
    pub status: &'a str,
    pub next_attempt_at: NaiveDateTime,
}

/// Queues a message.
pub fn insert(conn: &mut DbConnection, message: &NewMessage<'_>) -> QueryResult<()> {
    diesel::insert_into(outbox::table)
        .values(message)
        .execute(conn)
        .map(|_| ())
}

/// Whether a message with `key` was ever queued.
pub fn has_dedup_key(conn: &mut DbConnection, key: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        outbox::table.filter(outbox::dedup_key.eq(key)),
    ))
    .get_result(conn)
}

#[derive(QueryableByName)]
struct ClaimedId {
    #[diesel(sql_type = BigInt)]
    id: i64,
}

const CLAIM_POSTGRES: &str = "UPDATE outbox SET claimed_by = $1, lease_until = $2 \
     WHERE id IN (SELECT id FROM outbox WHERE status = 'queued' AND next_attempt_at <= $3 \
       AND (lease_until IS NULL OR lease_until < $3) \
       ORDER BY next_attempt_at, id LIMIT $4 FOR UPDATE SKIP LOCKED) \
     RETURNING id";

// SQLite has one writer at a time, so the select and the update inside this one statement
// cannot interleave with another worker's.
const CLAIM_SQLITE: &str = "UPDATE outbox SET claimed_by = ?1, lease_until = ?2 \
     WHERE id IN (SELECT id FROM outbox WHERE status = 'queued' AND next_attempt_at <= ?3 \
       AND (lease_until IS NULL OR lease_until < ?3) \
       ORDER BY next_attempt_at, id LIMIT ?4) \
     RETURNING id";

/// Claims up to `limit` due messages for `worker` until `lease_until`; returns them in the
/// order they are due.
pub fn claim_due(
    conn: &mut DbConnection,
    worker: &str,
    now: NaiveDateTime,
    lease_until: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<OutboxMessage>> {
    let ids: Vec<ClaimedId> = match conn {
        DbConnection::Pg(c) => diesel::sql_query(CLAIM_POSTGRES)
            .bind::<Text, _>(worker)
            .bind::<Timestamp, _>(lease_until)
            .bind::<Timestamp, _>(now)
            .bind::<BigInt, _>(limit)
            .load(c)?,
        DbConnection::Sqlite(c) => diesel::sql_query(CLAIM_SQLITE)
            .bind::<Text, _>(worker)
            .bind::<Timestamp, _>(lease_until)
            .bind::<Timestamp, _>(now)
            .bind::<BigInt, _>(limit)
            .load(c)?,
    };
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    outbox::table
        .filter(outbox::id.eq_any(ids.iter().map(|c| c.id)))
        .filter(outbox::claimed_by.eq(worker))
        .order((outbox::next_attempt_at, outbox::id))
        .select(OutboxMessage::as_select())
        .load(conn)
}

/// Marks a message sent, if `worker` still holds it, keeping `facts` as its facts from then on
/// (the sender passes them with any single-use link removed: the recipient has it, and the
/// database need not).
pub fn mark_sent(
    conn: &mut DbConnection,
    id: i64,
    worker: &str,
    now: NaiveDateTime,
    facts: &str,
) -> QueryResult<bool> {
    let changed = diesel::update(
        outbox::table
            .filter(outbox::id.eq(id))
            .filter(outbox::claimed_by.eq(worker))
            .filter(outbox::status.eq("queued")),
    )
    .set((
        outbox::status.eq("sent"),
        outbox::sent_at.eq(now),
        outbox::attempts.eq(outbox::attempts + 1),
        outbox::lease_until.eq(None::<NaiveDateTime>),
        outbox::last_error.eq(None::<String>),
        outbox::facts_json.eq(facts),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Records a failed attempt: the message waits until `retry_at`, or is marked failed when
/// `retry_at` is `None`.
pub fn mark_attempt_failed(
    conn: &mut DbConnection,
    id: i64,
    worker: &str,
    error: &str,
    retry_at: Option<NaiveDateTime>,
) -> QueryResult<bool> {
    let target = outbox::table
        .filter(outbox::id.eq(id))
        .filter(outbox::claimed_by.eq(worker))
        .filter(outbox::status.eq("queued"));
    let changed = match retry_at {
        Some(at) => diesel::update(target)
            .set((
                outbox::attempts.eq(outbox::attempts + 1),
                outbox::next_attempt_at.eq(at),
                outbox::lease_until.eq(None::<NaiveDateTime>),
                outbox::last_error.eq(error),
            ))
            .execute(conn)?,
        None => diesel::update(target)
            .set((
                outbox::attempts.eq(outbox::attempts + 1),
                outbox::status.eq("failed"),
                outbox::lease_until.eq(None::<NaiveDateTime>),
                outbox::last_error.eq(error),
            ))
            .execute(conn)?,
    };
    Ok(changed == 1)
}

/// Queues a failed message again, from now, with a fresh count of attempts.
pub fn requeue_failed(conn: &mut DbConnection, id: i64, now: NaiveDateTime) -> QueryResult<bool> {
    let changed = diesel::update(
        outbox::table
            .filter(outbox::id.eq(id))
            .filter(outbox::status.eq("failed")),
    )
    .set((
        outbox::status.eq("queued"),
        outbox::attempts.eq(0),
        outbox::next_attempt_at.eq(now),
        outbox::claimed_by.eq(None::<String>),
        outbox::lease_until.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Messages of `status`, newest first (for sent: most recently sent first).
pub fn list(conn: &mut DbConnection, status: &str, limit: i64) -> QueryResult<Vec<OutboxMessage>> {
    let query = outbox::table
        .filter(outbox::status.eq(status))
        .select(OutboxMessage::as_select())
        .limit(limit);
    match status {
        "sent" => query
            .order((outbox::sent_at.desc(), outbox::id.desc()))
            .load(conn),
        _ => query.order(outbox::id.desc()).load(conn),
    }
}

/// How many messages have `status`.
pub fn count(conn: &mut DbConnection, status: &str) -> QueryResult<i64> {
    outbox::table
        .filter(outbox::status.eq(status))
        .count()
        .get_result(conn)
}

/// How many were sent since `since`.
pub fn sent_since(conn: &mut DbConnection, since: NaiveDateTime) -> QueryResult<i64> {
    outbox::table
        .filter(outbox::status.eq("sent"))
        .filter(outbox::sent_at.ge(since))
        .count()
        .get_result(conn)
}

/// When the oldest queued message was written.
pub fn oldest_queued(conn: &mut DbConnection) -> QueryResult<Option<NaiveDateTime>> {
    outbox::table
        .filter(outbox::status.eq("queued"))
        .select(diesel::dsl::min(outbox::created_at))
        .get_result(conn)
}

/// Every message to `recipient` (already in lower case), oldest first.
pub fn to_recipient(conn: &mut DbConnection, recipient: &str) -> QueryResult<Vec<OutboxMessage>> {
    outbox::table
        .filter(outbox::recipient.eq(recipient))
        .order(outbox::id)
        .select(OutboxMessage::as_select())
        .load(conn)
}

/// Every message, oldest first (tests and the command line).
pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<OutboxMessage>> {
    outbox::table
        .order(outbox::id)
        .select(OutboxMessage::as_select())
        .load(conn)
}
