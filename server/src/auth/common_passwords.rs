//! The 10,000 most common passwords (`common-passwords.md` says where they come from), shipped
//! compressed in the binary and unpacked once, on first use.

use std::collections::HashSet;
use std::io::Read;
use std::sync::OnceLock;

const LIST: &[u8] = include_bytes!("common-passwords.txt.gz");

fn list() -> &'static HashSet<String> {
    static LOADED: OnceLock<HashSet<String>> = OnceLock::new();
    LOADED.get_or_init(|| {
        let mut text = String::new();
        if let Err(error) = flate2::read::GzDecoder::new(LIST).read_to_string(&mut text) {
            // The list is part of the binary; failing to read it is a build fault.
            tracing::error!(%error, "the common password list cannot be read");
        }
        text.lines().map(str::to_string).collect()
    })
}

/// Whether `password` is one of the most common, in any case.
pub fn is_common(password: &str) -> bool {
    list().contains(&password.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_holds_ten_thousand_and_is_matched_in_any_case() {
        assert_eq!(list().len(), 10_000);
        assert!(is_common("password"));
        assert!(is_common("QWERTY123456"));
        assert!(is_common("1qaz2wsx3edc"));
        assert!(!is_common("a long and personal passphrase"));
    }
}
