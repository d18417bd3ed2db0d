//! Blobs waiting to be deleted: the keys of evidence files whose records a purge removed. The
//! blob store is outside the database's transactions, so a key is queued in the transaction
//! that removed its record and leaves the queue once the store has deleted the file.

use crate::db::schema::blob_deletions;
use crate::db::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// Queues `key` for deletion; a key already queued stays queued once.
pub fn queue(conn: &mut DbConnection, key: &str, now: NaiveDateTime) -> QueryResult<()> {
    let queued: bool = diesel::select(diesel::dsl::exists(
        blob_deletions::table.filter(blob_deletions::blob_key.eq(key)),
    ))
    .get_result(conn)?;
    if !queued {
        diesel::insert_into(blob_deletions::table)
            .values((
                blob_deletions::blob_key.eq(key),
                blob_deletions::queued_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Up to `limit` queued keys, oldest first.
pub fn queued(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<String>> {
    blob_deletions::table
        .order((
            blob_deletions::queued_at.asc(),
            blob_deletions::blob_key.asc(),
        ))
        .select(blob_deletions::blob_key)
        .limit(limit)
        .load(conn)
}

/// Takes `key` off the queue once its blob is gone.
pub fn done(conn: &mut DbConnection, key: &str) -> QueryResult<()> {
    diesel::delete(blob_deletions::table.filter(blob_deletions::blob_key.eq(key)))
        .execute(conn)
        .map(|_| ())
}
