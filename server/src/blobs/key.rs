//! The key a blob is stored under. Keys become file paths and object names, and they are
//! read back from the database, so a key is built only from a small safe alphabet: no dots
//! (hence no `..`), no leading `/`, no empty segments. A key can then never name anything
//! outside the store, whatever was written into the database.

use std::fmt;

/// S3 refuses longer object names; a longer key is never one this server made.
const MAX_KEY_LEN: usize = 1024;

/// A validated storage key such as `evidence/AP-3M7Q-K2ZD/3a7bd3…`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BlobKey(String);

impl BlobKey {
    /// The key of an evidence file: `evidence/{reference}/{sha256}`. Keying by digest stores
    /// the same file attached twice to one appeal once. Characters outside the key alphabet
    /// become `_`; references and hex digests have none, so this only guards against misuse.
    pub fn for_evidence(appeal_reference: &str, sha256_hex: &str) -> BlobKey {
        BlobKey(format!(
            "evidence/{}/{}",
            safe_segment(appeal_reference),
            safe_segment(&sha256_hex.to_ascii_lowercase())
        ))
    }

    /// Accepts a key read back from storage, or `None` if it is not one this type could
    /// have made.
    pub fn parse(text: &str) -> Option<BlobKey> {
        is_valid(text).then(|| BlobKey(text.to_string()))
    }

    /// The key's text, as stored in the database.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key's segments, in order; none is empty, `.` or `..`.
    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.0.split('/')
    }
}

impl fmt::Display for BlobKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for BlobKey {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

fn is_valid(text: &str) -> bool {
    // No dot is in the alphabet, so `..` cannot occur; the explicit check keeps the rule
    // visible should the alphabet ever grow.
    !text.is_empty()
        && text.len() <= MAX_KEY_LEN
        && !text.contains("..")
        && text
            .split('/')
            .all(|segment| !segment.is_empty() && segment.chars().all(is_key_char))
}

/// One segment of a built key: never empty, only key characters.
fn safe_segment(part: &str) -> String {
    let cleaned: String = part
        .chars()
        .map(|c| if is_key_char(c) { c } else { '_' })
        .collect();
    if cleaned.is_empty() {
        "_".to_string()
    } else {
        cleaned
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn evidence_key_has_the_documented_shape() {
        let key = BlobKey::for_evidence("AP-3M7Q-K2ZD", "ABCdef0123");
        assert_eq!(key.as_str(), "evidence/AP-3M7Q-K2ZD/abcdef0123");
        assert_eq!(BlobKey::parse(key.as_str()), Some(key));
    }

    #[test]
    fn evidence_key_neutralises_unsafe_parts() {
        let key = BlobKey::for_evidence("../../etc", "");
        assert_eq!(key.as_str(), "evidence/______etc/_");
        assert!(BlobKey::parse(key.as_str()).is_some());
    }

    #[test]
    fn parse_accepts_safe_keys() {
        for text in ["a", "evidence/AP-1/ff00", "a_b/c-d/E9"] {
            assert!(BlobKey::parse(text).is_some(), "{text}");
        }
    }

    #[test]
    fn parse_refuses_unsafe_keys() {
        for text in [
            "", "../x", "a/../b", "..", "/abs", "a//b", "a/", "a b", " a", "a\\b", "a.pdf", "C:x",
            "a\0b", "ключ", "a\nb",
        ] {
            assert!(BlobKey::parse(text).is_none(), "{text:?}");
        }
    }

    #[test]
    fn parse_refuses_overlong_keys() {
        assert!(BlobKey::parse(&"a".repeat(MAX_KEY_LEN)).is_some());
        assert!(BlobKey::parse(&"a".repeat(MAX_KEY_LEN + 1)).is_none());
    }
}
