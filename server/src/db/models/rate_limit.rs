//! Attempts counted in the database, so limits hold across several server processes.

use crate::db::schema::rate_limit_events;
use crate::db::DbConnection;
use crate::web::client_address::network_of;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// How many events `subject` has in `bucket` since `since`.
pub fn count_since(
    conn: &mut DbConnection,
    bucket: &str,
    subject: &str,
    since: NaiveDateTime,
) -> QueryResult<i64> {
    rate_limit_events::table
        .filter(rate_limit_events::bucket.eq(bucket))
        .filter(rate_limit_events::subject.eq(subject))
        .filter(rate_limit_events::occurred_at.ge(since))
        .count()
        .get_result(conn)
}

/// Records one event.
pub fn record(
    conn: &mut DbConnection,
    bucket: &str,
    subject: &str,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(rate_limit_events::table)
        .values((
            rate_limit_events::bucket.eq(bucket),
            rate_limit_events::subject.eq(subject),
            rate_limit_events::occurred_at.eq(at),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The failures of guesses of `kind` (`staff_signin`, `find`, `api_token`) at `account` from
/// `source` since `since`, counted the three ways `domain::attempts` weighs them.
pub fn failures(
    conn: &mut DbConnection,
    kind: &str,
    account: &str,
    source: &str,
    since: NaiveDateTime,
) -> QueryResult<crate::domain::attempts::Failures> {
    Ok(crate::domain::attempts::Failures {
        from_source: count_since(conn, &format!("{kind}_source"), source, since)?,
        on_account: count_since(conn, &format!("{kind}_account"), account, since)?,
        pair: count_since(conn, &format!("{kind}_pair"), &pair(account, source), since)?,
        network_pair: count_since(
            conn,
            &format!("{kind}_network_pair"),
            &pair(account, &network_of(source)),
            since,
        )?,
    })
}

/// Records a failed guess of `kind` at `account` from `source`.
pub fn record_failure(
    conn: &mut DbConnection,
    kind: &str,
    account: &str,
    source: &str,
    at: NaiveDateTime,
) -> QueryResult<()> {
    record(conn, &format!("{kind}_source"), source, at)?;
    record(conn, &format!("{kind}_account"), account, at)?;
    record(conn, &format!("{kind}_pair"), &pair(account, source), at)?;
    record(
        conn,
        &format!("{kind}_network_pair"),
        &pair(account, &network_of(source)),
        at,
    )
}

fn pair(account: &str, source: &str) -> String {
    format!("{account} from {source}")
}

/// Removes events older than any window still in use.
pub fn purge_before(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(rate_limit_events::table.filter(rate_limit_events::occurred_at.lt(before)))
        .execute(conn)
}
