//! Staff sessions: signing in (a rate limit counted in the database, and argon2id verification
//! that takes the same time whether or not the account exists) and signing out (the session is
//! revoked on the server, not just its cookie). Both are audited.

use super::accounts::normalise_email;
use super::error::ServiceError;
use crate::auth::password;
use crate::auth::session_token::{SessionClaims, SessionTokens};
use crate::config::RateLimitSettings;
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::models::{rate_limit, revoked_session, user};
use crate::db::{write_transaction, DbConnection};
use app::port::StaffPrincipal;
use chrono::{DateTime, Duration, Utc};

/// The kind of guess the rate limits count (`domain::attempts`).
const GUESS: &str = "staff_signin";

/// What a sign-in attempt came to.
#[derive(Debug)]
pub enum SignInOutcome {
    /// Signed in: the cookie's token and what it says.
    SignedIn {
        token: String,
        claims: SessionClaims,
    },
    /// Wrong email or password, or a disabled account (never saying which).
    Refused,
    /// Too many failures lately from this address, or on this email from it.
    RateLimited,
}

/// A sign-in as typed, from where, in which language (the staff member's messages are then
/// written in it).
#[derive(Debug, Clone, Copy)]
pub struct SignInAttempt<'a> {
    pub email: &'a str,
    pub password: &'a str,
    pub client_ip: &'a str,
    pub language: app::i18n::Locale,
}

/// Attempts a sign-in at `now`.
pub fn sign_in(
    conn: &mut DbConnection,
    tokens: &SessionTokens,
    limits: &RateLimitSettings,
    attempt: SignInAttempt<'_>,
    now: DateTime<Utc>,
) -> Result<SignInOutcome, ServiceError> {
    let SignInAttempt {
        email,
        password: password_typed,
        client_ip,
        language,
    } = attempt;
    let timestamp = now.timestamp();
    let now = now.naive_utc();
    let email = normalise_email(email);
    let since = now - Duration::minutes(limits.window_minutes);
    let failures = rate_limit::failures(conn, GUESS, &email, client_ip, since)?;
    if !crate::domain::attempts::may_attempt(failures, limits.signin()) {
        tracing::warn!(%client_ip, ?failures, "staff sign-in rate limit reached");
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
            write_transaction(conn, |conn| -> Result<(), ServiceError> {
                rate_limit::record_failure(conn, GUESS, &email, client_ip, now)?;
                audit::append(
                    conn,
                    AuditEvent {
                        actor: Actor::anonymous(),
                        action: "staff.sign_in_failed",
                        subject_kind: "user",
                        // The typed address of an account that does not exist is not kept.
                        subject_id: account
                            .as_ref()
                            .map_or_else(|| "unknown".to_string(), |a| a.id.to_string()),
                        details: serde_json::json!({ "ip": client_ip }),
                    },
                    now,
                )?;
                Ok(())
            })?;
            return Ok(SignInOutcome::Refused);
        }
    };
    let session_id = crate::secrets::random_token();
    let (token, claims) = tokens.issue(account.id, &session_id, timestamp, timestamp)?;
    write_transaction(conn, |conn| {
        user::set_language(conn, account.id, language.code())?;
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

/// Ends `principal`'s session at `now`: its token is refused from then on, until it would have
/// expired anyway (`lifetime_secs` later), when the revocation can be forgotten.
pub fn sign_out(
    conn: &mut DbConnection,
    principal: &StaffPrincipal,
    lifetime_secs: i64,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let now = now.naive_utc();
    write_transaction(conn, |conn| -> Result<(), ServiceError> {
        revoked_session::revoke(
            conn,
            &principal.session_id,
            now,
            now + Duration::seconds(lifetime_secs),
        )?;
        audit::append(
            conn,
            AuditEvent {
                actor: Actor::principal(principal),
                action: "staff.signed_out",
                subject_kind: "user",
                subject_id: principal.user_id.to_string(),
                details: serde_json::json!({}),
            },
            now,
        )?;
        Ok(())
    })
}
