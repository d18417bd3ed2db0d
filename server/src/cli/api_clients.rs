//! `redress create-client --agency SLUG --scopes a,b` and `redress revoke-client ID`.

use crate::config::Settings;
use crate::db::DbConnection;
use crate::secrets::Keys;
use crate::services::api_clients::{self, NewClientCredentials};
use crate::services::ServiceError;

/// Creates a client and prints its id and secret, each on its own line.
pub fn create_command(settings: &Settings, agency_slug: &str, scopes: &str) -> anyhow::Result<()> {
    let (mut conn, keys) = super::open(settings)?;
    let created = create(&mut conn, &keys, agency_slug, scopes)?;
    println!("client_id={}", created.client_id);
    println!("client_secret={}", created.client_secret);
    eprintln!("The secret is shown once and stored only as a keyed hash: keep it now.");
    Ok(())
}

/// Creates a client of `agency_slug` with the comma-separated `scopes`.
pub fn create(
    conn: &mut DbConnection,
    keys: &Keys,
    agency_slug: &str,
    scopes: &str,
) -> anyhow::Result<NewClientCredentials> {
    api_clients::create(conn, keys, agency_slug, scopes, chrono::Utc::now()).map_err(super::refusal)
}

/// Revokes a client: its tokens stop working at once.
pub fn revoke_command(settings: &Settings, client_id: &str) -> anyhow::Result<()> {
    let mut conn = super::connection(settings)?;
    match api_clients::revoke(&mut conn, client_id, chrono::Utc::now()) {
        Ok(()) => {
            println!("client {client_id} revoked");
            Ok(())
        }
        Err(ServiceError::NotFound) => anyhow::bail!("no client with id {client_id}"),
        Err(error) => Err(super::refusal(error)),
    }
}
