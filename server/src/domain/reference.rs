//! Decision references and access codes in Crockford base32: short, read aloud and typed
//! without confusion. Entry ignores case, spaces and dashes, and reads O as 0, I and L as 1.

use app::types::examples::{EXAMPLE_ACCESS_CODE, EXAMPLE_REFERENCE};
use rand::Rng;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const REFERENCE_PREFIX: &str = "RD";

/// Folds what a person typed into the canonical alphabet, or `None` if a character is not in it.
pub fn normalise_symbols(input: &str) -> Option<String> {
    input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '–' && *c != '—')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => Some('0'),
            'I' | 'L' => Some('1'),
            upper if ALPHABET.contains(&(upper as u8)) && upper.is_ascii() => Some(upper),
            _ => None,
        })
        .collect()
}

/// `count` (at most 12) random symbols, five bits each from one 64-bit draw. `thread_rng` is a
/// cryptographically secure generator seeded from the operating system; drawing from it rather
/// than asking the system for every symbol keeps a 1,000-decision batch from making 16,000
/// system calls for its references and access codes.
fn random_symbols(count: usize) -> String {
    debug_assert!(count <= 12);
    let mut bits: u64 = rand::thread_rng().gen();
    (0..count)
        .map(|_| {
            let symbol = ALPHABET[(bits & 31) as usize] as char;
            bits >>= 5;
            symbol
        })
        .collect()
}

/// A decision reference such as `RD-7F3K-9QXD` (40 random bits).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DecisionReference(String);

impl DecisionReference {
    /// A new random reference; never the example the forms show.
    pub fn generate() -> DecisionReference {
        loop {
            let reference = DecisionReference::from_symbols(&random_symbols(8));
            if !reference.is_example() {
                return reference;
            }
        }
    }

    /// Whether this is the example in the forms' hints, which must never open anything.
    pub fn is_example(&self) -> bool {
        DecisionReference::parse(EXAMPLE_REFERENCE).is_some_and(|example| example == *self)
    }

    fn from_symbols(symbols: &str) -> DecisionReference {
        DecisionReference(format!(
            "{REFERENCE_PREFIX}-{}-{}",
            &symbols[..4],
            &symbols[4..]
        ))
    }

    /// Parses a reference typed loosely: `rd 7f3k 9qxd`, `RD-7F3K-9QXD`, `7F3K9QXD`.
    pub fn parse(input: &str) -> Option<DecisionReference> {
        let symbols = normalise_symbols(input)?;
        let symbols = symbols
            .strip_prefix("RD")
            .filter(|s| s.len() == 8)
            .unwrap_or(&symbols);
        (symbols.len() == 8).then(|| DecisionReference::from_symbols(symbols))
    }

    /// The canonical text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The prefix of appeal references, which tells them apart from decision references.
pub const APPEAL_PREFIX: &str = "AP";

/// An appeal reference such as `AP-3M7Q-K2ZD`: the decision references' alphabet and length,
/// its own prefix, so a citizen reading either never confuses the two.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AppealReference(String);

impl AppealReference {
    /// A new random reference.
    pub fn generate() -> AppealReference {
        AppealReference::from_symbols(&random_symbols(8))
    }

    fn from_symbols(symbols: &str) -> AppealReference {
        AppealReference(format!(
            "{APPEAL_PREFIX}-{}-{}",
            &symbols[..4],
            &symbols[4..]
        ))
    }

    /// Parses a reference typed loosely: `ap 3m7q k2zd`, `AP-3M7Q-K2ZD`, `3M7QK2ZD`.
    pub fn parse(input: &str) -> Option<AppealReference> {
        let symbols = normalise_symbols(input)?;
        let symbols = symbols
            .strip_prefix(APPEAL_PREFIX)
            .filter(|s| s.len() == 8)
            .unwrap_or(&symbols);
        (symbols.len() == 8).then(|| AppealReference::from_symbols(symbols))
    }

