//! Keyed hashes kept in the database (access codes, national ids, client secrets, decision
//! content). Each names the key version that made it, so rotating a purpose's key changes
//! only the hashes made afterwards and every older one keeps matching. A hash of version 1 is
//! stored bare, exactly as hashes were before keys had versions; later versions are written
//! `access-code.2:<hex>`.

use super::key_id::KeyId;
use super::purpose::Purpose;
use super::{Keys, PurposeKey};
use crate::secrets::keyed_hash;
use subtle::ConstantTimeEq;

/// The hash of `value` under the current key of `purpose`, as it is stored.
pub fn hash(keys: &Keys, purpose: Purpose, value: &str) -> String {
    Hasher::current(keys, purpose).hash(value)
}

/// Hashes many values under one key, looked up once (ingest hashes three values for each of
/// up to a thousand decisions).
pub struct Hasher {
    key: PurposeKey,
}

impl Hasher {
    /// A hasher with the current key of `purpose`.
    pub fn current(keys: &Keys, purpose: Purpose) -> Hasher {
        Hasher {
            key: keys.current(purpose),
        }
    }

    /// The hash of `value`, as it is stored.
    pub fn hash(&self, value: &str) -> String {
        let digest = keyed_hash(self.key.secret(), value);
        if self.key.id.version == 1 {
            digest
        } else {
            format!("{}:{digest}", self.key.id)
        }
    }
}

/// Whether `value` hashes to `stored` under the key `stored` names, which must be a key of
/// `purpose` still on the ring; compared in constant time.
pub fn matches(keys: &Keys, purpose: Purpose, value: &str, stored: &str) -> bool {
    let (id, digest) = match stored.split_once(':') {
        Some((id, digest)) => match KeyId::parse(id) {
            Some(id) => (id, digest),
            None => return false,
        },
        None => (KeyId::new(purpose, 1), stored),
    };
    if id.purpose != purpose {
        return false;
    }
    let Some(key) = keys.verifying(id, chrono::Utc::now().naive_utc()) else {
        return false;
    };
    let computed = keyed_hash(key.secret(), value);
    computed.len() == digest.len() && bool::from(computed.as_bytes().ct_eq(digest.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::ring::{Ring, RingVersion};

    fn keys() -> Keys {
        Keys::derive(&secrecy::SecretString::from(
            "a master secret of at least 32 chars",
        ))
    }

    #[test]
    fn a_version_one_hash_is_stored_as_hashes_were_before_versions() {
        let keys = keys();
        let stored = hash(&keys, Purpose::AccessCode, "ABCD-EFGH");
        assert_eq!(stored.len(), 64, "bare hex");
        assert!(matches(&keys, Purpose::AccessCode, "ABCD-EFGH", &stored));
        assert!(!matches(&keys, Purpose::AccessCode, "ABCD-EFGX", &stored));
        assert!(!matches(
            &keys,
            Purpose::ClientSecret,
            "ABCD-EFGH",
            &format!("access-code.1:{stored}")
        ));
    }

    #[test]
    fn after_a_rotation_old_hashes_match_and_new_ones_name_the_new_key() {
        let keys = keys();
        let old = hash(&keys, Purpose::NationalId, "880101300123");
        keys.replace_ring(Ring::from_versions([
            RingVersion {
                purpose: Purpose::NationalId,
                version: 1,
                verifies_until: None,
            },
            RingVersion {
                purpose: Purpose::NationalId,
                version: 2,
                verifies_until: None,
            },
        ]));
        let new = hash(&keys, Purpose::NationalId, "880101300123");
        assert!(new.starts_with("national-id.2:"));
        assert!(matches(&keys, Purpose::NationalId, "880101300123", &old));
        assert!(matches(&keys, Purpose::NationalId, "880101300123", &new));
        assert!(!matches(
            &keys,
            Purpose::NationalId,
            "880101300123",
            &new.replace(".2:", ".3:")
        ));
    }
}
