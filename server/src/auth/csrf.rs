//! CSRF protection by the double-submit pattern: a random token in an HttpOnly, SameSite
//! cookie and the same token in every form; a post whose two copies differ is refused.

use subtle::ConstantTimeEq;

/// The cookie holding the token.
pub const COOKIE: &str = "redress_csrf";
/// The form field holding the token.
pub const FIELD: &str = "csrf_token";

/// Whether the form's token matches the cookie's, compared in constant time.
pub fn tokens_match(cookie: Option<&str>, form: Option<&str>) -> bool {
    match (cookie, form) {
        (Some(c), Some(f)) if !c.is_empty() && c.len() == f.len() => {
            c.as_bytes().ct_eq(f.as_bytes()).into()
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_equal_non_empty_tokens_match() {
        assert!(tokens_match(Some("abc"), Some("abc")));
        assert!(!tokens_match(Some("abc"), Some("abd")));
        assert!(!tokens_match(Some("abc"), None));
        assert!(!tokens_match(None, Some("abc")));
        assert!(!tokens_match(Some(""), Some("")));
    }
}
