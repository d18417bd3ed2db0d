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
use std::sync::{Arc, RwLock};

/// The master secret and the key ring: every key of every purpose, derived on demand.
/// Clones share one ring, so reloading it reaches every holder.
#[derive(Clone)]
pub struct Keys {
    master: Arc<SecretSlice<u8>>,
    ring: Arc<RwLock<Ring>>,
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
        self.key(self.ring().current(purpose))
    }

    /// The key `id` names if what it made is still accepted at `now`.
    pub fn verifying(&self, id: KeyId, now: NaiveDateTime) -> Option<PurposeKey> {
        self.ring().verifies(id, now).then(|| self.key(id))
    }

    /// The key `id` names, whatever the ring says: for checking records that name their key
    /// and are never retired (audit entries and checkpoints).
    pub fn key(&self, id: KeyId) -> PurposeKey {
        PurposeKey {
            id,
            bytes: derivation::derive(self.master.expose_secret(), id),
        }
    }

    /// The seed of the Ed25519 key that signs filing receipts (docs/receipts.md).
    pub fn receipt_seed(&self) -> [u8; 32] {
        self.current(Purpose::Receipt).bytes
    }
}
