//! Citizens signing in by email: asking for a single-use link (rate-limited per address and
//! per client, and answering alike whether or not the address is known), using it, confirming
//! the address given on a challenge, and signing out (docs/notifications.md).

use super::accounts::normalise_email;
use super::appeals::filing::plausible_email;
use super::error::ServiceError;
use super::notifications::links::{self, Purpose};
use crate::auth::receipt::sha256_hex;
use crate::config::RateLimitSettings;
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::models::{appeal, decision, email_link, rate_limit, revoked_session};
use crate::db::{write_transaction, DbConnection};
use crate::domain::validator::Problem;
use crate::mail::outgoing::{enqueue, Outgoing};
use app::i18n::Locale;
use app::types::{MailFacts, MessageKind};
use chrono::{DateTime, Duration, NaiveDateTime, Utc};

const BUCKET_EMAIL: &str = "citizen_link_email";
const BUCKET_IP: &str = "citizen_link_ip";

/// What asking for a link came to. The page says the same for `Sent` whether or not a message
/// went out: only the outbox knows.
#[derive(Debug, PartialEq, Eq)]
pub enum LinkRequest {
    Sent,
    RateLimited,
}

/// Asks for a sign-in link to `email_typed` from `client_ip`, in `language`.
pub fn request_link(
    conn: &mut DbConnection,
    limits: &RateLimitSettings,
    email_typed: &str,
    client_ip: &str,
    language: Locale,
    now: DateTime<Utc>,
) -> Result<LinkRequest, ServiceError> {
    let email = normalise_email(email_typed);
    if email.is_empty() {
        return Err(invalid("email", "is required"));
    }
    if !plausible_email(&email) {
        return Err(invalid("email", "must be an email address"));
    }
    let now = now.naive_utc();
    let since = now - Duration::minutes(limits.window_minutes);
    write_transaction(conn, |conn| -> Result<LinkRequest, ServiceError> {
        if rate_limit::count_since(conn, BUCKET_EMAIL, &email, since)? >= limits.links_per_email
            || rate_limit::count_since(conn, BUCKET_IP, client_ip, since)? >= limits.links_per_ip
        {
            tracing::warn!(%client_ip, "sign-in link rate limit reached");
            return Ok(LinkRequest::RateLimited);
        }
        rate_limit::record(conn, BUCKET_EMAIL, &email, now)?;
        rate_limit::record(conn, BUCKET_IP, client_ip, now)?;
        if decision::subject_email_known(conn, &email)? || appeal::contact_known(conn, &email)? {
            let link = links::issue(conn, Purpose::SignIn, &email, now)?;
            enqueue(
                conn,
                &Outgoing {
                    kind: MessageKind::SignInLink,
                    recipient: email.clone(),
                    language,
                    facts: MailFacts {
                        link,
                        valid_minutes: Some(Purpose::SignIn.lifetime_minutes()),
                        ..MailFacts::default()
                    },
                    dedup_key: None,
                },
                now,
            )?;
        }
        Ok(LinkRequest::Sent)
    })
}

/// Uses a sign-in link: the address it was sent to, now confirmed, or `None` when the link is
/// unknown, expired or used.
pub fn use_sign_in_link(
    conn: &mut DbConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, ServiceError> {
    use_link(conn, Purpose::SignIn, token, now, "citizen.signed_in")
}

/// Uses an address confirmation link: the address, now confirmed, or `None`.
pub fn confirm_address(
    conn: &mut DbConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, ServiceError> {
    use_link(
        conn,
        Purpose::Confirm,
        token,
        now,
        "citizen.address_confirmed",
    )
}

fn use_link(
    conn: &mut DbConnection,
    purpose: Purpose,
    token: &str,
    now: DateTime<Utc>,
    action: &'static str,
) -> Result<Option<String>, ServiceError> {
    let now = now.naive_utc();
    write_transaction(conn, |conn| -> Result<Option<String>, ServiceError> {
        let Some(email) = links::use_once(conn, purpose, token, now)? else {
            return Ok(None);
        };
        email_link::confirm(conn, &email, now)?;
        audit::append(
            conn,
            AuditEvent {
                actor: Actor::citizen(),
                action,
                // The audit log is kept longer than personal data: the address's hash only.
                subject_kind: "email",
                subject_id: sha256_hex(email.as_bytes()),
                details: serde_json::json!({}),
            },
            now,
        )?;
        Ok(Some(email))
    })
}

/// Ends the email session `session_id`, which would have expired at `expires_at`.
pub fn sign_out(
    conn: &mut DbConnection,
    session_id: &str,
    expires_at: NaiveDateTime,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    revoked_session::revoke(conn, session_id, now.naive_utc(), expires_at)?;
    Ok(())
}

fn invalid(field: &str, reason: &str) -> ServiceError {
    ServiceError::Invalid(vec![Problem {
        index: None,
        field: field.to_string(),
        reason: reason.to_string(),
    }])
}
