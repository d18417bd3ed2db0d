//! Attacks on the portal from outside, each of which must now fail (docs/security.md).

use tests::on_both_backends;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Sends `target` as the request line's path, byte for byte (an HTTP client would normalise
/// a backslash or a doubled slash away), and returns the status and `Location` header.
async fn raw_get(address: &str, target: &str) -> (u16, Option<String>) {
    let host = address.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
    let request = format!("GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    let text = String::from_utf8_lossy(&answer);
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let location = text
        .lines()
        .take_while(|line| !line.is_empty())
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("location")
                .then(|| value.trim().to_string())
        });
    (status, location)
}

on_both_backends! {
    async fn a_language_link_cannot_send_the_browser_to_another_site(app) {
        for target in [
            "//evil.example/?lang=en",
            "///evil.example/?lang=en",
            "/\\evil.example/?lang=en",
            "/\\/evil.example/?lang=en",
            "//evil.example/%2F..?lang=ru&x=1",
        ] {
            let (status, location) = raw_get(&app.address, target).await;
            if status == 303 {
                let location = location.expect("a redirect names where it goes");
                assert!(location.starts_with('/'), "{target} → {location}");
                let second = location.chars().nth(1);
                assert!(
                    !matches!(second, Some('/') | Some('\\')),
                    "{target} must not leave the site, went to {location}"
                );
            } else {
                assert!((400..500).contains(&status), "{target} answered {status}");
            }
        }
        // The ordinary switch still returns to the same page.
        let (status, location) = raw_get(&app.address, "/register?lang=en&page=2").await;
        assert_eq!((status, location.as_deref()), (303, Some("/register?page=2")));
    }
}

/// Every `Set-Cookie` header of a response.
fn set_cookies(response: &reqwest::Response) -> Vec<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect()
}

tests::on_both_backends_with! {
    |settings| settings.public_url = Some("https://redress.example.kz".into());

    async fn served_over_https_cookies_are_secure_host_cookies_and_hsts_is_sent(app) {
        let response = app.new_client().get(app.url("/staff/signin")).send().await.unwrap();
        assert_eq!(
            response.headers().get("strict-transport-security").unwrap(),
            "max-age=31536000; includeSubDomains"
        );
        let cookies = set_cookies(&response);
        assert!(!cookies.is_empty(), "the sign-in form sets its CSRF cookie");
        for cookie in &cookies {
            assert!(cookie.starts_with("__Host-redress_"), "{cookie}");
            assert!(cookie.contains("; Secure") && cookie.contains("Path=/"), "{cookie}");
            assert!(cookie.contains("HttpOnly") && !cookie.contains("Domain="), "{cookie}");
        }
        // A cookie without the prefix (which a neighbouring site or a clear-text page could
        // plant) is not read; the prefixed one is.
        let language = |cookie: &'static str| {
            let client = app.new_client();
            let url = app.url("/privacy");
            async move {
                client.get(url).header("cookie", cookie).header("accept-language", "kk")
                    .send().await.unwrap().text().await.unwrap()
            }
        };
        assert!(language("redress_lang=en").await.contains("<html lang=\"kk\""));
        assert!(language("__Host-redress_lang=en").await.contains("<html lang=\"en\""));
    }
}

on_both_backends! {
    async fn over_plain_loopback_there_is_no_hsts_and_cookies_are_unprefixed(app) {
        let response = app.new_client().get(app.url("/staff/signin")).send().await.unwrap();
        assert!(response.headers().get("strict-transport-security").is_none());
        let cookies = set_cookies(&response);
        assert!(cookies.iter().all(|c| c.starts_with("redress_") && !c.contains("Secure")));
    }

    async fn personal_answers_are_never_stored_by_a_cache(app) {
        let no_store = |response: &reqwest::Response| {
            response.headers().get("cache-control").map(|v| v.to_str().unwrap().to_string())
                == Some("no-store".to_string())
        };
        let anonymous = app.new_client().get(app.url("/privacy")).send().await.unwrap();
        assert!(!no_store(&anonymous), "a public page to a stranger may be cached");
        app.create_agency("cache-body");
        app.create_user("reviewer@cache.test", "reviewer", Some("cache-body"), "correct horse battery staple");
        let staff = app.signed_in_client("reviewer@cache.test", "correct horse battery staple").await;
        for path in ["/staff", "/privacy", "/register"] {
            let response = staff.get(app.url(path)).send().await.unwrap();
            assert_eq!(response.status(), 200, "{path}");
            assert!(no_store(&response), "{path} to a signed-in reviewer must not be cached");
        }
        let style = staff.get(app.url("/style/redress.css")).send().await.unwrap();
        assert!(!no_store(&style), "the style sheet keeps its caching");
        let token = app.api_token("cache-body", "decisions:write").await;
        let api = app.new_client().get(app.url("/api/v1/systems")).bearer_auth(&token).send().await.unwrap();
        assert!(no_store(&api), "API answers are not cached");
        let token_answer = app.new_client().post(app.url("/api/v1/token")).form(&[("grant_type", "client_credentials")]).send().await.unwrap();
        assert!(no_store(&token_answer), "token answers are not cached");
    }
}

