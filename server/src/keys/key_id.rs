//! A key's public name: its purpose and version, written `session.2`. Tokens carry it in
//! their header, stored hashes and audit entries beside their value, so each is checked
//! with the key that made it.

use super::purpose::Purpose;

/// One version of one purpose's key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyId {
    pub purpose: Purpose,
    pub version: u32,
}

impl KeyId {
    /// Version `version` of `purpose`.
    pub fn new(purpose: Purpose, version: u32) -> KeyId {
        KeyId { purpose, version }
    }

    /// Reads `purpose.version`; versions start at 1.
    pub fn parse(text: &str) -> Option<KeyId> {
        let (purpose, version) = text.rsplit_once('.')?;
        let version: u32 = version.parse().ok().filter(|v| *v >= 1)?;
        // `parse` accepts "+2" and "02"; a key id has one spelling only.
        if version.to_string() != text[purpose.len() + 1..] {
            return None;
        }
        Some(KeyId::new(Purpose::parse(purpose)?, version))
    }
}

impl std::fmt::Display for KeyId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.purpose.name(), self.version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_id_reads_back_and_nothing_else_reads() {
        let id = KeyId::new(Purpose::AccessCode, 12);
        assert_eq!(id.to_string(), "access-code.12");
        assert_eq!(KeyId::parse("access-code.12"), Some(id));
        for bad in [
            "access-code",
            "access-code.0",
            "access-code.+2",
            "access-code.02",
            "x.1",
            "",
        ] {
            assert_eq!(KeyId::parse(bad), None, "{bad}");
        }
    }
}
