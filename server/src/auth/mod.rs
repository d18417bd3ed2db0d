//! Staff authentication: passwords, session tokens, CSRF, sign-in and its rate limit.

pub mod api_token;
pub mod citizen_token;
pub mod csrf;
pub mod jwt;
pub mod password;
pub mod session;
pub mod session_token;
pub mod signin;
