//! Rules a single value must follow wherever it comes from (the API, a form, the command
//! line): slugs, email addresses, and text free of control characters.

/// A slug: 2 to 64 lower-case ASCII letters, digits and single dashes, not at either end.
pub fn valid_slug(slug: &str) -> bool {
    (2..=64).contains(&slug.len())
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

/// The reason slugs are refused, as API errors say it.
pub const SLUG_RULE: &str = "must be 2 to 64 lower-case letters, digits and single dashes";

/// Whether `address` can receive mail: one `@`, a local part of 1 to 64 visible characters,
/// and a domain of dot-separated labels (letters, digits, inner dashes) ending in a top-level
/// label of at least two letters. At most 254 characters (RFC 5321's path limit).
pub fn valid_email(address: &str) -> bool {
    if address.len() > 254 || address.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let Some((local, domain)) = address.split_once('@') else {
        return false;
    };
    if local.is_empty() || local.len() > 64 || domain.contains('@') {
        return false;
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |label: &&str| {
        !label.is_empty()
            && label.chars().count() <= 63
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    let top_ok = labels
        .last()
        .is_some_and(|top| top.chars().count() >= 2 && top.chars().all(char::is_alphabetic));
    labels.len() >= 2 && labels.iter().all(label_ok) && top_ok
}

/// Whether `text` holds a control character. Long texts may break lines (`\n`, `\r`, `\t`);
/// names, codes and identifiers may not.
pub fn has_forbidden_control(text: &str, allow_line_breaks: bool) -> bool {
    if text.is_ascii() {
        // The same rule on bytes: every string of every decision passes here.
        return text.bytes().any(|b| {
            (b < 0x20 || b == 0x7f) && !(allow_line_breaks && matches!(b, b'\n' | b'\r' | b'\t'))
        });
    }
    text.chars().any(|c| {
        c.is_control() && !(allow_line_breaks && matches!(c, '\n' | '\r' | '\t'))
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
    })
}

/// The shortest and longest name of a register entry, in characters.
pub const NAME_CHARS: core::ops::RangeInclusive<usize> = 3..=120;

/// Why `name` cannot name a register entry, if it cannot: after trimming, 3 to 120
/// characters, at least one letter, and nothing a reader cannot read as a name (emoji and
/// pictographs, invisible format characters such as bidirectional overrides and zero-width
/// joiners). Control characters are refused for every text by the validator already.
pub fn name_problem(name: &str) -> Option<&'static str> {
    let name = name.trim();
    let length = name.chars().count();
    if length < *NAME_CHARS.start() {
        Some("must be at least 3 characters")
    } else if length > *NAME_CHARS.end() {
        Some("must be at most 120 characters")
    } else if name.chars().any(is_invisible_format) {
        Some("must not contain invisible formatting characters")
    } else if name.chars().any(is_pictograph) {
        Some("must not contain emoji or pictographs")
    } else if !name.chars().any(char::is_alphabetic) {
        Some("must contain at least one letter")
    } else {
        None
    }
}

/// The shortest and longest change note, in characters.
pub const CHANGE_NOTE_CHARS: core::ops::RangeInclusive<usize> = 5..=500;

/// Why `note` cannot say what a published version changed, if it cannot: plain text of 5 to
/// 500 characters after trimming, with at least one letter; line breaks are allowed, other
/// control and invisible format characters are not. The public reads it in the history.
pub fn change_note_problem(note: &str) -> Option<&'static str> {
    let note = note.trim();
    let length = note.chars().count();
    if length == 0 {
        Some("is required")
    } else if length < *CHANGE_NOTE_CHARS.start() {
        Some("must be at least 5 characters")
    } else if length > *CHANGE_NOTE_CHARS.end() {
        Some("must be at most 500 characters")
    } else if has_forbidden_control(note, true) || note.chars().any(is_invisible_format) {
        Some("must not contain control characters")
    } else if !note.chars().any(char::is_alphabetic) {
        Some("must contain at least one letter")
    } else {
        None
    }
}

/// Format characters that change how text around them shows without showing themselves:
/// bidirectional embeddings, overrides and isolates, zero-width characters, soft hyphen.
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{00ad}' | '\u{061c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{feff}')
}

/// Emoji and pictographs: the symbol blocks emoji are drawn from, their variation selector
/// and the regional indicators that make flags.
fn is_pictograph(c: char) -> bool {
    matches!(c,
        '\u{2190}'..='\u{21ff}' | '\u{2300}'..='\u{23ff}' | '\u{2460}'..='\u{24ff}'
        | '\u{25a0}'..='\u{27bf}' | '\u{2900}'..='\u{297f}' | '\u{2b00}'..='\u{2bff}'
        | '\u{fe0e}' | '\u{fe0f}' | '\u{1f000}'..='\u{1faff}' | '\u{e0020}'..='\u{e007f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lower_case_words_joined_by_single_dashes() {
        assert!(valid_slug("state-revenue"));
        assert!(valid_slug("vat-2026"));
        for bad in ["State-Revenue", "-x", "x-", "a--b", "a", "дом", "a_b"] {
            assert!(!valid_slug(bad), "{bad}");
        }
    }

    #[test]
    fn emails_need_a_deliverable_shape() {
        for good in [
            "citizen@example.kz",
            "ai-register@social-benefits.gov.kz",
            "a.b+tag@mail.example.org",
            "азамат@пример.қаз",
        ] {
            assert!(valid_email(good), "{good}");
        }
        for bad in [
            "@",
            "0@",
            "a@b@c",
            "a@b",
            "@example.kz",
            "a @example.kz",
            "a@example.k",
            "a@-example.kz",
            "a@example..kz",
            ".a@example.kz",
            "a@example.kz\u{0}",
            "a@exa_mple.kz",
            "a@example.12",
        ] {
            assert!(!valid_email(bad), "{bad:?}");
        }
        assert!(!valid_email(&format!("{}@example.kz", "a".repeat(65))));
    }

    #[test]
    fn names_are_readable_words_of_sensible_length() {
        for good in [
            "Әлеуметтік көмек",
            "Оценка риска НДС",
            "VAT risk scoring 2026",
            "ЕНПФ",
        ] {
            assert_eq!(name_problem(good), None, "{good}");
        }
        for (bad, reason) in [
            ("ab", "must be at least 3 characters"),
            ("   x  ", "must be at least 3 characters"),
            ("123", "must contain at least one letter"),
            ("--- ...", "must contain at least one letter"),
            ("Tax 😀 bot", "must not contain emoji or pictographs"),
            ("🚀🚀🚀", "must not contain emoji or pictographs"),
            ("Tax ★ scoring", "must not contain emoji or pictographs"),
            (
                "Tax\u{202e}gnirocs",
                "must not contain invisible formatting characters",
            ),
            (
                "Tax\u{200b}scoring",
                "must not contain invisible formatting characters",
            ),
        ] {
            assert_eq!(name_problem(bad), Some(reason), "{bad:?}");
        }
        assert_eq!(name_problem(&"а".repeat(120)), None);
        assert_eq!(
            name_problem(&"а".repeat(121)),
            Some("must be at most 120 characters")
        );
    }

    #[test]
    fn change_notes_are_plain_text_of_sensible_length() {
        assert_eq!(
            change_note_problem("Added the legal basis in Kazakh.\nFixed a typo."),
            None
        );
        assert_eq!(change_note_problem("  "), Some("is required"));
        assert_eq!(
            change_note_problem("ok"),
            Some("must be at least 5 characters")
        );
        assert_eq!(
            change_note_problem(&"x".repeat(501)),
            Some("must be at most 500 characters")
        );
        assert_eq!(
            change_note_problem("Fixed\u{7} it"),
            Some("must not contain control characters")
        );
        assert_eq!(
            change_note_problem("12345"),
            Some("must contain at least one letter")
        );
    }

    #[test]
    fn control_characters_are_refused_except_line_breaks_in_long_text() {
        assert!(has_forbidden_control("name\u{0}", true));
        assert!(has_forbidden_control("a\u{7}b", true));
        assert!(has_forbidden_control("line\nbreak", false));
        assert!(!has_forbidden_control("line\nbreak\ttab", true));
        assert!(has_forbidden_control("bom\u{feff}", true));
        assert!(!has_forbidden_control("Қазақша, Русский", false));
    }
}
