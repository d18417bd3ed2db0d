//! Every redirect the server builds goes through here, so that whatever a request's path or a
//! form's field holds, the browser is sent to a page of this site (docs/security.md).
//!
//! A browser reads `//host/…`, `/\host/…` and `///host/…` in a `Location` header as another
//! site, so a path that starts with more than one slash or a backslash would make the portal's
//! own address a phishing link. Such a location is brought back to the site's root.

use actix_web::http::header;
use actix_web::{HttpResponse, HttpResponseBuilder};

/// `location` as a path on this site: one leading `/`, no scheme or host, no control
/// characters. Anything else becomes a path the router answers itself (at worst a 404).
pub fn on_site(location: &str) -> String {
    let rest = location.trim_start_matches(['/', '\\']);
    let clean: String = rest
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| if c == '\\' { '/' } else { c })
        .collect();
    // After one leading slash the rest is a path; a remaining "//" inside it is harmless.
    let path = format!("/{}", clean.trim_start_matches('/'));
    if location.starts_with('/') || location.starts_with('\\') {
        path
    } else {
        // Not a path at all (`https://…`, `javascript:…`): the home page.
        "/".to_string()
    }
}

/// A `303 See Other` to `location` on this site.
pub fn see_other(location: &str) -> HttpResponseBuilder {
    let mut builder = HttpResponse::SeeOther();
    builder.insert_header((header::LOCATION, on_site(location)));
    builder
}

#[cfg(test)]
mod tests {
    use super::on_site;

    #[test]
    fn paths_that_name_another_site_stay_on_this_one() {
        assert_eq!(on_site("//evil.example/"), "/evil.example/");
        assert_eq!(on_site("///evil.example/"), "/evil.example/");
        assert_eq!(on_site("/\\evil.example/"), "/evil.example/");
        assert_eq!(on_site("\\\\evil.example"), "/evil.example");
        assert_eq!(on_site("/\t/evil.example"), "/evil.example");
        assert_eq!(on_site("https://evil.example/"), "/");
        assert_eq!(on_site("javascript:alert(1)"), "/");
    }

    #[test]
    fn ordinary_paths_are_kept() {
        assert_eq!(on_site("/"), "/");
        assert_eq!(on_site("/d/RD-ABCD-1234?x=1"), "/d/RD-ABCD-1234?x=1");
        assert_eq!(
            on_site("/staff/stats?from=2026-01"),
            "/staff/stats?from=2026-01"
        );
    }
}
