//! Staff session tokens: HS256 JWTs with an audience of their own, so no other token
//! kind is accepted as a session. Each carries a session id (for revocation), the
//! time the person signed in (for the absolute lifetime) and an expiry set by the idle timeout.

use crate::keys::{Keys, Purpose};
use serde::{Deserialize, Serialize};

/// The audience of staff session tokens.
pub const SESSION_AUDIENCE: &str = "redress:staff-session";
use super::jwt::ISSUER;

/// What a session token says.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct SessionClaims {
    /// The user id.
    pub sub: String,
    pub aud: String,
    pub iss: String,
    /// The session id, the unit of revocation.
    pub sid: String,
    /// When the person signed in (seconds since the epoch).
    pub auth_time: i64,
    pub iat: i64,
    /// When the token stops working: the idle timeout, capped by the absolute lifetime.
    pub exp: i64,
}

/// Why a token was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TokenError {
    #[error("token is malformed, tampered with, expired or of another kind")]
    Invalid,
}

/// Signs and checks session tokens with the session key.
#[derive(Clone)]
pub struct SessionTokens {
    keys: Keys,
    lifetime_secs: i64,
    idle_secs: i64,
}

impl SessionTokens {
    /// Tokens signed with the session keys of `keys`, living at most `lifetime_secs`, ending
    /// after `idle_secs` unused.
    pub fn new(keys: Keys, lifetime_secs: i64, idle_secs: i64) -> SessionTokens {
        SessionTokens {
            keys,
            lifetime_secs,
            idle_secs,
        }
    }

    /// A token for `user_id` in session `sid`, signed in at `auth_time`, issued `now`.
    pub fn issue(
        &self,
        user_id: i64,
        sid: &str,
        auth_time: i64,
        now: i64,
    ) -> anyhow::Result<(String, SessionClaims)> {
        let exp = (now + self.idle_secs).min(auth_time + self.lifetime_secs);
        let claims = SessionClaims {
            sub: user_id.to_string(),
            aud: SESSION_AUDIENCE.into(),
            iss: ISSUER.into(),
            sid: sid.into(),
            auth_time,
            iat: now,
            exp,
        };
        let token = super::jwt::sign(&self.keys, Purpose::Session, &claims)?;
        Ok((token, claims))
    }

    /// Checks key, signature, algorithm, audience, issuer and expiry (no leeway).
    pub fn verify(&self, token: &str) -> Result<SessionClaims, TokenError> {
        super::jwt::verify(&self.keys, Purpose::Session, SESSION_AUDIENCE, token)
            .ok_or(TokenError::Invalid)
    }

    /// How long the cookie should live, in seconds.
    pub fn lifetime_secs(&self) -> i64 {
        self.lifetime_secs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens() -> SessionTokens {
        SessionTokens::new(test_keys("0123456789abcdef0123456789abcdef"), 3600, 600)
    }

    pub(crate) fn test_keys(master: &str) -> Keys {
        Keys::derive(&secrecy::SecretString::from(master))
    }

    fn now() -> i64 {
        chrono::Utc::now().timestamp()
    }

    #[test]
    fn an_issued_token_verifies() {
        let (token, claims) = tokens().issue(7, "s1", now(), now()).unwrap();
        assert_eq!(tokens().verify(&token), Ok(claims));
    }

    #[test]
    fn a_tampered_token_is_refused() {
        let (token, _) = tokens().issue(7, "s1", now(), now()).unwrap();
        let mut parts: Vec<String> = token.split('.').map(String::from).collect();
        parts[1] = parts[1].chars().rev().collect();
        assert_eq!(tokens().verify(&parts.join(".")), Err(TokenError::Invalid));
        let other = SessionTokens::new(test_keys("another key another key another k"), 3600, 600);
        assert_eq!(other.verify(&token), Err(TokenError::Invalid));
    }

    #[test]
    fn an_expired_token_is_refused() {
        let long_ago = now() - 7200;
        let (token, _) = tokens().issue(7, "s1", long_ago, long_ago).unwrap();
        assert_eq!(tokens().verify(&token), Err(TokenError::Invalid));
    }

    #[test]
    fn the_idle_expiry_never_passes_the_absolute_lifetime() {
        let signed_in = now() - 3500;
        let (_, claims) = tokens().issue(7, "s1", signed_in, now()).unwrap();
        assert_eq!(claims.exp, signed_in + 3600);
    }
}
