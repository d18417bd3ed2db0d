//! Recovery codes: ten single-use codes a staff member writes down at enrolment, for the day the
//! phone is lost. Each is ten characters from an alphabet without look-alikes (no 0/O, 1/I/L),
//! shown as two groups of five: about 50 bits, beyond guessing under the sign-in limits, so a
//! keyed hash (not a slow password hash) is enough to keep them.

use crate::secrets::keyed_hash;
use rand::Rng;

/// Codes issued at a time.
pub const COUNT: usize = 10;
/// Characters in a code, without the dash.
const LENGTH: usize = 10;
/// Crockford's base32 alphabet: digits and capitals without I, L, O and U.
const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// [`COUNT`] new codes, as shown ("ABCDE-FGHJK").
pub fn generate() -> Vec<String> {
    let mut rng = rand::rngs::OsRng;
    (0..COUNT)
        .map(|_| {
            let raw: String = (0..LENGTH)
                .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
                .collect();
            format!("{}-{}", &raw[..LENGTH / 2], &raw[LENGTH / 2..])
        })
        .collect()
}

/// A typed code in its canonical form: capitals, no spaces or dashes, and the letters people
/// confuse with digits read as those digits (as Crockford's base32 does).
pub fn normalise(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

/// Whether `typed` has the shape of a recovery code.
pub fn looks_like_code(typed: &str) -> bool {
    let code = normalise(typed);
    code.len() == LENGTH && code.bytes().all(|b| ALPHABET.contains(&b))
}

/// The keyed hash a code is kept as.
pub fn hash(key: &[u8], code: &str) -> String {
    keyed_hash(key, &format!("recovery-code:{}", normalise(code)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_well_formed_and_read_back_however_typed() {
        let codes = generate();
        assert_eq!(codes.len(), COUNT);
        let unique: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(unique.len(), COUNT);
        for code in &codes {
            assert_eq!(code.len(), LENGTH + 1, "{code}");
            assert!(looks_like_code(code), "{code}");
            let typed = code.to_lowercase().replace('-', " ");
            assert_eq!(hash(b"k", &typed), hash(b"k", code));
        }
    }

    #[test]
    fn look_alike_letters_count_as_digits() {
        assert_eq!(normalise("ab0o1-il xyz"), "AB00111XYZ");
        assert!(!looks_like_code("123456"));
        assert!(!looks_like_code("ABCDE-FGHJU"));
    }
}
