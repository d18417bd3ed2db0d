//! The token between the password and the second factor. A staff member whose password was
//! right but who still owes a one-time code (or must first set up an authenticator) carries this
//! short-lived token in a cookie of its own; it signs nobody in: only the code page and the
//! enrolment page read it. Its audience is its own, so it is never taken for a session.

use super::jwt::ISSUER;
use crate::keys::{Keys, Purpose};
use serde::{Deserialize, Serialize};

/// The audience of sign-in step tokens.
pub const STEP_AUDIENCE: &str = "redress:staff-signin-step";
/// The cookie holding the token.
pub const COOKIE: &str = "redress_signin_step";
/// Ten minutes to find the phone and type the code (or set up the app).
pub const LIFETIME_SECS: i64 = 600;

/// What the staff member still has to do.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Type a code from the authenticator (or a recovery code).
    Code,
    /// Set up an authenticator first: the role requires one and there is none.
    Enrol,
}

/// What a step token says.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct StepClaims {
    /// The user id.
    pub sub: String,
    pub aud: String,
    pub iss: String,
    pub step: Step,
    /// When the password was checked: a password change since then voids the step.
    pub auth_time: i64,
    /// At [`Step::Enrol`], the enrolment this sign-in began (`services::two_factor::restart`):
    /// the only one it may read or confirm.
    #[serde(default)]
    pub enrolment: Option<i64>,
    pub iat: i64,
    pub exp: i64,
}

impl StepClaims {
    /// The account the step belongs to.
    pub fn user_id(&self) -> Option<i64> {
        self.sub.parse().ok()
    }
}

/// Signs and checks step tokens with the session keys (their own audience keeps them apart).
#[derive(Clone)]
pub struct StepTokens {
    keys: Keys,
}

impl StepTokens {
    /// Tokens signed with the session keys of `keys`.
    pub fn new(keys: Keys) -> StepTokens {
        StepTokens { keys }
    }

    /// A token for `user_id`, who must still do `step` (with `enrolment` at [`Step::Enrol`]),
    /// issued at `now`.
    pub fn issue(
        &self,
        user_id: i64,
        step: Step,
        enrolment: Option<i64>,
        now: i64,
    ) -> anyhow::Result<String> {
        let claims = StepClaims {
            sub: user_id.to_string(),
            aud: STEP_AUDIENCE.into(),
            iss: ISSUER.into(),
            step,
            auth_time: now,
            enrolment,
            iat: now,
            exp: now + LIFETIME_SECS,
        };
        super::jwt::sign(&self.keys, Purpose::Session, &claims)
    }

    /// The claims of a valid, unexpired token; `None` for anything else.
    pub fn verify(&self, token: &str) -> Option<StepClaims> {
        super::jwt::verify(&self.keys, Purpose::Session, STEP_AUDIENCE, token)
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
    fn a_step_token_verifies_and_is_never_a_session() {
        let now = chrono::Utc::now().timestamp();
        let token = StepTokens::new(keys())
            .issue(7, Step::Code, None, now)
            .unwrap();
        let claims = StepTokens::new(keys()).verify(&token).expect("verifies");
        assert_eq!((claims.user_id(), claims.step), (Some(7), Step::Code));
        assert!(SessionTokens::new(keys(), 3600, 600)
            .verify(&token)
            .is_err());
        let (session, _) = SessionTokens::new(keys(), 3600, 600)
            .issue(7, "s", now, now)
            .unwrap();
        assert!(StepTokens::new(keys()).verify(&session).is_none());
    }

    #[test]
    fn an_old_step_token_is_refused() {
        let long_ago = chrono::Utc::now().timestamp() - LIFETIME_SECS - 1;
        let token = StepTokens::new(keys())
            .issue(7, Step::Enrol, Some(1), long_ago)
            .unwrap();
        assert!(StepTokens::new(keys()).verify(&token).is_none());
    }
}
