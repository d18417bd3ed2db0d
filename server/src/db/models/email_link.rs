//! Single-use email links (sign-in and address confirmation) and the addresses their owners
//! proved to control. Only the SHA-256 of a link's token is stored.

use crate::db::schema::{confirmed_emails, email_links};
use crate::db::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// A stored link.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = email_links)]
pub struct EmailLink {
    pub id: i64,
    pub token_hash: String,
    pub purpose: String,
    pub email: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

/// Stores a new link.
pub fn insert(
    conn: &mut DbConnection,
    token_hash: &str,
    purpose: &str,
    email: &str,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(email_links::table)
        .values((
            email_links::token_hash.eq(token_hash),
            email_links::purpose.eq(purpose),
            email_links::email.eq(email),
            email_links::created_at.eq(now),
            email_links::expires_at.eq(expires_at),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Uses the link whose token hashes to `token_hash`, if it has `purpose`, is unexpired and
/// unused: one statement marks it used, so two clicks racing never both succeed.
pub fn use_once(
    conn: &mut DbConnection,
    token_hash: &str,
    purpose: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<String>> {
    let target = email_links::table
        .filter(email_links::token_hash.eq(token_hash))
        .filter(email_links::purpose.eq(purpose))
        .filter(email_links::used_at.is_null())
        .filter(email_links::expires_at.gt(now));
    let changed = diesel::update(target)
        .set(email_links::used_at.eq(now))
        .execute(conn)?;
    if changed != 1 {
        return Ok(None);
    }
    email_links::table
        .filter(email_links::token_hash.eq(token_hash))
        .select(email_links::email)
        .first(conn)
        .optional()
}

/// Forgets links that expired before `before`.
pub fn purge_expired(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(email_links::table.filter(email_links::expires_at.lt(before))).execute(conn)
}

/// Records that the owner of `email` proved to control it (the first time counts).
pub fn confirm(conn: &mut DbConnection, email: &str, now: NaiveDateTime) -> QueryResult<()> {
    if confirmed_at(conn, email)?.is_none() {
        diesel::insert_into(confirmed_emails::table)
            .values((
                confirmed_emails::email.eq(email),
                confirmed_emails::confirmed_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// When `email` was confirmed, if it was.
pub fn confirmed_at(conn: &mut DbConnection, email: &str) -> QueryResult<Option<NaiveDateTime>> {
    confirmed_emails::table
        .find(email)
        .select(confirmed_emails::confirmed_at)
        .first(conn)
        .optional()
}
