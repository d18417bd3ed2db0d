//! Cookies the portal sets: HttpOnly and SameSite always, Secure when configured.

use actix_web::cookie::{time::Duration, Cookie, SameSite};

/// A cookie for `name`, living `max_age_secs` (none: until the browser closes).
pub fn build(
    name: &'static str,
    value: String,
    max_age_secs: Option<i64>,
    secure: bool,
) -> Cookie<'static> {
    let mut cookie = Cookie::build(name, value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .finish();
    if let Some(secs) = max_age_secs {
        cookie.set_max_age(Duration::seconds(secs));
    }
    cookie
}

/// A cookie that tells the browser to forget `name`.
pub fn removal(name: &'static str, secure: bool) -> Cookie<'static> {
    let mut cookie = build(name, String::new(), Some(0), secure);
    cookie.make_removal();
    cookie
}

/// The language choice, kept for a year.
pub const LANGUAGE: &str = "redress_lang";
