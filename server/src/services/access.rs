//! A citizen's access to a decision with the code from its letter, and the agency's reissue of
//! a lost code. Wrong codes are counted per address and per reference (rate limits held in the
//! database, so they hold across server processes).

use super::error::ServiceError;
use crate::config::RateLimitSettings;
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::models::{decision, rate_limit};
use crate::db::{write_transaction, DbConnection};
use crate::domain::reference::{AccessCode, DecisionReference};
use crate::secrets::{keyed_hash, keyed_hash_matches, Keys};
use chrono::{DateTime, Utc};

const BUCKET_IP: &str = "find_ip";
const BUCKET_REFERENCE: &str = "find_reference";

/// What an attempt to open a decision with its code found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opening {
    /// The pair matches: the citizen may read the decision.
    Opened,
    /// No such pair. Which half was wrong is never said.
    Mismatch,
    /// Too many wrong pairs lately from this address or for this reference.
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
    if rate_limit::count_since(conn, BUCKET_IP, address, since)? >= limits.find_per_ip
        || rate_limit::count_since(conn, BUCKET_REFERENCE, reference.as_str(), since)?
            >= limits.find_per_reference
    {
        tracing::warn!(%address, "find-my-decision rate limit reached");
        return Ok(Opening::RateLimited);
    }
    let found = decision::find_by_reference(conn, reference.as_str())?;
    if found
        .as_ref()
        .is_some_and(|d| keyed_hash_matches(&keys.lookup, code.as_str(), &d.access_code_hash))
    {
        return Ok(Opening::Opened);
    }
    write_transaction(conn, |conn| -> Result<(), ServiceError> {
        rate_limit::record(conn, BUCKET_IP, address, now)?;
        rate_limit::record(conn, BUCKET_REFERENCE, reference.as_str(), now)?;
        Ok(())
    })?;
    Ok(Opening::Mismatch)
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
    let hash = keyed_hash(&keys.lookup, code.as_str());
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
