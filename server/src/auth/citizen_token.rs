//! The citizen's session after "Find my decision": a JWT scoped to one decision reference,
//! with an audience of its own, so it opens that explanation and nothing else.

use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header};
use serde::{Deserialize, Serialize};

/// The audience of decision-scoped citizen tokens.
pub const CITIZEN_AUDIENCE: &str = "redress:citizen-decision";
use super::jwt::ISSUER;
/// The cookie holding the token.
pub const COOKIE: &str = "redress_decision";
/// How long the access lasts (an explanation is read in one sitting; the code opens it again).
pub const LIFETIME_SECS: i64 = 2 * 3600;

#[derive(Debug, Clone, Serialize, Deserialize)]
struct CitizenClaims {
    sub: String,
    aud: String,
    iss: String,
    iat: i64,
    exp: i64,
}

/// Signs and checks citizen tokens.
#[derive(Clone)]
pub struct CitizenTokens {
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl CitizenTokens {
    /// Tokens signed with `key`.
    pub fn new(key: &[u8]) -> CitizenTokens {
        CitizenTokens {
            encoding: EncodingKey::from_secret(key),
            decoding: DecodingKey::from_secret(key),
        }
    }

    /// A token opening `reference`, issued `now`.
    pub fn issue(&self, reference: &str, now: i64) -> anyhow::Result<String> {
        let claims = CitizenClaims {
            sub: reference.into(),
            aud: CITIZEN_AUDIENCE.into(),
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

    /// The reference a valid token opens.
    pub fn verify(&self, token: &str) -> Option<String> {
        let validation = super::jwt::strict_validation(CITIZEN_AUDIENCE);
        decode::<CitizenClaims>(token, &self.decoding, &validation)
            .ok()
            .map(|d| d.claims.sub)
    }
}
