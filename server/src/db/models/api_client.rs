//! Machine clients: one agency each, with scopes; the secret is stored as a keyed hash.

use crate::db::schema::api_clients;
use crate::db::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// A stored client.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = api_clients)]
pub struct ApiClient {
    pub id: i64,
    pub client_id: String,
    pub secret_hash: String,
    pub agency_id: i64,
    pub scopes: String,
    pub created_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
}

impl ApiClient {
    /// The scopes granted, as a list.
    pub fn scope_list(&self) -> Vec<String> {
        self.scopes.split_whitespace().map(String::from).collect()
    }
}

/// Looks a client up by its public id.
pub fn find_by_client_id(
    conn: &mut DbConnection,
    client_id: &str,
) -> QueryResult<Option<ApiClient>> {
    api_clients::table
        .filter(api_clients::client_id.eq(client_id))
        .select(ApiClient::as_select())
        .first(conn)
        .optional()
}

/// Inserts a client.
pub fn insert(
    conn: &mut DbConnection,
    client_id: &str,
    secret_hash: &str,
    agency_id: i64,
    scopes: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(api_clients::table)
        .values((
            api_clients::client_id.eq(client_id),
            api_clients::secret_hash.eq(secret_hash),
            api_clients::agency_id.eq(agency_id),
            api_clients::scopes.eq(scopes),
            api_clients::created_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Revokes a client; returns whether one was found.
pub fn revoke(conn: &mut DbConnection, client_id: &str, now: NaiveDateTime) -> QueryResult<bool> {
    diesel::update(api_clients::table.filter(api_clients::client_id.eq(client_id)))
        .set(api_clients::revoked_at.eq(Some(now)))
        .execute(conn)
        .map(|n| n > 0)
}
