//! Staff sign-in: a rate limit counted in the database, argon2id verification that takes
//! the same time whether or not the account exists, and a new session on success.

use crate::auth::password;
use crate::auth::session_token::{SessionClaims, SessionTokens};
use crate::config::RateLimitSettings;
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::models::{rate_limit, user};
use crate::db::{write_transaction, DbConnection};
use chrono::{Duration, NaiveDateTime};

const BUCKET_EMAIL: &str = "staff_signin_email";
const BUCKET_IP: &str = "staff_signin_ip";

/// What a sign-in attempt came to.
#[derive(Debug)]
pub enum SignInOutcome {
    /// Signed in: the cookie's token and what it says.
    SignedIn {
        token: String,
        claims: SessionClaims,
    },
    /// Wrong email or password (never saying which).
    Refused,
    /// Too many failures lately for this email or address.
    RateLimited,
}

/// Normalises an email address for lookup: trimmed, lower-case.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Attempts a sign-in from `client_ip` at `now`.
pub fn sign_in(
    conn: &mut DbConnection,
    tokens: &SessionTokens,
    limits: &RateLimitSettings,
    email: &str,
    password_typed: &str,
    client_ip: &str,
    now: NaiveDateTime,
) -> anyhow::Result<SignInOutcome> {
    let email = normalise_email(email);
    let since = now - Duration::minutes(limits.window_minutes);
    if rate_limit::count_since(conn, BUCKET_EMAIL, &email, since)? >= limits.signin_per_email
        || rate_limit::count_since(conn, BUCKET_IP, client_ip, since)? >= limits.signin_per_ip
    {
        tracing::warn!(%client_ip, "staff sign-in rate limit reached");
        return Ok(SignInOutcome::RateLimited);
    }
    let account = user::find_by_email(conn, &email)?;
    let stored_hash = account
        .as_ref()
        .map(|a| a.password_hash.as_str())
        .unwrap_or_else(|| password::decoy_hash());
    let password_ok = password::verify(password_typed, stored_hash);
    let account = match account {
        Some(a) if password_ok && a.active => a,
        _ => {
            write_transaction(conn, |conn| -> anyhow::Result<()> {
                rate_limit::record(conn, BUCKET_EMAIL, &email, now)?;
                rate_limit::record(conn, BUCKET_IP, client_ip, now)?;
                Ok(())
            })?;
            return Ok(SignInOutcome::Refused);
        }
    };
    let session_id = crate::secrets::random_token();
    let timestamp = now.and_utc().timestamp();
    let (token, claims) = tokens.issue(account.id, &session_id, timestamp, timestamp)?;
    write_transaction(conn, |conn| {
        audit::append(
            conn,
            AuditEvent {
                actor: Actor::staff(account.id, &account.role, account.agency_id),
                action: "staff.signed_in",
                subject_kind: "user",
                subject_id: account.id.to_string(),
                details: serde_json::json!({ "ip": client_ip }),
            },
            now,
        )
    })?;
    Ok(SignInOutcome::SignedIn { token, claims })
}
