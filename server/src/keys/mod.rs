//! Keys derived from the master secret, one per purpose and version (docs/security.md,
//! "Keys"): [`purpose`] names what a key is for, [`derivation`] makes it, [`ring`] says which
//! version is current and which older ones still verify, [`stored_hash`] keys the hashes
//! kept in the database, [`registry`] lets the audit log find this database's keys, and
//! [`refresher`] keeps a running server's ring up to date after `redress rotate-key`.

pub mod derivation;
pub mod key_id;
pub mod purpose;
pub mod refresher;
pub mod registry;
pub mod ring;
pub mod stored_hash;

pub use key_id::KeyId;
pub use purpose::{Purpose, Rotation};

use crate::db::DbConnection;
use chrono::NaiveDateTime;
use ring::Ring;
use secrecy::{ExposeSecret, SecretSlice, SecretString};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// The master secret and the key ring: every key of every purpose, derived on demand.
/// Clones share one ring, so reloading it reaches every holder.
#[derive(Clone)]
pub struct Keys {
    master: Arc<SecretSlice<u8>>,
    ring: Arc<RwLock<Ring>>,
    /// Keys derived so far. Deriving is a few HMAC rounds, and ingest hashes three values per
    /// decision: re-deriving each time was a visible share of a batch's time. A key never
    /// changes for its id, so the cache needs no invalidation.
    derived: Arc<RwLock<HashMap<KeyId, [u8; 32]>>>,
}

/// One key: its id and its 32 bytes.
pub struct PurposeKey {
    pub id: KeyId,
    bytes: [u8; 32],
}

impl PurposeKey {
    /// The key's bytes, for HMAC or JWT signing.
    pub fn secret(&self) -> &[u8] {
        &self.bytes
    }
}

impl Keys {
    /// The keys of `master` with every purpose at version 1, until [`Keys::reload`] reads the
    /// database's ring.
    pub fn derive(master: &SecretString) -> Keys {
        Keys {
            master: Arc::new(SecretSlice::from(
                master.expose_secret().as_bytes().to_vec(),
            )),
            ring: Arc::new(RwLock::new(Ring::default())),
            derived: Arc::new(RwLock::new(HashMap::new())),
        }
    }

    /// The keys of `master` with the ring the database holds.
    pub fn load(master: &SecretString, conn: &mut DbConnection) -> diesel::QueryResult<Keys> {
        let keys = Keys::derive(master);
        keys.reload(conn)?;
        Ok(keys)
    }

    /// Reads the ring again (after a rotation, here or by another process).
    pub fn reload(&self, conn: &mut DbConnection) -> diesel::QueryResult<()> {
        let ring = crate::db::models::key_ring::load(conn)?;
        self.replace_ring(ring);
        Ok(())
    }

    /// Uses `ring` from now on.
    pub fn replace_ring(&self, ring: Ring) {
        *self
            .ring
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = ring;
    }

    /// The ring as last read.
    pub fn ring(&self) -> Ring {
        self.ring
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// The key new tokens, hashes and entries of `purpose` use.
    pub fn current(&self, purpose: Purpose) -> PurposeKey {
        let id = self.read_ring().current(purpose);
        self.key(id)
    }

    /// The key `id` names if what it made is still accepted at `now`.
    pub fn verifying(&self, id: KeyId, now: NaiveDateTime) -> Option<PurposeKey> {
        let accepted = self.read_ring().verifies(id, now);
        accepted.then(|| self.key(id))
    }

    /// The key `id` names, whatever the ring says: for checking records that name their key
    /// and are never retired (audit entries and checkpoints).
    pub fn key(&self, id: KeyId) -> PurposeKey {
        let cached = self
            .derived
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(&id)
            .copied();
        let bytes = cached.unwrap_or_else(|| {
            let bytes = derivation::derive(self.master.expose_secret(), id);
            self.derived
                .write()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .insert(id, bytes);
            bytes
        });
        PurposeKey { id, bytes }
    }

    fn read_ring(&self) -> std::sync::RwLockReadGuard<'_, Ring> {
        self.ring
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The seed of the Ed25519 key that signs filing receipts (docs/receipts.md).
    pub fn receipt_seed(&self) -> [u8; 32] {
        self.current(Purpose::Receipt).bytes
    }
}
