//! Guessing limits behind a proxy: an attacker who knows an address, a reference or a client
//! id cannot lock its owner out, guessing stays bounded, and a client cannot forge its address
//! (docs/security.md). The server trusts 127.0.0.1 as its proxy here, so each client below
//! names its address in `X-Forwarded-For` as the proxy would.

use server::cli::demo_decisions::DEMO_PAIRS;
use tests::{hidden_value, TestApp};

const EMAIL: &str = "supervisor@limits.test";
const PASSWORD: &str = "the supervisor's own passphrase";

/// A browser at `address` (as the proxy reports it), with its own cookies.
fn browser_at(address: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-forwarded-for", address.parse().unwrap());
    headers.insert("accept-language", "en".parse().unwrap());
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .default_headers(headers)
        .build()
        .unwrap()
}

/// Posts `fields` with the form's CSRF token; the answer's `Location`.
async fn post_form(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> String {
    let page = client
        .get(app.url(path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = hidden_value(&page, "csrf_token").expect("csrf token");
    let mut all: Vec<(&str, &str)> = fields.to_vec();
    all.push(("csrf_token", &csrf));
    let response = client.post(app.url(path)).form(&all).send().await.unwrap();
    response
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

async fn sign_in_from(app: &TestApp, address: &str, password: &str) -> bool {
    let client = browser_at(address);
    post_form(
        app,
        &client,
        "/staff/signin",
        &[("email", EMAIL), ("password", password)],
    )
    .await
        == "/staff"
}

async fn find_from(app: &TestApp, address: &str, reference: &str, code: &str) -> bool {
    let client = browser_at(address);
    post_form(
        app,
        &client,
        "/find",
        &[("reference", reference), ("access_code", code)],
    )
    .await
        == format!("/d/{reference}")
}

tests::on_both_backends_with! {
    |settings| {
        settings.trusted_proxies = vec!["127.0.0.1".into()];
        // A proxy in front means https, but these clients speak plain http to 127.0.0.1.
        settings.secure_cookies = Some(false);
    };

    async fn an_attack_on_a_staff_account_does_not_lock_its_owner_out(app) {
        app.create_agency("limits-body");
        app.create_user(EMAIL, "supervisor", Some("limits-body"), PASSWORD);
        // Five addresses of one network try five times each. After four of them (20 failures)
        // the account is under attack, and their network has failed on it far more often than
        // one address may: the fifth address gets no guess checked.
        for source in 1..=5 {
            for _ in 0..5 {
                assert!(!sign_in_from(&app, &format!("203.0.113.{source}"), "guess").await);
            }
        }
        // The attacking addresses are refused even with the right password: guessing stays
        // bounded at five per address.
        assert!(!sign_in_from(&app, "203.0.113.1", PASSWORD).await);
        // A new address in the attackers' network gets nothing while the attack lasts.
        assert!(!sign_in_from(&app, "203.0.113.77", "another guess").await);
        assert!(!sign_in_from(&app, "203.0.113.77", PASSWORD).await);
        // The owner, from their own address, signs in.
        assert!(sign_in_from(&app, "198.51.100.20", PASSWORD).await);
        // Each checked failure was audited with the address it came from.
        use diesel::prelude::*;
        use server::db::schema::audit_log;
        let failed: Vec<String> = audit_log::table
            .filter(audit_log::action.eq("staff.sign_in_failed"))
            .select(audit_log::details_json)
            .load(&mut app.db())
            .unwrap();
        assert_eq!(failed.len(), 20);
        assert!(failed.iter().any(|d| d.contains("203.0.113.4")));
        assert!(!failed.iter().any(|d| d.contains("203.0.113.5")), "the fifth address was never checked");
    }

    async fn an_attack_on_a_decision_reference_does_not_lock_the_citizen_out(app) {
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let (reference, code) = DEMO_PAIRS[2];
        for source in 1..=5 {
            for _ in 0..5 {
                assert!(!find_from(&app, &format!("2001:db8:{source}::1"), reference, "AAAA-AAAA").await);
            }
        }
        // Another address in an attacker's /64 is the same client.
        assert!(!find_from(&app, "2001:db8:1::ffff", reference, code).await);
        assert!(find_from(&app, "198.51.100.30", reference, code).await);
    }

    async fn an_api_client_secret_cannot_be_guessed_without_bound_nor_its_client_locked_out(app) {
        app.create_agency("limits-body");
        let (client_id, secret) = app.create_client("limits-body", "decisions:write");
        let token = |address: &'static str, secret: String| {
            let client = browser_at(address);
            let url = app.url("/api/v1/token");
            let id = client_id.clone();
            async move {
                client.post(url).json(&serde_json::json!({"client_id": id, "client_secret": secret}))
                    .send().await.unwrap().status().as_u16()
            }
        };
        for _ in 0..10 {
            assert_eq!(token("203.0.113.50", "wrong".into()).await, 401);
        }
        assert_eq!(token("203.0.113.50", secret.clone()).await, 429, "the guessing address is stopped");
        assert_eq!(token("198.51.100.40", secret.clone()).await, 200, "the integration still gets in");
    }
}

tests::on_both_backends! {
    async fn without_a_trusted_proxy_a_forwarded_address_is_not_believed(app) {
        app.create_agency("limits-body");
        app.create_user(EMAIL, "supervisor", Some("limits-body"), PASSWORD);
        // Each failure claims another address; all come from the same socket.
        for source in 1..=5 {
            assert!(!sign_in_from(&app, &format!("203.0.113.{source}"), "guess").await);
        }
        assert!(
            !sign_in_from(&app, "198.51.100.20", PASSWORD).await,
            "a claimed address is not a new source: the socket's is counted"
        );
    }

    async fn the_token_endpoint_reads_no_large_body_and_a_422_lists_at_most_100_problems(app) {
        let big = vec![b'['; 1024 * 1024];
        let response = app.new_client().post(app.url("/api/v1/token"))
            .header("content-type", "application/json").body(big).send().await.unwrap();
        assert_eq!(response.status(), 413);
        let body: serde_json::Value = response.json().await.unwrap();
        assert!(body["message"].as_str().unwrap().contains("4 KiB"), "{body}");

        app.create_agency("limits-body");
        let token = app.api_token("limits-body", "decisions:write").await;
        let items: Vec<serde_json::Value> = (0..150).map(|_| serde_json::json!({})).collect();
        let response = app.new_client().post(app.url("/api/v1/decisions")).bearer_auth(&token)
            .json(&serde_json::json!({"decisions": items})).send().await.unwrap();
        assert_eq!(response.status(), 422);
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["details"].as_array().unwrap().len(), 100);
        let message = body["message"].as_str().unwrap();
        assert!(message.contains("the first 100 are listed"), "{message}");
    }

    async fn seed_demo_refuses_a_database_with_real_data(app) {
        let mut conn = app.db();
        let on_postgres = app.backend == tests::Backend::Postgres;
        assert_eq!(
            server::cli::seed_demo::refuse_unless_demo(&mut conn, false).is_err(),
            on_postgres,
            "PostgreSQL needs --allow-demo"
        );
        assert!(server::cli::seed_demo::refuse_unless_demo(&mut conn, true).is_ok());
        drop(conn);
        app.create_agency("real-body");
        let error = server::cli::seed_demo::refuse_unless_demo(&mut app.db(), true).unwrap_err();
        assert!(error.to_string().contains("real-body"), "{error}");
    }
}

tests::on_both_backends! {
    async fn hostile_json_is_refused_with_a_clear_4xx_and_nothing_is_stored(app) {
        use diesel::prelude::*;
        app.create_agency("limits-body");
        let token = app.api_token("limits-body", "decisions:write,systems:write").await;
        let valid = |external_id: &str| serde_json::json!({
            "external_id": external_id, "system": "no-such-system", "outcome": "denied",
            "outcome_label": {"en": "Denied"}, "decided_at": "2026-11-02T15:15:00+05:00",
            "legal_basis": {"en": "Article 97"}, "summary": {"en": "Above the limit."},
            "factors": [], "counterfactuals": [], "human_involvement": "none",
            "human_reviewer": null, "model_version": "1", "subject": {"language": "ru"}
        }).to_string();
        let bodies: Vec<(&str, String)> = vec![
            ("deep nesting", "[".repeat(100_000)),
            ("deep objects", "{\"a\":".repeat(50_000)),
            ("lone surrogate", valid("HB-1").replace("\"HB-1\"", "\"\\ud800\"")),
            ("NUL in an identifier", valid("HB-1").replace("\"HB-1\"", "\"HB\\u0000-1\"")),
            ("NUL in a text", valid("HB-1").replace("Above the limit.", "Above\\u0000 the limit.")),
            ("huge string", valid("HB-1").replace("\"HB-1\"", &format!("\"{}\"", "x".repeat(10 * 1024 * 1024)))),
            ("truncated", valid("HB-1")[..100].to_string()),
            ("not UTF-8", String::from_utf8_lossy(&[0x7b, 0xff, 0xfe, 0x7d]).into_owned()),
            ("a number", "1e99999".into()),
            ("duplicate keys", "{\"decisions\": [], \"decisions\": []}".into()),
        ];
        for (what, body) in bodies {
            for path in ["/api/v1/decisions", "/api/v1/systems"] {
                let wrapped = if what == "deep nesting" || what == "deep objects" || what == "truncated"
                    || what == "not UTF-8" || what == "a number" || what == "duplicate keys" {
                    body.clone()
                } else if path == "/api/v1/decisions" {
                    format!("{{\"decisions\": [{body}]}}")
                } else {
                    body.clone()
                };
                let response = app.new_client().post(app.url(path)).bearer_auth(&token)
                    .header("content-type", "application/json").body(wrapped).send().await.unwrap();
                let status = response.status().as_u16();
                assert!((400..500).contains(&status), "{what} to {path}: {status}");
                let answer: serde_json::Value = response.json().await.unwrap_or_default();
                assert!(answer["message"].as_str().is_some_and(|m| !m.is_empty()), "{what}: {answer}");
            }
        }
        let stored: i64 = server::db::schema::decisions::table.count().get_result(&mut app.db()).unwrap();
        let systems: i64 = server::db::schema::ai_systems::table.count().get_result(&mut app.db()).unwrap();
        assert_eq!((stored, systems), (0, 0), "nothing was half-written");
    }
}
