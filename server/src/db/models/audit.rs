//! The append-only, hash-chained audit log: each entry carries the hash of the one before,
//! so an edit or deletion anywhere breaks the chain. Each entry's hash is an HMAC under the
//! audit key (kept outside the database, named by the entry's `key_id`), so whoever can write
//! to the database cannot rewrite an entry and compute the chain again. Entries written before
//! entries were keyed keep their plain SHA-256 hash; they are accepted only as the start of
//! the chain, before the first keyed entry.

use crate::db::schema::audit_log;
use crate::db::DbConnection;
use crate::keys::{KeyId, Keys, Purpose};
use chrono::NaiveDateTime;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// The hash the first entry points back to.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Who did something, as the audit log records it.
#[derive(Debug, Clone)]
pub struct Actor {
    pub kind: &'static str,
    pub id: Option<i64>,
    pub role: Option<String>,
    pub agency_id: Option<i64>,
}

impl Actor {
    /// A staff member: their id, role and agency.
    pub fn staff(user_id: i64, role: &str, agency_id: Option<i64>) -> Actor {
        Actor {
            kind: "staff",
            id: Some(user_id),
            role: Some(role.to_string()),
            agency_id,
        }
    }

    /// An agency's system, by its API client id.
    pub fn api_client(client_id: &str, agency_id: i64) -> Actor {
        Actor {
            kind: "api_client",
            id: None,
            role: Some(client_id.to_string()),
            agency_id: Some(agency_id),
        }
    }

    /// The citizen a decision concerns, proven by the decision's access code.
    pub fn citizen() -> Actor {
        Actor {
            kind: "citizen",
            id: None,
            role: None,
            agency_id: None,
        }
    }

    /// Someone not signed in (a failed sign-in, before anyone is known).
    pub fn anonymous() -> Actor {
        Actor {
            kind: "anonymous",
            id: None,
            role: None,
            agency_id: None,
        }
    }

    /// The portal acting on its own (closing appeals whose escalation window passed).
    pub fn system() -> Actor {
        Actor {
            kind: "system",
            id: None,
            role: None,
            agency_id: None,
        }
    }

    /// A command run by an operator on the server (`redress seed-demo` ...).
    pub fn operator(command: &str) -> Actor {
        Actor {
            kind: "operator",
            id: None,
            role: Some(command.to_string()),
            agency_id: None,
        }
    }

    /// A signed-in staff principal.
    pub fn principal(principal: &app::port::StaffPrincipal) -> Actor {
        Actor::staff(
            principal.user_id,
            principal.role.as_str(),
            principal.agency_id,
        )
    }
}

/// One event to record.
#[derive(Debug, Clone)]
pub struct AuditEvent<'a> {
    pub actor: Actor,
    pub action: &'a str,
    pub subject_kind: &'a str,
    pub subject_id: String,
    pub details: serde_json::Value,
}

/// A stored entry.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    pub id: i64,
    pub occurred_at: NaiveDateTime,
    pub actor_kind: String,
    pub actor_id: Option<i64>,
    pub actor_role: Option<String>,
    pub agency_id: Option<i64>,
    pub action: String,
    pub subject_kind: String,
    pub subject_id: String,
    pub details_json: String,
    pub prev_hash: String,
    pub hash: String,
    /// The audit key of the entry's HMAC; `None` for an entry hashed before entries were keyed.
    pub key_id: Option<String>,
}

/// The plain SHA-256 hash of an entry's content chained to `prev_hash`: how entries were
/// hashed before they were keyed, still checked for those.
pub fn entry_hash(entry: &AuditEntry) -> String {
    let mut hasher = Sha256::new();
    for part in canonical_parts(entry) {
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part.as_bytes());
    }
    hex::encode(hasher.finalize())
}

/// The HMAC-SHA256 under `key` of the previous hash and the entry's content: a keyed entry's
/// hash. A label first keeps it apart from the checkpoints the same key signs.
pub fn keyed_entry_hash(key: &[u8], entry: &AuditEntry) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
    for part in std::iter::once("redress-audit-entry/v1".to_string()).chain(canonical_parts(entry))
    {
        mac.update(&(part.len() as u64).to_be_bytes());
        mac.update(part.as_bytes());
    }
    hex::encode(mac.finalize().into_bytes())
}

/// The entry as hashed: the previous hash, then each field, each to be length-prefixed.
fn canonical_parts(entry: &AuditEntry) -> [String; 10] {
    [
        entry.prev_hash.clone(),
        entry.occurred_at.and_utc().timestamp_micros().to_string(),
        entry.actor_kind.clone(),
        entry.actor_id.map(|v| v.to_string()).unwrap_or_default(),
        entry.actor_role.clone().unwrap_or_default(),
        entry.agency_id.map(|v| v.to_string()).unwrap_or_default(),
        entry.action.clone(),
        entry.subject_kind.clone(),
        entry.subject_id.clone(),
        entry.details_json.clone(),
    ]
}

/// Holds the audit log's append lock until the transaction ends: appenders (and the signer of
/// a checkpoint) take turns across processes on PostgreSQL; SQLite's write lock already does it.
pub fn hold_append_lock(conn: &mut DbConnection) -> QueryResult<()> {
    if let DbConnection::Pg(pg) = conn {
        pg.batch_execute("SELECT pg_advisory_xact_lock(727001)")?;
    }
    Ok(())
}