/// The state body that owns the decision `reference`.
fn owner_of(app: &tests::TestApp, reference: &str) -> String {
    use diesel::prelude::*;
    use server::db::schema::{agencies, decisions};
    decisions::table
        .inner_join(agencies::table)
        .filter(decisions::reference.eq(reference))
        .select(agencies::slug)
        .first(&mut app.db())
        .unwrap()
}

on_both_backends! {
    async fn a_reissued_access_code_ends_the_old_codes_sessions(app) {
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let (reference, code) = server::cli::demo_decisions::DEMO_PAIRS[1];
        let citizen = app.new_client();
        let page = citizen.get(app.url("/find")).send().await.unwrap().text().await.unwrap();
        let csrf = tests::hidden_value(&page, "csrf_token").unwrap();
        let opened = citizen.post(app.url("/find"))
            .form(&[("reference", reference), ("access_code", code), ("csrf_token", &csrf)])
            .send().await.unwrap();
        assert_eq!(opened.headers().get("location").unwrap(), &format!("/d/{reference}"));
        let path = format!("/d/{reference}");
        assert_eq!(citizen.get(app.url(&path)).send().await.unwrap().status(), 200);

        let token = app.api_token(&owner_of(&app, reference), "decisions:write").await;
        let reissued = app.new_client()
            .post(app.url(&format!("/api/v1/decisions/{reference}/access-code")))
            .bearer_auth(&token).send().await.unwrap();
        assert_eq!(reissued.status(), 200);
        let status = citizen.get(app.url(&path)).send().await.unwrap().status();
        assert_eq!(status, 401, "the browser opened with the old code no longer reads the decision");
    }
}

/// The number of audit rows with `action`.
fn audited(app: &tests::TestApp, action: &str) -> i64 {
    use diesel::prelude::*;
    use server::db::schema::audit_log;
    audit_log::table
        .filter(audit_log::action.eq(action))
        .count()
        .get_result(&mut app.db())
        .unwrap()
}

on_both_backends! {
    async fn a_form_posted_from_another_site_is_refused(app) {
        app.create_agency("origin-body");
        app.create_user("reviewer@origin.test", "reviewer", Some("origin-body"), "a long enough password");
        let client = app.new_client();
        let page = client.get(app.url("/staff/signin")).send().await.unwrap().text().await.unwrap();
        let csrf = tests::hidden_value(&page, "csrf_token").unwrap();
        let form = [("email", "reviewer@origin.test"), ("password", "a long enough password"), ("csrf_token", csrf.as_str())];
        let refused = client.post(app.url("/staff/signin")).header("origin", "https://evil.example")
            .header("accept-language", "en").form(&form).send().await.unwrap();
        assert_eq!(refused.status(), 403);
        assert!(refused.text().await.unwrap().contains("came from another site"));
        let by_referer = client.post(app.url("/staff/signin")).header("referer", "https://evil.example/page")
            .form(&form).send().await.unwrap();
        assert_eq!(by_referer.status(), 403);
        let own = client.post(app.url("/staff/signin")).header("origin", app.address.as_str())
            .form(&form).send().await.unwrap();
        assert_eq!(own.headers().get("location").unwrap(), "/staff", "the site's own form signs in");
    }

    async fn a_csrf_token_from_before_sign_in_is_worthless_after_it(app) {
        app.create_agency("csrf-body");
        app.create_user("reviewer@csrf.test", "reviewer", Some("csrf-body"), "a long enough password");
        let client = app.new_client();
        let page = client.get(app.url("/staff/signin")).send().await.unwrap().text().await.unwrap();
        let before = tests::hidden_value(&page, "csrf_token").unwrap();
        let signed_in = client.post(app.url("/staff/signin"))
            .form(&[("email", "reviewer@csrf.test"), ("password", "a long enough password"), ("csrf_token", before.as_str())])
            .send().await.unwrap();
        assert_eq!(signed_in.headers().get("location").unwrap(), "/staff");
        let home = client.get(app.url("/staff")).send().await.unwrap().text().await.unwrap();
        let after = tests::hidden_value(&home, "csrf_token").unwrap();
        assert_ne!(before, after, "the token changes at sign-in");
        // Signing out with the old token is refused: the session stays.
        client.post(app.url("/staff/signout")).form(&[("csrf_token", before.as_str())]).send().await.unwrap();
        assert_eq!(client.get(app.url("/staff")).send().await.unwrap().status(), 200);
        client.post(app.url("/staff/signout")).form(&[("csrf_token", after.as_str())]).send().await.unwrap();
        assert_eq!(client.get(app.url("/staff")).send().await.unwrap().status(), 303, "signed out");
    }

    async fn a_link_from_another_site_writes_nothing_for_a_signed_in_staff_member(app) {
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let (email, _, _, _, password) = server::cli::seed_demo::DEMO_ACCOUNTS[0];
        let reference = server::cli::demo_decisions::DEMO_PAIRS
            .iter()
            .map(|p| p.0)
            .find(|r| owner_of(&app, r) == "social-benefits")
            .unwrap();
        let staff = app.signed_in_client(email, password).await;
        let path = format!("/d/{reference}");
        let before = audited(&app, "decision.viewed_by_staff");
        let response = staff.get(app.url(&path)).header("sec-fetch-site", "cross-site")
            .header("accept-language", "en").send().await.unwrap();
        assert_eq!(response.status(), 200);
        let html = response.text().await.unwrap();
        assert!(html.contains("Continue to this page?") && html.contains(&format!("href=\"{path}\"")));
        assert_eq!(audited(&app, "decision.viewed_by_staff"), before, "no audit row from another site's link");
        let response = staff.get(app.url(&path)).header("sec-fetch-site", "same-origin").send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(audited(&app, "decision.viewed_by_staff"), before + 1, "the view from this site is audited");
    }
}

