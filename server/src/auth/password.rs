//! Argon2id password hashing (OWASP's recommended parameters, the crate's defaults).

use app::types::FormError;
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;

/// Shortest password accepted, per NIST SP 800-63B's advice for length over complexity.
pub const MIN_LENGTH: usize = 12;
/// Longest, to bound hashing work.
pub const MAX_LENGTH: usize = 128;

/// Hashes a password into a PHC string.
pub fn hash(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("cannot hash password: {e}"))
}

/// Whether `password` matches the stored PHC string. A malformed hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash to verify against when the account does not exist, so timing does not reveal it.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash("decoy password never used").unwrap_or_default())
}

/// The policy for a new password: the problem with it, if any.
pub fn policy_error(password: &str) -> Option<FormError> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        Some(FormError::PasswordTooShort)
    } else if length > MAX_LENGTH {
        Some(FormError::PasswordTooLong)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_only_its_own_password() {
        let stored = hash("correct horse battery").unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("correct horse battery", &stored));
        assert!(!verify("correct horse batterY", &stored));
        assert!(!verify("anything", "not a hash"));
    }

    #[test]
    fn short_and_long_passwords_are_refused() {
        assert_eq!(policy_error("short"), Some(FormError::PasswordTooShort));
        assert_eq!(
            policy_error(&"x".repeat(129)),
            Some(FormError::PasswordTooLong)
        );
        assert_eq!(policy_error("twelve chars"), None);
    }
}
