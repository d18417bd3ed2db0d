//! Authentication: staff passwords and sessions, staff two-factor sign-in (`totp`,
//! `recovery_codes`, `signin_step`), citizen sessions (one decision, or by email), CSRF.
//! Signing in and out are use cases (`services::staff_sessions`, `services::two_factor`,
//! `services::citizen_sign_in`).

pub mod api_token;
pub mod citizen_session;
pub mod citizen_token;
pub mod common_passwords;
pub mod csrf;
pub mod jwt;
pub mod password;
pub mod receipt;
pub mod recovery_codes;
pub mod session;
pub mod session_token;
pub mod signin_step;
pub mod totp;
pub mod two_factor_secret;