/// Every page path with its parameters filled in, every GET of the API, and the server's own
/// routes.
fn every_route() -> Vec<String> {
    let mut paths: Vec<String> = server::startup::page_paths()
        .into_iter()
        .map(|path| {
            path.split('/')
                .map(|part| match part.strip_prefix(':') {
                    Some("reference") => "RD-AAAA-AAAA".to_string(),
                    Some(_) => "no-such-thing".to_string(),
                    None => part.to_string(),
                })
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect();
    assert!(paths.len() >= 25, "the page routes were found: {paths:?}");
    for (method, path) in server::api::ROUTES {
        if *method == "get" {
            paths.push(
                path.replace("{slug}", "no-such-thing")
                    .replace("{reference}", "RD-AAAA-AAAA"),
            );
        }
    }
    for extra in [
        "/healthz",
        "/readyz",
        "/.well-known/redress-receipt-key",
        "/style/redress.css",
        "/stats/export/systems.csv",
        "/staff/stats/export/systems.csv",
        "/me/data.json",
        "/no/such/page",
        "/pkg/no-such-file.js",
    ] {
        paths.push(extra.to_string());
    }
    paths
}

/// Asserts the headers every answer must carry.
fn assert_security_headers(path: &str, response: &reqwest::Response, https: bool) {
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
    };
    assert_eq!(
        header("x-content-type-options").as_deref(),
        Some("nosniff"),
        "{path}"
    );
    assert_eq!(header("x-frame-options").as_deref(), Some("DENY"), "{path}");
    assert_eq!(
        header("referrer-policy").as_deref(),
        Some("same-origin"),
        "{path}"
    );
    let csp = header("content-security-policy").unwrap_or_default();
    assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
    if csp.contains("script-src") {
        assert!(
            csp.contains("'nonce-"),
            "{path}: page scripts run by nonce only: {csp}"
        );
        assert!(
            !csp.contains("'unsafe-inline'") || csp.contains("'nonce-"),
            "{path}: {csp}"
        );
    }
    assert_eq!(
        header("strict-transport-security").is_some(),
        https,
        "{path}: HSTS only over https"
    );
}

on_both_backends! {
    async fn every_route_answers_with_the_security_headers(app) {
        let stranger = app.new_client();
        let (email, _, _, _, password) = server::cli::seed_demo::DEMO_ACCOUNTS[2];
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let ombudsman = app.signed_in_client(email, password).await;
        for path in every_route() {
            for client in [&stranger, &ombudsman] {
                let response = client.get(app.url(&path)).send().await.unwrap();
                assert!(response.status().as_u16() < 500, "{path} answered {}", response.status());
                assert_security_headers(&path, &response, false);
            }
        }
    }
}

tests::on_both_backends_with! {
    |settings| settings.public_url = Some("https://redress.example.kz".into());

    async fn over_https_every_route_sends_hsts(app) {
        let client = app.new_client();
        for path in every_route() {
            let response = client.get(app.url(&path)).send().await.unwrap();
            assert_security_headers(&path, &response, true);
        }
    }
}

on_both_backends! {
    async fn reading_peoples_data_is_audited_wherever_it_is_read(app) {
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let (email, _, _, _, password) = server::cli::seed_demo::DEMO_ACCOUNTS[1];
        let supervisor = app.signed_in_client(email, password).await;
        assert_eq!(supervisor.get(app.url("/staff/decisions?outcome=denied")).send().await.unwrap().status(), 200);
        assert_eq!(audited(&app, "decisions.listed_by_staff"), 1, "a staff list of decisions is audited");
        assert_eq!(supervisor.get(app.url("/staff/flags")).send().await.unwrap().status(), 200);
        assert_eq!(audited(&app, "register_flags.viewed_by_staff"), 1, "reading error reports (the public's emails) is audited");

        let reference = server::cli::demo_decisions::DEMO_PAIRS[0].0;
        let token = app.api_token(&owner_of(&app, reference), "decisions:write").await;
        let read = app.new_client().get(app.url(&format!("/api/v1/decisions/{reference}")))
            .bearer_auth(&token).send().await.unwrap();
        assert_eq!(read.status(), 200);
        assert_eq!(audited(&app, "decision.read_by_api"), 1, "an API read of a decision is audited");
        assert_eq!(server::db::models::audit::first_broken_entry(&mut app.db()).unwrap(), None);
    }
}
