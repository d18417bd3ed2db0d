//! API clients of an agency, as operators create and revoke them. A client's secret is shown
//! once and stored only as a keyed hash.

use super::error::{problem, ServiceError};
use crate::auth::api_token::SCOPES;
use crate::db::models::{agency, api_client};
use crate::db::DbConnection;
use crate::keys::{stored_hash, Keys, Purpose};
use crate::secrets::random_token;
use chrono::{DateTime, Utc};

/// A new client's credentials; the secret exists only here and in the caller's hands.
pub struct NewClientCredentials {
    pub client_id: String,
    pub client_secret: String,
}

/// Creates a client of `agency_slug` allowed the comma-separated `scopes`. `Invalid` names an
/// unknown agency, no scope at all, or a scope that does not exist.
pub fn create(
    conn: &mut DbConnection,
    keys: &Keys,
    agency_slug: &str,
    scopes: &str,
    now: DateTime<Utc>,
) -> Result<NewClientCredentials, ServiceError> {
    let mut problems = Vec::new();
    let owner = agency::find_by_slug(conn, agency_slug)?;
    if owner.is_none() {
        problems.push(problem("agency", format!("{agency_slug} is not an agency")));
    }
    let scopes: Vec<&str> = scopes
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if scopes.is_empty() {
        problems.push(problem(
            "scopes",
            format!("must name at least one of {}", SCOPES.join(", ")),
        ));
    }
    if let Some(unknown) = scopes.iter().find(|s| !SCOPES.contains(s)) {
        problems.push(problem(
            "scopes",
            format!("{unknown} is not a scope (use {})", SCOPES.join(", ")),
        ));
    }
    let Some(owner) = owner.filter(|_| problems.is_empty()) else {
        return Err(ServiceError::Invalid(problems));
    };
    let client_id = format!("rc_{}", &random_token()[..20]);
    let client_secret = random_token();
    let hash = stored_hash::hash(keys, Purpose::ClientSecret, &client_secret);
    api_client::insert(
        conn,
        &client_id,
        &hash,
        owner.id,
        &scopes.join(" "),
        now.naive_utc(),
    )?;
    Ok(NewClientCredentials {
        client_id,
        client_secret,
    })
}

/// Revokes a client: its tokens stop working at once. `NotFound` for an unknown id.
pub fn revoke(
    conn: &mut DbConnection,
    client_id: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    if api_client::revoke(conn, client_id, now.naive_utc())? {
        Ok(())
    } else {
        Err(ServiceError::NotFound)
    }
}