    /// The canonical text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An access code such as `K4Q9-2MZT` (40 random bits); stored only as a keyed hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessCode(String);

impl AccessCode {
    /// A new random code; never the example the forms show.
    pub fn generate() -> AccessCode {
        loop {
            let symbols = random_symbols(8);
            let code = AccessCode(format!("{}-{}", &symbols[..4], &symbols[4..]));
            if !code.is_example() {
                return code;
            }
        }
    }

    /// Whether this is the example in the forms' hints, which must never open anything.
    pub fn is_example(&self) -> bool {
        AccessCode::parse(EXAMPLE_ACCESS_CODE).is_some_and(|example| example == *self)
    }

    /// Parses a code typed loosely.
    pub fn parse(input: &str) -> Option<AccessCode> {
        let symbols = normalise_symbols(input)?;
        (symbols.len() == 8).then(|| AccessCode(format!("{}-{}", &symbols[..4], &symbols[4..])))
    }

    /// The canonical text, as printed in the letter and hashed.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_typed_loosely_read_as_the_canonical_form() {
        let canonical = Some(DecisionReference("RD-7F3K-9QXD".into()));
        for typed in [
            "RD-7F3K-9QXD",
            "rd 7f3k 9qxd",
            "7F3K9QXD",
            " rd-7f3k-9qxd ",
            "RD7F3K9QXD",
        ] {
            assert_eq!(DecisionReference::parse(typed), canonical, "{typed}");
        }
        assert_eq!(
            DecisionReference::parse("RD-1O1L-I000"),
            Some(DecisionReference("RD-1011-1000".into()))
        );
        assert_eq!(DecisionReference::parse("RD-7F3K-9QX"), None, "too short");
        assert_eq!(
            DecisionReference::parse("RD-7F3K-9QXU"),
            None,
            "U is not in the alphabet"
        );
        assert_eq!(DecisionReference::parse("RD-7F3K-9QXД"), None);
    }

    #[test]
    fn codes_typed_loosely_read_as_the_canonical_form() {
        assert_eq!(
            AccessCode::parse("k4q9 2mzt").map(|c| c.0),
            Some("K4Q9-2MZT".into())
        );
        assert_eq!(
            AccessCode::parse("K4Q9-2MZO").map(|c| c.0),
            Some("K4Q9-2MZ0".into())
        );
        assert_eq!(AccessCode::parse("K4Q9"), None);
    }

    #[test]
    fn the_examples_in_the_hints_are_recognised_however_they_are_typed() {
        let reference = DecisionReference::parse(&EXAMPLE_REFERENCE.to_lowercase()).unwrap();
        assert!(reference.is_example());
        assert!(!DecisionReference::parse("RD-DEM0-0001")
            .unwrap()
            .is_example());
        let code = AccessCode::parse(&EXAMPLE_ACCESS_CODE.replace('-', " ")).unwrap();
        assert!(code.is_example());
        assert!(!AccessCode::parse("K4Q9-2MZT").unwrap().is_example());
    }

    #[test]
    fn generated_values_parse_back_to_themselves() {
        for _ in 0..100 {
            let reference = DecisionReference::generate();
            assert_eq!(
                DecisionReference::parse(reference.as_str()),
                Some(reference.clone())
            );
            let code = AccessCode::generate();
            assert_eq!(AccessCode::parse(code.as_str()), Some(code.clone()));
        }
    }

    #[test]
    fn appeal_references_read_loosely_and_differ_from_decision_references() {
        let generated = AppealReference::generate();
        assert!(generated.as_str().starts_with("AP-"));
        assert_eq!(generated.as_str().len(), 12);
        let loose = generated.as_str().to_lowercase().replace('-', " ");
        assert_eq!(AppealReference::parse(&loose), Some(generated.clone()));
        assert_eq!(
            AppealReference::parse("ap-3m7q-k2zo").map(|r| r.as_str().to_string()),
            Some("AP-3M7Q-K2Z0".to_string()),
            "O reads as zero"
        );
        assert_eq!(AppealReference::parse("AP-3M7Q"), None);
        assert_ne!(
            DecisionReference::parse(generated.as_str()).map(|r| r.as_str().to_string()),
            Some(generated.as_str().to_string())
        );
    }
}
