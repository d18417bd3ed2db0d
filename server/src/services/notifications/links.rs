//! Single-use links: a random token goes into the message, its SHA-256 into the database.

use crate::auth::receipt::sha256_hex;
use crate::db::models::email_link;
use crate::db::DbConnection;
use chrono::{Duration, NaiveDateTime};
use diesel::QueryResult;

/// What a link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Opens a session showing the address's decisions and appeals (and confirms the address).
    SignIn,
    /// Confirms the address given on a challenge, so messages about it may be sent there.
    Confirm,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::SignIn => "sign_in",
            Purpose::Confirm => "confirm",
        }
    }

    /// How long a link stays valid: a quarter of an hour to sign in; a day to confirm an
    /// address, since the citizen may read the message well after filing (the link confirms
    /// and opens nothing else).
    pub fn lifetime_minutes(self) -> i64 {
        match self {
            Purpose::SignIn => 15,
            Purpose::Confirm => 24 * 60,
        }
    }

    /// The page the link opens.
    pub fn path(self) -> &'static str {
        match self {
            Purpose::SignIn => "/signin/link",
            Purpose::Confirm => "/confirm",
        }
    }
}

/// Stores a new link for `email` and returns its path with the token.
pub fn issue(
    conn: &mut DbConnection,
    purpose: Purpose,
    email: &str,
    now: NaiveDateTime,
) -> QueryResult<String> {
    let token = crate::secrets::random_token();
    email_link::insert(
        conn,
        &sha256_hex(token.as_bytes()),
        purpose.as_str(),
        email,
        now,
        now + Duration::minutes(purpose.lifetime_minutes()),
    )?;
    Ok(format!("{}?token={token}", purpose.path()))
}

/// The address of the link `token` opens, using it up; `None` when it is unknown, expired,
/// used, or for another purpose.
pub fn use_once(
    conn: &mut DbConnection,
    purpose: Purpose,
    token: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<String>> {
    let token = token.trim();
    if token.is_empty() || token.len() > 200 {
        return Ok(None);
    }
    email_link::use_once(conn, &sha256_hex(token.as_bytes()), purpose.as_str(), now)
}
