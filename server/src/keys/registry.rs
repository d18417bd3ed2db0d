//! Which keys belong to which database, for the audit log. Every use case appends audit
//! entries with only a connection in hand (`db::models::audit::append`); rather than pass the
//! keys through each of them, the server and each command register their keys for their
//! database when they open it, and the audit log asks for the keys of the database its
//! connection is to. A process may serve several databases (the tests do), hence the lookup
//! by the database's identity, not one global key. A database nobody registered gets no
//! keys, so an entry is refused rather than written unkeyed.

use super::Keys;
use crate::db::DbConnection;
use diesel::prelude::*;
use diesel::sql_types::Text;
use std::sync::RwLock;

static REGISTERED: RwLock<Vec<(String, Keys)>> = RwLock::new(Vec::new());

#[derive(QueryableByName)]
struct Identity {
    #[diesel(sql_type = Text)]
    identity: String,
}

/// What names the database `conn` is to: the SQLite file, or the PostgreSQL server's address,
/// port and database.
fn identity(conn: &mut DbConnection) -> QueryResult<String> {
    let query = match conn {
        DbConnection::Sqlite(_) => {
            "SELECT 'sqlite:' || file AS identity FROM pragma_database_list WHERE name = 'main'"
        }
        DbConnection::Pg(_) => {
            "SELECT 'postgres:' || coalesce(host(inet_server_addr()), 'socket') || ':' \
             || coalesce(inet_server_port()::text, '') || '/' || current_database() AS identity"
        }
    };
    Ok(diesel::sql_query(query)
        .get_result::<Identity>(conn)?
        .identity)
}

/// Makes `keys` the keys of the database `conn` is to, replacing any registered before.
pub fn register(conn: &mut DbConnection, keys: &Keys) -> QueryResult<()> {
    let identity = identity(conn)?;
    let mut registered = REGISTERED
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    registered.retain(|(known, _)| *known != identity);
    registered.push((identity, keys.clone()));
    Ok(())
}

/// The keys registered for the database `conn` is to.
pub fn keys_for(conn: &mut DbConnection) -> QueryResult<Keys> {
    let identity = identity(conn)?;
    REGISTERED
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .iter()
        .find(|(known, _)| *known == identity)
        .map(|(_, keys)| keys.clone())
        .ok_or_else(|| {
            diesel::result::Error::QueryBuilderError(
                format!("no keys are registered for the database {identity}").into(),
            )
        })
}
