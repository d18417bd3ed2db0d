//! The session of a citizen signed in by email: a JWT naming the address, with an audience of
//! its own (a decision-scoped token is refused here, and this one there) and a session id that
//! signing out revokes on the server.

use super::jwt::ISSUER;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header};
use serde::{Deserialize, Serialize};

/// The audience of email sessions.
pub const AUDIENCE: &str = "redress:citizen-email";
/// The cookie holding the token.
pub const COOKIE: &str = "redress_citizen";
/// How long the session lasts; a new link opens another.
pub const LIFETIME_SECS: i64 = 2 * 3600;

/// What a valid token says.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CitizenClaims {
    /// The address, in lower case.
    pub sub: String,
    pub sid: String,
    aud: String,
    iss: String,
    iat: i64,
    pub exp: i64,
}

/// Signs and checks email sessions.
#[derive(Clone)]
pub struct CitizenSessions {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl CitizenSessions {
    /// Sessions signed with `key`.
    pub fn new(key: &[u8]) -> CitizenSessions {
        CitizenSessions {
            encoding: EncodingKey::from_secret(key),
            decoding: DecodingKey::from_secret(key),
        }
    }

    /// A session for `email`, issued `now` (seconds).
    pub fn issue(&self, email: &str, now: i64) -> anyhow::Result<String> {
        let claims = CitizenClaims {
            sub: email.to_string(),
            sid: crate::secrets::random_token(),
            aud: AUDIENCE.into(),
            iss: ISSUER.into(),
            iat: now,
            exp: now + LIFETIME_SECS,
        };
        Ok(encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &self.encoding,
        )?)
    }

    /// The claims of a valid, unexpired token (revocation is the caller's check).
    pub fn verify(&self, token: &str) -> Option<CitizenClaims> {
        let validation = super::jwt::strict_validation(AUDIENCE);
        decode::<CitizenClaims>(token, &self.decoding, &validation)
            .ok()
            .map(|d| d.claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decision_token_signed_with_the_same_key_does_not_open_an_email_session() {
        let key = b"a key of thirty-two bytes or more for tests";
        let decision = crate::auth::citizen_token::CitizenTokens::new(key)
            .issue("D-1", "g1", chrono::Utc::now().timestamp())
            .unwrap_or_default();
        assert!(CitizenSessions::new(key).verify(&decision).is_none());
        let session = CitizenSessions::new(key)
            .issue("ana@example.kz", chrono::Utc::now().timestamp())
            .unwrap_or_default();
        assert_eq!(
            CitizenSessions::new(key).verify(&session).map(|c| c.sub),
            Some("ana@example.kz".to_string())
        );
        assert!(crate::auth::citizen_token::CitizenTokens::new(key)
            .verify(&session)
            .is_none());
    }
}
