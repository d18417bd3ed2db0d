//! What a cached page's data is at: a version read from the database before the page is
//! rendered, so a change is seen by the next request whoever made it (this server, another
//! instance, the `redress` command), and a process-wide count that services bump after a change
//! the database version does not show. The page cache (`web::page_cache`) keys each page by
//! both (docs/performance.md, "The page cache").

use super::error::ServiceError;
use crate::db::DbConnection;
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use std::sync::atomic::{AtomicU64, Ordering};

static CHANGES: AtomicU64 = AtomicU64::new(0);

/// Tells the page cache that data a public page shows has changed. Call it after the change is
/// committed (a page rendered in between would otherwise be kept under the new count with the
/// old data). Every cached page is rendered again on its next request.
pub fn changed() {
    CHANGES.fetch_add(1, Ordering::Release);
}

/// The count [`changed`] bumps; read before rendering.
pub fn changes() -> u64 {
    CHANGES.load(Ordering::Acquire)
}

/// The version of what the register list shows: register entries (a change is a new row in
/// `ai_system_versions`, see `db::models::ai_system::save_version`), the systems' current
/// versions, and the agencies (their names and the agency filter). Anything the list comes to
/// show from another table must be added here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, QueryableByName)]
pub struct RegisterListVersion {
    #[diesel(sql_type = BigInt)]
    last_version: i64,
    #[diesel(sql_type = BigInt)]
    versions: i64,
    #[diesel(sql_type = BigInt)]
    current_versions: i64,
    #[diesel(sql_type = BigInt)]
    last_agency: i64,
    #[diesel(sql_type = BigInt)]
    agencies: i64,
}

/// One statement, the same on both backends: aggregates over the ids, answered from the
/// primary keys.
const REGISTER_LIST_VERSION: &str = "SELECT \
     (SELECT COALESCE(MAX(id), 0) FROM ai_system_versions) AS last_version, \
     (SELECT COUNT(*) FROM ai_system_versions) AS versions, \
     (SELECT COALESCE(SUM(current_version), 0) FROM ai_systems) AS current_versions, \
     (SELECT COALESCE(MAX(id), 0) FROM agencies) AS last_agency, \
     (SELECT COUNT(*) FROM agencies) AS agencies";

/// The register list's version now.
pub fn register_list(conn: &mut DbConnection) -> Result<RegisterListVersion, ServiceError> {
    let version = match conn {
        DbConnection::Sqlite(c) => diesel::sql_query(REGISTER_LIST_VERSION).get_result(c)?,
        DbConnection::Pg(c) => diesel::sql_query(REGISTER_LIST_VERSION).get_result(c)?,
    };
    Ok(version)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_moves_the_count() {
        let before = changes();
        changed();
        assert!(changes() > before);
    }
}
