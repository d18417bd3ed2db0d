//! Machine API tokens: short-lived HS256 JWTs with an audience of their own (never a staff
//! session), carrying the client, its agency and its scopes.

use crate::keys::{Keys, Purpose};
use serde::{Deserialize, Serialize};

/// The audience of API tokens.
pub const API_AUDIENCE: &str = "redress:api";
use super::jwt::ISSUER;
/// How long a token lives (docs/api.md: 15 minutes).
pub const LIFETIME_SECS: i64 = 900;

/// The scopes a client may hold.
pub const SCOPES: [&str; 5] = [
    "systems:write",
    "register:publish",
    "decisions:write",
    "appeals:read",
    "stats:read",
];

/// What an API token says.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ApiClaims {
    /// The client id.
    pub sub: String,
    pub aud: String,
    pub iss: String,
    /// The client's agency.
    pub agency: i64,
    /// Space-separated scopes.
    pub scope: String,
    pub iat: i64,
    pub exp: i64,
}

impl ApiClaims {
    /// Whether the token grants `scope`.
    pub fn has_scope(&self, scope: &str) -> bool {
        self.scope.split_whitespace().any(|s| s == scope)
    }
}

/// Signs and checks API tokens with the API key.
#[derive(Clone)]
pub struct ApiTokens {
    keys: Keys,
}

impl ApiTokens {
    /// Tokens signed with the API keys of `keys`.
    pub fn new(keys: Keys) -> ApiTokens {
        ApiTokens { keys }
    }

    /// A token for `client_id` of `agency` with `scopes`, issued `now`.
    pub fn issue(
        &self,
        client_id: &str,
        agency: i64,
        scopes: &[String],
        now: i64,
    ) -> anyhow::Result<String> {
        let claims = ApiClaims {
            sub: client_id.into(),
            aud: API_AUDIENCE.into(),
            iss: ISSUER.into(),
            agency,
            scope: scopes.join(" "),
            iat: now,
            exp: now + LIFETIME_SECS,
        };
        super::jwt::sign(&self.keys, Purpose::Api, &claims)
    }

    /// Checks key, signature, algorithm, audience, issuer and expiry.
    pub fn verify(&self, token: &str) -> Option<ApiClaims> {
        super::jwt::verify(&self.keys, Purpose::Api, API_AUDIENCE, token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::session_token::SessionTokens;

    fn keys() -> Keys {
        Keys::derive(&secrecy::SecretString::from(
            "0123456789abcdef0123456789abcdef",
        ))
    }

    #[test]
    fn session_tokens_and_api_tokens_are_never_accepted_as_each_other() {
        let now = chrono::Utc::now().timestamp();
        let api = ApiTokens::new(keys());
        let sessions = SessionTokens::new(keys(), 3600, 600);
        let api_token = api.issue("c1", 1, &["systems:write".into()], now).unwrap();
        let (session_token, _) = sessions.issue(1, "s", now, now).unwrap();
        assert!(
            sessions.verify(&api_token).is_err(),
            "an API token is not a session"
        );
        assert!(
            api.verify(&session_token).is_none(),
            "a session is not an API token"
        );
        assert!(api.verify(&api_token).unwrap().has_scope("systems:write"));
    }

    #[test]
    fn expired_and_tampered_api_tokens_are_refused() {
        let api = ApiTokens::new(keys());
        let long_ago = chrono::Utc::now().timestamp() - LIFETIME_SECS - 1;
        let expired = api
            .issue("c1", 1, &["decisions:write".into()], long_ago)
            .unwrap();
        assert!(
            api.verify(&expired).is_none(),
            "a token past its 900 s is refused"
        );
        let fresh = api
            .issue(
                "c1",
                1,
                &["decisions:write".into()],
                chrono::Utc::now().timestamp(),
            )
            .unwrap();
        let tampered = fresh.replacen('.', ".x", 1);
        assert!(api.verify(&tampered).is_none());
    }
}
