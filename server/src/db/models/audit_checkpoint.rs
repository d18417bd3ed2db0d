//! Signed checkpoints of the audit chain (docs/security.md). The chain's hashes show an edit in
//! the middle of the log, but whoever can write to the database could remove its newest
//! entries, or rewrite every entry and compute the hashes again. A checkpoint records the
//! chain's head (the last entry's id and hash, and how many entries there were) signed with an
//! HMAC under the audit key, which is derived from the master secret and never stored in the
//! database (the checkpoint names its version, `audit.2`); `redress audit-verify` checks every checkpoint against the log, and an operator
//! can keep the exported line (`redress audit-checkpoint`) somewhere else entirely.

use super::audit::GENESIS;
use crate::db::schema::{audit_checkpoints, audit_log};
use crate::db::DbConnection;
use crate::keys::{KeyId, Keys, Purpose};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// A stored checkpoint.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = audit_checkpoints)]
pub struct Checkpoint {
    pub id: i64,
    pub last_entry_id: i64,
    pub last_hash: String,
    pub entries: i64,
    pub made_at: NaiveDateTime,
    pub key_id: String,
    pub signature: String,
}

/// The head of the chain a checkpoint signs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub last_entry_id: i64,
    pub last_hash: String,
    pub entries: i64,
}

/// How checkpoints signed before keys had versions name their key: the first 8 bytes of its
/// SHA-256 (public, and says nothing of the key).
pub fn legacy_key_id(key: &[u8]) -> String {
    hex::encode(&Sha256::digest(key)[..8])
}

/// The signature of `head` made at `made_at` under `key`.
pub fn signature(key: &[u8], head: &Head, made_at: NaiveDateTime) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
    for part in [
        "redress-audit-checkpoint/v1".to_string(),
        head.last_entry_id.to_string(),
        head.last_hash.clone(),
        head.entries.to_string(),
        made_at.and_utc().timestamp_micros().to_string(),
    ] {
        mac.update(&(part.len() as u64).to_be_bytes());
        mac.update(part.as_bytes());
    }
    hex::encode(mac.finalize().into_bytes())
}

/// The chain's head now. The count is of the entries up to the last one read, so an entry
/// appended between the two reads cannot make the head disagree with itself.
pub fn head(conn: &mut DbConnection) -> QueryResult<Head> {
    let last: Option<(i64, String)> = audit_log::table
        .select((audit_log::id, audit_log::hash))
        .order(audit_log::id.desc())
        .first(conn)
        .optional()?;
    let (last_entry_id, last_hash) = last.unwrap_or((0, GENESIS.to_string()));
    let entries: i64 = audit_log::table
        .filter(audit_log::id.le(last_entry_id))
        .count()
        .get_result(conn)?;
    Ok(Head {
        last_entry_id,
        last_hash,
        entries,
    })
}

/// Signs and stores the chain's head at `now`, unless the latest checkpoint already signs it
/// (`force` signs it again, for an operator who wants a fresh line). Returns the checkpoint.
pub fn write(
    conn: &mut DbConnection,
    keys: &Keys,
    now: NaiveDateTime,
    force: bool,
) -> QueryResult<Option<Checkpoint>> {
    crate::db::write_transaction(conn, |conn| {
        super::audit::hold_append_lock(conn)?;
        let version = super::key_ring::current_version(conn, Purpose::Audit)?;
        let key = keys.key(KeyId::new(Purpose::Audit, version));
        let head = head(conn)?;
        let newest = latest(conn)?;
        if !force
            && newest
                .as_ref()
                .is_some_and(|c| c.last_entry_id == head.last_entry_id)
        {
            return Ok(None);
        }
        // Microseconds, which both backends keep, so the signature verifies after a round trip.
        let made_at = chrono::DateTime::from_timestamp_micros(now.and_utc().timestamp_micros())
            .map(|t| t.naive_utc())
            .unwrap_or(now);
        diesel::insert_into(audit_checkpoints::table)
            .values((
                audit_checkpoints::last_entry_id.eq(head.last_entry_id),
                audit_checkpoints::last_hash.eq(&head.last_hash),
                audit_checkpoints::entries.eq(head.entries),
                audit_checkpoints::made_at.eq(made_at),
                audit_checkpoints::key_id.eq(key.id.to_string()),
                audit_checkpoints::signature.eq(signature(key.secret(), &head, made_at)),
            ))
            .execute(conn)?;
        latest(conn)
    })
}

/// The newest checkpoint.
pub fn latest(conn: &mut DbConnection) -> QueryResult<Option<Checkpoint>> {
    audit_checkpoints::table
        .select(Checkpoint::as_select())
        .order(audit_checkpoints::id.desc())
        .first(conn)
        .optional()
}

/// Every checkpoint, oldest first.
pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<Checkpoint>> {
    audit_checkpoints::table
        .select(Checkpoint::as_select())
        .order(audit_checkpoints::id.asc())
        .load(conn)
}

