//! The key ring: which version of each purpose's key is current, and until when each older
//! version still verifies. It holds no secret (every key is derived from the master secret),
//! so it lives in the database (`key_ring`), where every server of a deployment reads the
//! same one and a rotation made by `redress rotate-key` reaches them all.

use super::key_id::KeyId;
use super::purpose::Purpose;
use chrono::NaiveDateTime;
use std::collections::HashMap;

/// One version of a purpose's key as the ring records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RingVersion {
    pub purpose: Purpose,
    pub version: u32,
    /// Until when an older version verifies; `None` for as long as what it made exists.
    /// Ignored for the current version, which always verifies.
    pub verifies_until: Option<NaiveDateTime>,
}

/// The versions of every purpose. A purpose the ring has never recorded is at version 1.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ring {
    versions: HashMap<Purpose, Vec<RingVersion>>,
}

impl Ring {
    /// The ring made of `versions` (in any order).
    pub fn from_versions(versions: impl IntoIterator<Item = RingVersion>) -> Ring {
        let mut ring = Ring::default();
        for version in versions {
            ring.versions
                .entry(version.purpose)
                .or_default()
                .push(version);
        }
        ring
    }

    /// The version new tokens, hashes and entries of `purpose` use: the highest recorded.
    pub fn current(&self, purpose: Purpose) -> KeyId {
        let version = self
            .versions
            .get(&purpose)
            .and_then(|versions| versions.iter().map(|v| v.version).max())
            .unwrap_or(1);
        KeyId::new(purpose, version)
    }

    /// Whether what `id` signed or hashed is accepted at `now`: the current version always,
    /// an older one while its window lasts, a version the ring does not know never.
    pub fn verifies(&self, id: KeyId, now: NaiveDateTime) -> bool {
        let current = self.current(id.purpose);
        if id == current {
            return true;
        }
        id.version < current.version
            && self.versions.get(&id.purpose).is_some_and(|versions| {
                versions.iter().any(|v| {
                    v.version == id.version && v.verifies_until.is_none_or(|until| now < until)
                })
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hour: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .unwrap()
    }

    #[test]
    fn an_unrecorded_purpose_is_at_version_one_and_verifies_nothing_else() {
        let ring = Ring::default();
        assert_eq!(ring.current(Purpose::Audit), KeyId::new(Purpose::Audit, 1));
        assert!(ring.verifies(KeyId::new(Purpose::Audit, 1), at(0)));
        assert!(!ring.verifies(KeyId::new(Purpose::Audit, 2), at(0)));
    }

    #[test]
    fn an_older_version_verifies_until_its_window_ends() {
        let ring = Ring::from_versions([
            RingVersion {
                purpose: Purpose::Session,
                version: 1,
                verifies_until: Some(at(8)),
            },
            RingVersion {
                purpose: Purpose::Session,
                version: 2,
                verifies_until: None,
            },
            RingVersion {
                purpose: Purpose::AccessCode,
                version: 1,
                verifies_until: None,
            },
            RingVersion {
                purpose: Purpose::AccessCode,
                version: 2,
                verifies_until: None,
            },
        ]);
        let old = KeyId::new(Purpose::Session, 1);
        assert_eq!(ring.current(Purpose::Session).version, 2);
        assert!(ring.verifies(old, at(7)));
        assert!(
            !ring.verifies(old, at(8)),
            "refused once the window has passed"
        );
        assert!(
            ring.verifies(KeyId::new(Purpose::AccessCode, 1), at(23)),
            "stored values: always"
        );
        assert!(
            !ring.verifies(KeyId::new(Purpose::Session, 3), at(0)),
            "no future versions"
        );
        assert_eq!(
            ring.current(Purpose::Api).version,
            1,
            "other purposes are untouched"
        );
    }
}