/// Appends an entry, keyed with the current audit key of the database's keys
/// (`keys::registry`). Call inside a write transaction: the chain needs the latest hash to
/// stay latest, and the key version is read under the same lock, so a rotation is used at once.
pub fn append(
    conn: &mut DbConnection,
    event: AuditEvent<'_>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    hold_append_lock(conn)?;
    let prev_hash: String = audit_log::table
        .select(audit_log::hash)
        .order(audit_log::id.desc())
        .first(conn)
        .optional()?
        .unwrap_or_else(|| GENESIS.to_string());
    let keys = crate::keys::registry::keys_for(conn)?;
    let version = crate::db::models::key_ring::current_version(conn, Purpose::Audit)?;
    let key = keys.key(KeyId::new(Purpose::Audit, version));
    // Microsecond precision is what both backends keep, so the hash verifies after a round trip.
    let occurred_at = chrono::DateTime::from_timestamp_micros(now.and_utc().timestamp_micros())
        .map(|t| t.naive_utc())
        .unwrap_or(now);
    let mut entry = AuditEntry {
        id: 0,
        occurred_at,
        actor_kind: event.actor.kind.to_string(),
        actor_id: event.actor.id,
        actor_role: event.actor.role,
        agency_id: event.actor.agency_id,
        action: event.action.to_string(),
        subject_kind: event.subject_kind.to_string(),
        subject_id: event.subject_id,
        details_json: event.details.to_string(),
        prev_hash,
        hash: String::new(),
        key_id: Some(key.id.to_string()),
    };
    entry.hash = keyed_entry_hash(key.secret(), &entry);
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::occurred_at.eq(entry.occurred_at),
            audit_log::actor_kind.eq(&entry.actor_kind),
            audit_log::actor_id.eq(entry.actor_id),
            audit_log::actor_role.eq(&entry.actor_role),
            audit_log::agency_id.eq(entry.agency_id),
            audit_log::action.eq(&entry.action),
            audit_log::subject_kind.eq(&entry.subject_kind),
            audit_log::subject_id.eq(&entry.subject_id),
            audit_log::details_json.eq(&entry.details_json),
            audit_log::prev_hash.eq(&entry.prev_hash),
            audit_log::hash.eq(&entry.hash),
            audit_log::key_id.eq(&entry.key_id),
        ))
        .execute(conn)
        .map(|_| ())
}

/// What walking the chain found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChainReport {
    /// How many entries there are.
    pub entries: usize,
    /// How many of them, at the start, were hashed before entries were keyed.
    pub unkeyed: usize,
    /// The first entry that does not verify, if any.
    pub first_broken: Option<i64>,
}

/// Walks the chain from the start with the database's keys (`keys::registry`).
pub fn verify_chain(conn: &mut DbConnection) -> QueryResult<ChainReport> {
    let keys = crate::keys::registry::keys_for(conn)?;
    let current = crate::db::models::key_ring::current_version(conn, Purpose::Audit)?;
    let entries = audit_log::table
        .select(AuditEntry::as_select())
        .order(audit_log::id.asc())
        .load(conn)?;
    let mut report = ChainReport {
        entries: entries.len(),
        ..ChainReport::default()
    };
    let mut expected_prev = GENESIS.to_string();
    let mut seen_keyed = false;
    for entry in entries {
        let holds = entry.prev_hash == expected_prev
            && match &entry.key_id {
                // Unkeyed entries only before the first keyed one: after it, an unkeyed
                // entry is one rewritten by someone without the key.
                None => !seen_keyed && entry_hash(&entry) == entry.hash,
                Some(id) => keyed_entry_holds(&keys, current, id, &entry),
            };
        if !holds {
            report.first_broken = Some(entry.id);
            return Ok(report);
        }
        match entry.key_id {
            None => report.unkeyed += 1,
            Some(_) => seen_keyed = true,
        }
        expected_prev = entry.hash;
    }
    Ok(report)
}

/// Walks the chain from the start; returns the id of the first entry that does not verify.
pub fn first_broken_entry(conn: &mut DbConnection) -> QueryResult<Option<i64>> {
    Ok(verify_chain(conn)?.first_broken)
}

fn keyed_entry_holds(keys: &Keys, current: u32, id: &str, entry: &AuditEntry) -> bool {
    use subtle::ConstantTimeEq;
    let Some(id) =
        KeyId::parse(id).filter(|id| id.purpose == Purpose::Audit && id.version <= current)
    else {
        return false;
    };
    let expected = keyed_entry_hash(keys.key(id).secret(), entry);
    expected.len() == entry.hash.len()
        && bool::from(expected.as_bytes().ct_eq(entry.hash.as_bytes()))
}

/// A staff member's view of a citizen's case, from the audit log.
#[derive(Debug, Clone)]
pub struct StaffView {
    pub subject_id: String,
    pub occurred_at: NaiveDateTime,
    pub role: Option<String>,
    pub agency_slug: Option<String>,
}

/// The staff views of the decisions and appeals `subjects` (references), newest first.
pub fn staff_views_of(conn: &mut DbConnection, subjects: &[String]) -> QueryResult<Vec<StaffView>> {
    use crate::db::schema::agencies;
    let rows: Vec<(String, NaiveDateTime, Option<String>, Option<String>)> = audit_log::table
        .left_join(agencies::table.on(audit_log::agency_id.eq(agencies::id.nullable())))
        .filter(audit_log::subject_kind.eq_any(["decision", "appeal"]))
        .filter(audit_log::subject_id.eq_any(subjects))
        .filter(audit_log::action.eq_any([
            "decision.viewed_by_staff",
            "appeal.viewed_by_staff",
            "appeal.evidence_viewed_by_staff",
        ]))
        .order(audit_log::id.desc())
        .select((
            audit_log::subject_id,
            audit_log::occurred_at,
            audit_log::actor_role,
            agencies::slug.nullable(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(subject_id, occurred_at, role, agency_slug)| StaffView {
            subject_id,
            occurred_at,
            role,
            agency_slug,
        })
        .collect())
}