/// A checkpoint as one line an operator can keep elsewhere and give back to `audit-verify`.
pub fn export_line(checkpoint: &Checkpoint) -> String {
    format!(
        "redress-audit-checkpoint v1 entry={} hash={} entries={} at={} key={} signature={}",
        checkpoint.last_entry_id,
        checkpoint.last_hash,
        checkpoint.entries,
        checkpoint.made_at.and_utc().timestamp_micros(),
        checkpoint.key_id,
        checkpoint.signature
    )
}

/// Reads a line written by [`export_line`].
pub fn parse_line(line: &str) -> Option<Checkpoint> {
    let mut words = line.split_whitespace();
    if (words.next(), words.next()) != (Some("redress-audit-checkpoint"), Some("v1")) {
        return None;
    }
    let fields: std::collections::HashMap<&str, &str> =
        words.filter_map(|w| w.split_once('=')).collect();
    Some(Checkpoint {
        id: 0,
        last_entry_id: fields.get("entry")?.parse().ok()?,
        last_hash: fields.get("hash")?.to_string(),
        entries: fields.get("entries")?.parse().ok()?,
        made_at: chrono::DateTime::from_timestamp_micros(fields.get("at")?.parse().ok()?)?
            .naive_utc(),
        key_id: fields.get("key")?.to_string(),
        signature: fields.get("signature")?.to_string(),
    })
}

/// Why a checkpoint does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckpointProblem {
    /// Not signed by this key (forged, or edited).
    BadSignature,
    /// The entry it signs is gone: the log lost entries.
    EntryMissing,
    /// The entry is there with another hash: the log was rewritten.
    HashDiffers,
    /// The log holds another number of entries up to it: entries were removed or added.
    CountDiffers,
}

/// The audit key a checkpoint names: `audit.N`, or the fingerprint of version 1 for
/// checkpoints signed before keys had versions. `None` for any other name.
fn signing_key(keys: &Keys, key_id: &str) -> Option<Vec<u8>> {
    if let Some(id) = KeyId::parse(key_id).filter(|id| id.purpose == Purpose::Audit) {
        return Some(keys.key(id).secret().to_vec());
    }
    let first = keys.key(KeyId::new(Purpose::Audit, 1));
    (legacy_key_id(first.secret()) == key_id).then(|| first.secret().to_vec())
}

/// Whether `checkpoint` holds for the log in `conn` under the audit key it names.
pub fn check(
    conn: &mut DbConnection,
    keys: &Keys,
    checkpoint: &Checkpoint,
) -> QueryResult<Option<CheckpointProblem>> {
    let head = Head {
        last_entry_id: checkpoint.last_entry_id,
        last_hash: checkpoint.last_hash.clone(),
        entries: checkpoint.entries,
    };
    let Some(key) = signing_key(keys, &checkpoint.key_id) else {
        return Ok(Some(CheckpointProblem::BadSignature));
    };
    let expected = signature(&key, &head, checkpoint.made_at);
    let signed =
        subtle::ConstantTimeEq::ct_eq(expected.as_bytes(), checkpoint.signature.as_bytes());
    if !bool::from(signed) {
        return Ok(Some(CheckpointProblem::BadSignature));
    }
    if checkpoint.last_entry_id == 0 {
        return Ok(None);
    }
    let hash: Option<String> = audit_log::table
        .filter(audit_log::id.eq(checkpoint.last_entry_id))
        .select(audit_log::hash)
        .first(conn)
        .optional()?;
    let Some(hash) = hash else {
        return Ok(Some(CheckpointProblem::EntryMissing));
    };
    if hash != checkpoint.last_hash {
        return Ok(Some(CheckpointProblem::HashDiffers));
    }
    let entries: i64 = audit_log::table
        .filter(audit_log::id.le(checkpoint.last_entry_id))
        .count()
        .get_result(conn)?;
    if entries != checkpoint.entries {
        return Ok(Some(CheckpointProblem::CountDiffers));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_reads_back_as_the_checkpoint_it_was() {
        let made_at = chrono::DateTime::from_timestamp_micros(1_796_000_000_123_456)
            .unwrap()
            .naive_utc();
        let head = Head {
            last_entry_id: 42,
            last_hash: "ab".repeat(32),
            entries: 42,
        };
        let checkpoint = Checkpoint {
            id: 7,
            last_entry_id: 42,
            last_hash: head.last_hash.clone(),
            entries: 42,
            made_at,
            key_id: "audit.1".into(),
            signature: signature(b"key", &head, made_at),
        };
        let read = parse_line(&export_line(&checkpoint)).unwrap();
        assert_eq!(
            read,
            Checkpoint {
                id: 0,
                ..checkpoint
            }
        );
        assert_eq!(parse_line("something else"), None);
    }

    #[test]
    fn the_signature_depends_on_the_key_and_every_field() {
        let at = NaiveDateTime::default();
        let head = Head {
            last_entry_id: 1,
            last_hash: "h".into(),
            entries: 1,
        };
        let signed = signature(b"key", &head, at);
        assert_ne!(signed, signature(b"other", &head, at));
        let more = Head {
            entries: 2,
            ..head.clone()
        };
        assert_ne!(signed, signature(b"key", &more, at));
    }
}
