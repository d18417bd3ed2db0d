//! CSRF protection (docs/security.md): a random secret in an HttpOnly, SameSite cookie, and in
//! every form a token that is the HMAC of that secret and the browser's session (staff or
//! citizen; none before sign-in). A post is refused unless its token is the one the cookie
//! and the session make now. Binding the token to the session means a token learned or a
//! cookie planted before sign-in is worthless after it (the session changes at sign-in, and
//! the cookie's secret is renewed then too). State-changing requests from another site are
//! also refused by their `Origin` (`web::same_origin`).

use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

/// The cookie holding the token.
pub const COOKIE: &str = "redress_csrf";
/// The form field holding the token.
pub const FIELD: &str = "csrf_token";

/// The form token for the cookie's `secret` and the session it is bound to (`binding`: the
/// staff or citizen session id, or empty before sign-in).
pub fn form_token(key: &[u8], secret: &str, binding: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
    mac.update(secret.as_bytes());
    mac.update(b"\0");
    mac.update(binding.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Whether two tokens are equal and not empty, compared in constant time.
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
    fn a_form_token_belongs_to_one_cookie_and_one_session() {
        let key = b"key";
        let anonymous = form_token(key, "secret", "");
        assert_eq!(anonymous, form_token(key, "secret", ""));
        assert_ne!(
            anonymous,
            form_token(key, "secret", "staff:s1"),
            "sign-in changes it"
        );
        assert_ne!(
            anonymous,
            form_token(key, "other", ""),
            "another cookie, another token"
        );
        assert_ne!(anonymous, form_token(b"other key", "secret", ""));
    }

    #[test]
    fn only_equal_non_empty_tokens_match() {
        assert!(tokens_match(Some("abc"), Some("abc")));
        assert!(!tokens_match(Some("abc"), Some("abd")));
        assert!(!tokens_match(Some("abc"), None));
        assert!(!tokens_match(None, Some("abc")));
        assert!(!tokens_match(Some(""), Some("")));
    }
}
