//! The session of a citizen signed in by email: a JWT naming the address, with an audience of
//! its own (a decision-scoped token is refused here, and this one there) and a session id that
//! signing out revokes on the server.

use super::jwt::ISSUER;
use crate::keys::{Keys, Purpose};
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
    keys: Keys,
}

impl CitizenSessions {
    /// Sessions signed with the citizen keys of `keys`.
    pub fn new(keys: Keys) -> CitizenSessions {
        CitizenSessions { keys }
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
        super::jwt::sign(&self.keys, Purpose::Citizen, &claims)
    }

    /// The claims of a valid, unexpired token (revocation is the caller's check).
    pub fn verify(&self, token: &str) -> Option<CitizenClaims> {
        super::jwt::verify(&self.keys, Purpose::Citizen, AUDIENCE, token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decision_token_signed_with_the_same_key_does_not_open_an_email_session() {
        let key = Keys::derive(&secrecy::SecretString::from(
            "a key of thirty-two bytes or more for tests",
        ));
        let decision = crate::auth::citizen_token::CitizenTokens::new(key.clone())
            .issue("D-1", "g1", chrono::Utc::now().timestamp())
            .unwrap_or_default();
        assert!(CitizenSessions::new(key.clone())
            .verify(&decision)
            .is_none());
        let session = CitizenSessions::new(key.clone())
            .issue("ana@example.kz", chrono::Utc::now().timestamp())
            .unwrap_or_default();
        assert_eq!(
            CitizenSessions::new(key.clone())
                .verify(&session)
                .map(|c| c.sub),
            Some("ana@example.kz".to_string())
        );
        assert!(crate::auth::citizen_token::CitizenTokens::new(key.clone())
            .verify(&session)
            .is_none());
    }
}
