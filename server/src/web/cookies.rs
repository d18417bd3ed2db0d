//! Cookies the portal sets: HttpOnly and SameSite always; when the portal is served over
//! https (`Settings::cookies_secure`), `Secure` and named with the `__Host-` prefix, which a
//! browser only accepts from this exact host over https with `Path=/`, so a neighbouring
//! subdomain or a clear-text page cannot plant one (docs/security.md).

use actix_web::cookie::{time::Duration, Cookie, SameSite};

/// The name `name` is sent under.
pub fn name_for(name: &'static str, secure: bool) -> std::borrow::Cow<'static, str> {
    if secure {
        format!("__Host-{name}").into()
    } else {
        name.into()
    }
}

/// A request whose cookies can be read (a handler's or a middleware's).
pub trait WithCookies {
    fn cookie_named(&self, name: &str) -> Option<Cookie<'static>>;
}

impl WithCookies for actix_web::HttpRequest {
    fn cookie_named(&self, name: &str) -> Option<Cookie<'static>> {
        self.cookie(name)
    }
}

impl WithCookies for actix_web::dev::ServiceRequest {
    fn cookie_named(&self, name: &str) -> Option<Cookie<'static>> {
        self.cookie(name)
    }
}

/// The cookie `name` of a request, under the name it is set with.
pub fn read(req: &impl WithCookies, name: &'static str, secure: bool) -> Option<Cookie<'static>> {
    req.cookie_named(&name_for(name, secure))
}

/// A cookie for `name`, living `max_age_secs` (none: until the browser closes).
pub fn build(
    name: &'static str,
    value: String,
    max_age_secs: Option<i64>,
    secure: bool,
) -> Cookie<'static> {
    let mut cookie = Cookie::build(name_for(name, secure), value)
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
