//! The citizen's session after "Find my decision": a JWT scoped to one decision reference,
//! with an audience of its own, so it opens that explanation and nothing else.

use crate::keys::{Keys, Purpose};
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
    /// The generation of the access code the token was opened with
    /// (`services::access::code_generation`): a reissued code ends older tokens.
    #[serde(rename = "gen")]
    generation: String,
    aud: String,
    iss: String,
    iat: i64,
    exp: i64,
}

/// Signs and checks citizen tokens.
#[derive(Clone)]
pub struct CitizenTokens {
    keys: Keys,
}

impl CitizenTokens {
    /// Tokens signed with the citizen keys of `keys`.
    pub fn new(keys: Keys) -> CitizenTokens {
        CitizenTokens { keys }
    }

    /// A token opening `reference` while its access code is of `generation`, issued `now`.
    pub fn issue(&self, reference: &str, generation: &str, now: i64) -> anyhow::Result<String> {
        let claims = CitizenClaims {
            sub: reference.into(),
            generation: generation.into(),
            aud: CITIZEN_AUDIENCE.into(),
            iss: ISSUER.into(),
            iat: now,
            exp: now + LIFETIME_SECS,
        };
        super::jwt::sign(&self.keys, Purpose::Citizen, &claims)
    }

    /// What a validly signed, unexpired token grants; whether its code generation is still
    /// the decision's is for the caller to check against the database.
    pub fn verify(&self, token: &str) -> Option<CitizenGrant> {
        super::jwt::verify::<CitizenClaims>(&self.keys, Purpose::Citizen, CITIZEN_AUDIENCE, token)
            .map(|claims| CitizenGrant {
                reference: claims.sub,
                generation: claims.generation,
            })
    }
}

/// A decision a citizen token opens, and the access code generation it was opened with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitizenGrant {
    pub reference: String,
    pub generation: String,
}
