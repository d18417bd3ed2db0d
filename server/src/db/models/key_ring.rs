//! The key ring's rows (`keys::ring`): one per version of a purpose's key that was ever
//! rotated to or from. No row for a purpose means it is at version 1.

use crate::db::schema::key_ring;
use crate::db::DbConnection;
use crate::keys::purpose::Purpose;
use crate::keys::ring::{Ring, RingVersion};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = key_ring)]
struct Row {
    purpose: String,
    version: i64,
    verifies_until: Option<NaiveDateTime>,
}

/// The whole ring. A row of a purpose this build does not know is skipped with a warning
/// (a newer build may have added it); it verifies nothing here.
pub fn load(conn: &mut DbConnection) -> QueryResult<Ring> {
    let rows = key_ring::table.select(Row::as_select()).load(conn)?;
    Ok(Ring::from_versions(rows.into_iter().filter_map(|row| {
        let purpose = Purpose::parse(&row.purpose);
        let version = u32::try_from(row.version).ok();
        if purpose.is_none() || version.is_none() {
            tracing::warn!(purpose = %row.purpose, version = row.version, "skipping an unknown key ring row");
        }
        Some(RingVersion {
            purpose: purpose?,
            version: version?,
            verifies_until: row.verifies_until,
        })
    })))
}

/// The current version of `purpose` as the database has it now (1 when it has no rows).
pub fn current_version(conn: &mut DbConnection, purpose: Purpose) -> QueryResult<u32> {
    let highest: Option<i64> = key_ring::table
        .filter(key_ring::purpose.eq(purpose.name()))
        .select(diesel::dsl::max(key_ring::version))
        .first(conn)?;
    Ok(highest.and_then(|v| u32::try_from(v).ok()).unwrap_or(1))
}

/// Records `version` of `purpose`, added at `now`, verifying until `verifies_until` once
/// it is no longer current; or, when it is already recorded, sets its window.
pub fn record(
    conn: &mut DbConnection,
    purpose: Purpose,
    version: u32,
    now: NaiveDateTime,
    verifies_until: Option<NaiveDateTime>,
) -> QueryResult<()> {
    let this = key_ring::table
        .filter(key_ring::purpose.eq(purpose.name()))
        .filter(key_ring::version.eq(i64::from(version)));
    let updated = diesel::update(this)
        .set(key_ring::verifies_until.eq(verifies_until))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(key_ring::table)
            .values((
                key_ring::purpose.eq(purpose.name()),
                key_ring::version.eq(i64::from(version)),
                key_ring::added_at.eq(now),
                key_ring::verifies_until.eq(verifies_until),
            ))
            .execute(conn)?;
    }
    Ok(())
}
