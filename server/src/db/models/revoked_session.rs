//! The server-side revocation list that makes sign-out real for stateless session tokens.

use crate::db::schema::revoked_sessions;
use crate::db::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// Records that `session_id` no longer signs anyone in. Kept until the token would expire anyway.
pub fn revoke(
    conn: &mut DbConnection,
    session_id: &str,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> QueryResult<()> {
    let exists = is_revoked(conn, session_id)?;
    if !exists {
        diesel::insert_into(revoked_sessions::table)
            .values((
                revoked_sessions::session_id.eq(session_id),
                revoked_sessions::revoked_at.eq(now),
                revoked_sessions::expires_at.eq(expires_at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Whether `session_id` was revoked.
pub fn is_revoked(conn: &mut DbConnection, session_id: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        revoked_sessions::table.filter(revoked_sessions::session_id.eq(session_id)),
    ))
    .get_result(conn)
}

/// Forgets revocations of sessions that have expired on their own.
pub fn purge_expired(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(revoked_sessions::table.filter(revoked_sessions::expires_at.lt(now)))
        .execute(conn)
}
