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
    text.chars().any(|c| {
        c.is_control() && !(allow_line_breaks && matches!(c, '\n' | '\r' | '\t'))
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
    })
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
    fn control_characters_are_refused_except_line_breaks_in_long_text() {
        assert!(has_forbidden_control("name\u{0}", true));
        assert!(has_forbidden_control("a\u{7}b", true));
        assert!(has_forbidden_control("line\nbreak", false));
        assert!(!has_forbidden_control("line\nbreak\ttab", true));
        assert!(has_forbidden_control("bom\u{feff}", true));
        assert!(!has_forbidden_control("Қазақша, Русский", false));
    }
}
