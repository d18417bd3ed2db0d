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

/// The weakest strength accepted, on zxcvbn's scale of 0 to 4: 3 is "safely unguessable",
/// about 10^10 guesses, what ASVS asks of a password that a slow hash protects.
pub const MIN_STRENGTH: u8 = 3;

/// How hard `password` is to guess, from 0 (very weak) to 4 (strong), knowing the account's
/// own words (`known`: the email, the name), which guessers try first.
pub fn strength(password: &str, known: &[&str]) -> u8 {
    if password.is_empty() {
        return 0;
    }
    // The estimate's cost grows with length; past the maximum the length check refuses anyway.
    let bounded: String = password.chars().take(MAX_LENGTH).collect();
    // Each word of the email and name counts on its own too ("aigerim", "serikova").
    let mut words: Vec<String> = known.iter().map(|k| k.to_lowercase()).collect();
    for text in known {
        words.extend(
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 3)
                .map(str::to_lowercase),
        );
    }
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    u8::from(zxcvbn::zxcvbn(&bounded, &words).score())
}

/// The policy for a new password (ASVS V2.1, NIST SP 800-63B): 12 to 128 characters, not one of
/// the 10,000 most common, and at least [`MIN_STRENGTH`]. The problem with it, if any.
pub fn policy_error(password: &str, known: &[&str]) -> Option<FormError> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        Some(FormError::PasswordTooShort)
    } else if length > MAX_LENGTH {
        Some(FormError::PasswordTooLong)
    } else if super::common_passwords::is_common(password) {
        Some(FormError::PasswordCommon)
    } else if strength(password, known) < MIN_STRENGTH {
        Some(FormError::PasswordWeak)
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
        assert_eq!(
            policy_error("short", &[]),
            Some(FormError::PasswordTooShort)
        );
        assert_eq!(
            policy_error(&"x".repeat(129), &[]),
            Some(FormError::PasswordTooLong)
        );
        assert_eq!(policy_error("oak lantern ferry plum", &[]), None);
    }

    #[test]
    fn common_and_guessable_passwords_are_refused() {
        assert_eq!(
            policy_error("QWERTY123456", &[]),
            Some(FormError::PasswordCommon)
        );
        assert_eq!(
            policy_error("aaaaaaaaaaaaaaaa", &[]),
            Some(FormError::PasswordWeak)
        );
        assert_eq!(
            policy_error("Password1234", &[]),
            Some(FormError::PasswordWeak)
        );
        // The account's own words count for little.
        let known = ["aigerim.serikova@social.gov.kz", "Aigerim Serikova"];
        assert_eq!(
            policy_error("aigerimserikova", &known),
            Some(FormError::PasswordWeak)
        );
        assert!(strength("oak lantern ferry plum", &known) >= MIN_STRENGTH);
    }
}
