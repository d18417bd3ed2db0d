//! Rotating one purpose's key (`redress rotate-key`, docs/security.md "Keys"): the next
//! version becomes current, and the one it replaces keeps verifying for as long as what it
//! made may still be presented — a token kind's longest lifetime, or for good for stored
//! values that name their key. No other purpose's ring rows, and no stored data, change.

use crate::config::SessionSettings;
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::models::key_ring;
use crate::db::{write_transaction, DbConnection};
use crate::keys::{KeyId, Keys, Purpose, Rotation};
use crate::services::error::problem;
use crate::services::ServiceError;
use chrono::{DateTime, NaiveDateTime, Utc};

/// What a rotation did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rotated {
    /// The key now current.
    pub new_key: KeyId,
    /// The key it replaced.
    pub old_key: KeyId,
    /// How long the replaced key still verifies.
    pub old_key_verifies: OldKeyVerifies,
}

/// How long a replaced key still verifies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OldKeyVerifies {
    /// Until then, when the last token it signed has expired.
    Until(NaiveDateTime),
    /// For as long as the values it keyed are stored.
    WhileItsValuesAreStored,
    /// No longer: what it made was never stored.
    NoLonger,
}

/// Makes the next version of `purpose`'s key current, audited as `actor`, and reloads `keys`.
/// Refused (invalid) for a purpose that cannot rotate yet.
pub fn rotate(
    conn: &mut DbConnection,
    keys: &Keys,
    sessions: &SessionSettings,
    purpose: Purpose,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<Rotated, ServiceError> {
    let now = now.naive_utc();
    let (old_key_verifies, verifies_until) = match purpose.rotation() {
        Rotation::Refused(reason) => {
            return Err(ServiceError::Invalid(vec![problem(
                "purpose",
                format!("{purpose} cannot be rotated: {reason}"),
            )]))
        }
        Rotation::Tokens => {
            let until = now + token_window(purpose, sessions);
            (OldKeyVerifies::Until(until), Some(until))
        }
        Rotation::StoredValues => (OldKeyVerifies::WhileItsValuesAreStored, None),
        Rotation::Immediate => (OldKeyVerifies::NoLonger, Some(now)),
    };
    let rotated = write_transaction(conn, |conn| -> Result<Rotated, ServiceError> {
        crate::db::take_turns_on(conn, "key ring")?;
        let old = key_ring::current_version(conn, purpose)?;
        let new = old + 1;
        key_ring::record(conn, purpose, old, now, verifies_until)?;
        key_ring::record(conn, purpose, new, now, None)?;
        let rotated = Rotated {
            new_key: KeyId::new(purpose, new),
            old_key: KeyId::new(purpose, old),
            old_key_verifies: old_key_verifies.clone(),
        };
        audit::append(
            conn,
            AuditEvent {
                actor,
                action: "key.rotated",
                subject_kind: "key",
                subject_id: purpose.name().to_string(),
                details: serde_json::json!({
                    "old_key": rotated.old_key.to_string(),
                    "new_key": rotated.new_key.to_string(),
                    "old_key_verifies_until": verifies_until.map(|t| t.and_utc().to_rfc3339()),
                }),
            },
            now,
        )?;
        Ok(rotated)
    })?;
    keys.reload(conn)?;
    Ok(rotated)
}

/// The longest a token signed with a `purpose` key lives.
fn token_window(purpose: Purpose, sessions: &SessionSettings) -> chrono::Duration {
    let seconds = match purpose {
        // The absolute lifetime: however active, no session token lives longer.
        Purpose::Session => sessions.lifetime_minutes * 60,
        Purpose::Api => crate::auth::api_token::LIFETIME_SECS,
        Purpose::Citizen => crate::auth::citizen_token::LIFETIME_SECS
            .max(crate::auth::citizen_session::LIFETIME_SECS),
        _ => 0,
    };
    chrono::Duration::seconds(seconds)
}
