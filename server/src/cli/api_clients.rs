//! `redress create-client --agency SLUG --scopes a,b` and `redress revoke-client ID`.

use crate::auth::api_token::SCOPES;
use crate::config::Settings;
use crate::db::models::{agency, api_client};
use crate::db::DbConnection;
use crate::secrets::Keys;

/// A new client's credentials; the secret exists only here and in the caller's hands.
pub struct NewClientCredentials {
    pub client_id: String,
    pub client_secret: String,
}

/// Creates a client and prints its id and secret, each on its own line.
pub fn create_command(settings: &Settings, agency_slug: &str, scopes: &str) -> anyhow::Result<()> {
    let keys = Keys::derive(&settings.signing_secret()?);
    let mut conn = super::connection(settings)?;
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
    let owner = agency::find_by_slug(conn, agency_slug)?
        .ok_or_else(|| anyhow::anyhow!("--agency: no agency with slug {agency_slug}"))?;
    let scopes: Vec<&str> = scopes
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if scopes.is_empty() {
        anyhow::bail!("--scopes: give at least one of {}", SCOPES.join(", "));
    }
    if let Some(unknown) = scopes.iter().find(|s| !SCOPES.contains(s)) {
        anyhow::bail!(
            "--scopes: {unknown} is not a scope (use {})",
            SCOPES.join(", ")
        );
    }
    let client_id = format!("rc_{}", &crate::secrets::random_token()[..20]);
    let client_secret = crate::secrets::random_token();
    let hash = crate::secrets::keyed_hash(&keys.lookup, &client_secret);
    api_client::insert(
        conn,
        &client_id,
        &hash,
        owner.id,
        &scopes.join(" "),
        chrono::Utc::now().naive_utc(),
    )?;
    Ok(NewClientCredentials {
        client_id,
        client_secret,
    })
}

/// Revokes a client: its tokens stop working at once.
pub fn revoke_command(settings: &Settings, client_id: &str) -> anyhow::Result<()> {
    let mut conn = super::connection(settings)?;
    if api_client::revoke(&mut conn, client_id, chrono::Utc::now().naive_utc())? {
        println!("client {client_id} revoked");
        Ok(())
    } else {
        anyhow::bail!("no client with id {client_id}")
    }
}
