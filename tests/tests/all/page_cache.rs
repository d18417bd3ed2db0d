//! The page cache (docs/performance.md, "The page cache"), with the window of fresh reads
//! servers run with: a kept page is sent with a fresh nonce each time; a change made through
//! the server shows on the next request, and a change made elsewhere within the window; the
//! language and the query choose the copy; a signed-in reader neither gets the copy kept for
//! others nor leaves theirs behind; both backends.

use reqwest::StatusCode;
use serde_json::{json, Value};
use server::cli::demo_decisions::DEMO_PAIRS;
use server::cli::seed_demo::DEMO_ACCOUNTS;
use std::time::{Duration, Instant};
use tests::{on_both_backends_with, TestApp};

/// The page's nonce as its Content-Security-Policy and its script tags carry it.
async fn page_and_nonces(response: reqwest::Response) -> (String, String, Vec<String>) {
    assert_eq!(response.status(), 200);
    let policy = response
        .headers()
        .get("content-security-policy")
        .expect("a policy")
        .to_str()
        .unwrap()
        .to_string();
    let header_nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy")
        .to_string();
    let html = response.text().await.unwrap();
    let body_nonces = html
        .split("nonce=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_string())
        .collect();
    (html, header_nonce, body_nonces)
}

async fn get(client: &reqwest::Client, app: &TestApp, path: &str, language: &str) -> String {
    let response = client
        .get(app.url(path))
        .header("accept-language", language)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

/// A register entry of the demo's first system under another slug and English name.
fn entry(slug: &str, english_name: &str) -> Value {
    let systems: Value =
        serde_json::from_str(include_str!("../../../server/src/cli/demo/systems.json")).unwrap();
    let mut content = systems[0]["content"].clone();
    content["slug"] = json!(slug);
    content["name"]["en"] = json!(english_name);
    content
}

/// The servers' own window (`page_cache.fresh_for_millis`).
fn window() -> Duration {
    Duration::from_millis(server::config::PageCacheSettings::default().fresh_for_millis)
}

/// Asks for `path` until it contains `text`; a change made elsewhere shows once the window of
/// fresh reads has passed. Panics after a few windows (a slow machine included).
async fn shows_within_the_window(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    text: &str,
) -> String {
    let started = Instant::now();
    loop {
        let page = get(client, app, path, "en").await;
        if page.contains(text) {
            return page;
        }
        assert!(
            started.elapsed() < window() * 20,
            "{path}: {text:?} did not show within {:?}",
            started.elapsed()
        );
        tokio::time::sleep(window() / 5).await;
    }
}

on_both_backends_with! {
    |settings| settings.page_cache = Default::default();
    async fn a_kept_page_is_sent_with_a_fresh_nonce_each_time(app) {
        let reader = app.new_client();
        let mut pages = Vec::new();
        let mut nonces = Vec::new();
        for _ in 0..3 {
            let response = reader.get(app.url("/privacy")).header("accept-language", "en").send().await.unwrap();
            let (html, header_nonce, body_nonces) = page_and_nonces(response).await;
            assert!(!body_nonces.is_empty(), "the page's scripts carry the nonce");
            assert!(body_nonces.iter().all(|n| *n == header_nonce), "the scripts carry the policy's nonce");
            pages.push(html.replace(&header_nonce, "NONCE"));
            nonces.push(header_nonce);
        }
        assert!(pages[0].contains("<html lang=\"en\""));
        assert!(pages.iter().all(|page| *page == pages[0]), "the same page each time");
        nonces.sort();
        nonces.dedup();
        assert_eq!(nonces.len(), 3, "no two responses share a nonce");
    }

    async fn the_language_and_the_query_choose_the_copy(app) {
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let reader = app.new_client();
        for _ in 0..2 {
            let english = get(&reader, &app, "/register", "en").await;
            assert!(english.contains("<html lang=\"en\"") && english.contains("Housing benefit eligibility scoring"));
            let russian = get(&reader, &app, "/register", "ru").await;
            assert!(russian.contains("<html lang=\"ru\"") && russian.contains("Оценка права на жилищную помощь"));
            assert!(!russian.contains("Housing benefit eligibility scoring"), "no English on the Russian copy");
            let found = get(&reader, &app, "/register?q=housing", "en").await;
            assert!(found.contains("Housing benefit eligibility scoring"));
            assert!(!found.contains("VAT"), "the search's copy lists only what matches");
            assert!(english.contains("VAT"), "the unfiltered copy lists every system");
        }
    }

    async fn a_register_change_shows_on_the_next_request(app) {
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let reader = app.new_client();
        let before = get(&reader, &app, "/register", "en").await;
        let again = get(&reader, &app, "/register", "en").await;
        assert_eq!(without_nonce(&before), without_nonce(&again), "the same page while nothing changes");
        assert!(!before.contains("Pension eligibility scoring"));

        // Published through the API: the service tells the cache, and the version moves.
        let token = app.api_token("social-benefits", "systems:write,register:publish").await;
        let mut published = entry("pension-eligibility", "Pension eligibility scoring");
        published["publish"] = json!(true);
        published["change_note"] = json!("A new system for pensions");
        let response = app.post_json("/api/v1/systems", &token, &published).await;
        assert!(response.status().is_success(), "{}", response.text().await.unwrap());
        let after = get(&reader, &app, "/register", "en").await;
        assert!(after.contains("Pension eligibility scoring"), "a new entry shows at once");

        // Written straight to the database, as another server or the `redress` command would:
        // no hook runs here; the version read again from the database once the window has
        // passed moves the key.
        let content: app::types::RegisterEntryContent =
            serde_json::from_value(entry("pension-eligibility", "Pension entitlement scoring")).unwrap();
        let agency = server::db::models::agency::find_by_slug(&mut app.db(), "social-benefits").unwrap().unwrap();
        let outcome = server::db::models::ai_system::save_version(
            &mut app.db(), agency.id, "pension-eligibility", &content, "The name corrected", chrono::Utc::now().naive_utc(),
        ).unwrap();
        assert_eq!(outcome, server::db::models::ai_system::SaveOutcome::Created { version: 2 });
        let changed = shows_within_the_window(&reader, &app, "/register", "Pension entitlement scoring").await;
        assert!(!changed.contains("Pension eligibility scoring"), "the old name is gone");
    }

    async fn a_signed_in_reader_neither_gets_the_kept_copy_nor_leaves_theirs(app) {
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let (email, _, _, name, password) = DEMO_ACCOUNTS[1];
        let anonymous = app.new_client();
        let first = get(&anonymous, &app, "/register", "en").await;
        assert!(!first.contains(name));
        let staff = app.signed_in_client(email, password).await;
        for path in ["/register", "/privacy", "/"] {
            get(&anonymous, &app, path, "en").await;
            let theirs = get(&staff, &app, path, "en").await;
            assert!(theirs.contains(name), "{path}: the staff member sees their name");
            assert!(theirs.contains("/staff/signout"), "{path}: and their sign-out form");
            let others = get(&app.new_client(), &app, path, "en").await;
            assert!(!others.contains(name), "{path}: nobody else sees the staff member's name");
            assert!(!others.contains("/staff/signout"), "{path}: nor their sign-out form");
        }
    }
}

/// A window far longer than any test, so that only a write through the server ends it.
const LONG_WINDOW_MS: u64 = 600_000;

on_both_backends_with! {
    |settings| settings.page_cache.fresh_for_millis = LONG_WINDOW_MS;
    async fn any_request_that_may_write_ends_the_window_at_once(app) {
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let slug = "housing-benefit-eligibility";
        let reader = app.new_client();
        let before = get(&reader, &app, "/register", "en").await;
        assert!(!before.contains("Housing support scoring"));
        let agency = server::db::models::agency::find_by_slug(&mut app.db(), "social-benefits").unwrap().unwrap();
        let content: app::types::RegisterEntryContent =
            serde_json::from_value(entry(slug, "Housing support scoring")).unwrap();
        server::db::models::ai_system::save_version(
            &mut app.db(), agency.id, slug, &content, "Renamed", chrono::Utc::now().naive_utc(),
        ).unwrap();
        // (Until the window ends, or until a write, the kept copy would still be sent: not asserted
        // here, as the tests of this binary share one count of writes.)
        // Anyone's form post through this server (here a wrong access code at /find, which
        // records a failed attempt) may have changed what pages show: the next read asks the
        // database again, however young the last one.
        let someone = app.new_client();
        let find = get(&someone, &app, "/find", "en").await;
        let csrf = tests::hidden_value(&find, "csrf_token").unwrap();
        someone
            .post(app.url("/find"))
            .form(&[("reference", "RD-AAAA-BBBB"), ("access_code", "CCCC-DDDD"), ("csrf_token", csrf.as_str())])
            .send()
            .await
            .unwrap();
        let after = get(&reader, &app, "/register", "en").await;
        assert!(after.contains("Housing support scoring"), "the change shows on the next request");
    }
}

/// A new reader who opened `reference` with its access code ("Find my decision").
async fn citizen_with(app: &TestApp, pair: usize) -> reqwest::Client {
    let (reference, code) = DEMO_PAIRS[pair];
    let client = app.new_client();
    let page = client
        .get(app.url("/find"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = tests::hidden_value(&page, "csrf_token").unwrap();
    let response = client
        .post(app.url("/find"))
        .form(&[
            ("reference", reference),
            ("access_code", code),
            ("csrf_token", csrf.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    client
}

async fn status_and_page(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
) -> (StatusCode, String) {
    let response = client
        .get(app.url(path))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

/// The page with its nonce (as its scripts carry it) replaced by a fixed word.
fn without_nonce(html: &str) -> String {
    let nonce = html
        .split("nonce=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a nonce in the page");
    html.replace(nonce, "NONCE")
}

on_both_backends_with! {
    |settings| settings.page_cache = Default::default();
    async fn a_citizens_explanation_follows_every_change_and_the_language(app) {
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let (reference, _) = DEMO_PAIRS[0];
        let path = format!("/d/{reference}");
        let citizen = citizen_with(&app, 0).await;
        let first = get(&citizen, &app, &path, "en").await;
        let again = get(&citizen, &app, &path, "en").await;
        assert_eq!(without_nonce(&first), without_nonce(&again), "the same page while nothing changes");
        let russian = get(&citizen, &app, &path, "ru").await;
        assert!(russian.contains("<html lang=\"ru\""), "the reader's language, not the kept English copy");

        // The agency keeps case data for another period, changed straight in the database: the
        // next request shows it.
        let decision_agency: i64 = {
            use diesel::prelude::*;
            server::db::schema::decisions::table
                .filter(server::db::schema::decisions::reference.eq(reference))
                .select(server::db::schema::decisions::agency_id)
                .first(&mut app.db())
                .unwrap()
        };
        let new_period = app::i18n::counts::retention_period(app::i18n::Locale::En, 31);
        assert!(!first.contains(&new_period));
        server::db::models::agency::set_retention_months(&mut app.db(), decision_agency, 31).unwrap();
        shows_within_the_window(&citizen, &app, &path, &new_period).await;
    }

    async fn nobody_gets_a_citizens_explanation_but_its_reader_and_each_gets_their_own_token(app) {
        use diesel::prelude::*;
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let (reference, _) = DEMO_PAIRS[0];
        let path = format!("/d/{reference}");
        let first = citizen_with(&app, 0).await;
        let (status, mine) = status_and_page(&first, &app, &path).await;
        assert_eq!(status, StatusCode::OK);
        assert!(mine.contains(reference));

        let (status, page) = status_and_page(&app.new_client(), &app, &path).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "a reader without the code is asked for it");
        assert!(!page.contains("outcome-panel"), "and does not see the explanation");
        let other = citizen_with(&app, 1).await;
        let (status, page) = status_and_page(&other, &app, &path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "another decision's token does not open it");
        assert!(!page.contains("outcome-panel"), "and its reader does not see the explanation");

        // A second reader with the code gets the page with the token of their own session.
        let second = citizen_with(&app, 0).await;
        let (_, theirs) = status_and_page(&second, &app, &path).await;
        let (_, their_find) = status_and_page(&second, &app, "/find").await;
        let their_token = tests::hidden_value(&theirs, "csrf_token").expect("the challenge form's token");
        assert_eq!(Some(their_token.clone()), tests::hidden_value(&their_find, "csrf_token"), "their own token");
        assert_ne!(Some(their_token), tests::hidden_value(&mine, "csrf_token"), "not the first reader's");

        // Staff of the agency read the staff view, and every view is audited.
        let agency: String = server::db::schema::decisions::table
            .inner_join(server::db::schema::agencies::table)
            .filter(server::db::schema::decisions::reference.eq(reference))
            .select(server::db::schema::agencies::slug)
            .first(&mut app.db())
            .unwrap();
        let (email, _, _, _, password) = DEMO_ACCOUNTS
            .into_iter()
            .find(|account| account.2 == Some(agency.as_str()))
            .expect("a demo account of the decision's agency");
        let staff = app.signed_in_client(email, password).await;
        for _ in 0..2 {
            let (status, html) = status_and_page(&staff, &app, &path).await;
            assert_eq!(status, StatusCode::OK);
            assert!(html.contains("as the citizen sees it"), "the staff view, not the citizen's copy");
        }
        let views: i64 = server::db::schema::audit_log::table
            .filter(server::db::schema::audit_log::action.eq("decision.viewed_by_staff"))
            .count()
            .get_result(&mut app.db())
            .unwrap();
        assert_eq!(views, 2, "each staff view is in the audit log");
        let (_, citizen_again) = status_and_page(&first, &app, &path).await;
        assert!(!citizen_again.contains("as the citizen sees it"), "the citizen does not get the staff view");
    }
}
