//! Staff authentication: passwords, session tokens, CSRF. Signing in and out are use cases
//! (`services::staff_sessions`).

pub mod api_token;
pub mod citizen_token;
pub mod csrf;
pub mod jwt;
pub mod password;
pub mod receipt;
pub mod session;
pub mod session_token;
