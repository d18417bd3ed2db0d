//! Authentication: staff passwords and sessions, citizen sessions (one decision, or by email),
//! CSRF. Signing in and out are use cases (`services::staff_sessions`,
//! `services::citizen_sign_in`).

pub mod api_token;
pub mod citizen_session;
pub mod citizen_token;
pub mod common_passwords;
pub mod csrf;
pub mod jwt;
pub mod password;
pub mod receipt;
pub mod session;
pub mod session_token;
