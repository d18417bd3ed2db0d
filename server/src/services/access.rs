//! A citizen's access to a decision with the code from its letter, and the agency's reissue of
//! a lost code. Wrong codes are counted per address and per reference (rate limits held in the
//! database, so they hold across server processes).

use super::error::ServiceError;
use crate::config::RateLimitSettings;
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::models::{decision, rate_limit};
use crate::db::{write_transaction, DbConnection};
use crate::domain::reference::{AccessCode, DecisionReference};
use crate::keys::{stored_hash, Keys, Purpose};
use chrono::{DateTime, Utc};

/// The kind of guess the rate limits count (`domain::attempts`).
const GUESS: &str = "find";

/// What an attempt to open a decision with its code found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opening {
    /// The pair matches: the citizen may read the decision, while its code is of this
    /// generation.
    Opened { generation: String },
    /// No such pair. Which half was wrong is never said.
    Mismatch,
    /// Too many wrong pairs lately from this address, or for this reference from it.
    RateLimited,
}

/// Checks `code` for `reference`, from `address`, at `now`.
pub fn open_with_code(
    conn: &mut DbConnection,
    keys: &Keys,
    limits: &RateLimitSettings,
    reference: &DecisionReference,
    code: &AccessCode,
    address: &str,
    now: DateTime<Utc>,
) -> Result<Opening, ServiceError> {
    let now = now.naive_utc();
    let since = now - chrono::Duration::minutes(limits.window_minutes);
    let failures = rate_limit::failures(conn, GUESS, reference.as_str(), address, since)?;
    if !crate::domain::attempts::may_attempt(failures, limits.find()) {
        tracing::warn!(%address, "find-my-decision rate limit reached");
        return Ok(Opening::RateLimited);
    }
    // The examples the form's hints show are never issued; refused before any look-up, so a
    // citizen who copies them learns only that the pair is wrong.
    let found = if reference.is_example() || code.is_example() {
        None
    } else {
        decision::find_by_reference(conn, reference.as_str())?
    };
    if let Some(found) = found.as_ref().filter(|d| {
        stored_hash::matches(
            keys,
            Purpose::AccessCode,
            code.as_str(),
            &d.access_code_hash,
        )
    }) {
        return Ok(Opening::Opened {
            generation: generation_of(&found.access_code_hash),
        });
    }
    write_transaction(conn, |conn| -> Result<(), ServiceError> {
        rate_limit::record_failure(conn, GUESS, reference.as_str(), address, now)?;
        Ok(())
    })?;
    Ok(Opening::Mismatch)
}

/// The generation of a decision's access code: a short digest of its stored hash, which a
/// reissue replaces. Citizen tokens carry it, so a reissued code ends every older access
/// (docs/security.md); it says nothing of the code itself.
fn generation_of(access_code_hash: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("access-code-generation:{access_code_hash}"));
    hex::encode(&digest[..8])
}

/// The current access code generation of `reference`, or `None` when there is no such
/// decision.
pub fn code_generation(
    conn: &mut DbConnection,
    reference: &str,
) -> Result<Option<String>, ServiceError> {
    Ok(decision::find_by_reference(conn, reference)?.map(|d| generation_of(&d.access_code_hash)))
}

/// Issues a new access code for one of `agency_id`'s decisions; the old one stops working.
/// `NotFound` for a reference the agency does not own.
pub fn reissue_code(
    conn: &mut DbConnection,
    keys: &Keys,
    agency_id: i64,
    actor: Actor,
    reference: &DecisionReference,
    now: DateTime<Utc>,
) -> Result<AccessCode, ServiceError> {
    let code = AccessCode::generate();
    let hash = stored_hash::hash(keys, Purpose::AccessCode, code.as_str());
    write_transaction(conn, |conn| {
        let stored = decision::find_owned(conn, agency_id, reference.as_str())?
            .ok_or(ServiceError::NotFound)?;
        decision::set_access_code_hash(conn, stored.id, &hash)?;
        audit::append(
            conn,
            AuditEvent {
                actor,
                action: "decision.access_code_reissued",
                subject_kind: "decision",
                subject_id: stored.reference,
                details: serde_json::json!({}),
            },
            now.naive_utc(),
        )?;
        Ok(code)
    })
}
