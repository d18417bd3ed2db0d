//! The register in a browser: with 100 entries, search, filters and paging work with
//! JavaScript off and keep the query from page to page; the register and the staff pages for
//! drafts and error reports have no axe-core violations (with JavaScript on, where axe-core runs
//! to its end). On SQLite (what a browser sees does not depend on the database).

use fantoccini::Locator;
use server::cli::seed_demo::DEMO_ACCOUNTS;
use server::db::models::audit::Actor;
use server::services::register::{self, Publication};
use tests::browser::{Browser, DESKTOP};
use tests::{Backend, TestApp};

/// The demo's 6 entries and 94 more, published as regional deployments of them.
async fn app_with_100_entries() -> TestApp {
    let app = TestApp::spawn(Backend::Sqlite).await;
    server::cli::seed_demo::seed(&mut app.db(), &app.keys).expect("demo data");
    let systems: serde_json::Value =
        serde_json::from_str(include_str!("../../../server/src/cli/demo/systems.json")).unwrap();
    let demo = systems.as_array().unwrap();
    let mut conn = app.db();
    for n in 0..94 {
        let system = &demo[n % demo.len()];
        let agency =
            server::db::models::agency::find_by_slug(&mut conn, system["agency"].as_str().unwrap())
                .unwrap()
                .unwrap();
        let mut content = system["content"].clone();
        content["slug"] = serde_json::json!(format!(
            "{}-region-{n:02}",
            content["slug"].as_str().unwrap()
        ));
        content["name"]["en"] = serde_json::json!(format!(
            "{} (region {n:02})",
            content["name"]["en"].as_str().unwrap()
        ));
        let mut problems = server::domain::validator::Validator::new(None);
        let content = server::domain::register_walk::read_register_entry(&content, &mut problems)
            .expect("valid entry");
        register::save_entry(
            &mut conn,
            agency.id,
            Actor::operator("test"),
            &content,
            Publication::Now {
                change_note: "Regional deployment.",
            },
            chrono::Utc::now(),
        )
        .unwrap();
    }
    drop(conn);
    app
}

async fn assert_no_axe_violations(browser: &Browser, page: &str) {
    let violations = browser.axe_violations().await;
    assert!(
        violations.is_empty(),
        "axe-core found violations on {page}: {violations:#?}"
    );
}

/// axe-core runs with page scripts on: with them off (Chromium's `scriptEnabled=false`) it does
/// not finish on a page this long, though the same markup is served either way (the register has
/// no island).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_register_with_100_entries_has_no_accessibility_violations() {
    let app = app_with_100_entries().await;
    let browser = Browser::start(true, DESKTOP).await;
    for (path, count) in [
        ("/register?lang=en", "100 systems"),
        ("/register?lang=ru&risk=high&page=2", ""),
        ("/register?lang=kk&q=no-such-system-anywhere", ""),
    ] {
        browser.goto(&app.url(path)).await;
        assert!(
            browser.text(".results-count").await.contains(count),
            "{path}"
        );
        assert_no_axe_violations(&browser, path).await;
    }
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_javascript_off_the_register_searches_filters_and_pages_keeping_the_query() {
    let app = app_with_100_entries().await;
    let browser = Browser::start(false, DESKTOP).await;
    browser.goto(&app.url("/register?lang=en")).await;
    assert!(browser.text(".results-count").await.contains("100 systems"));
    let client = &browser.client;
    client
        .find(Locator::Id("q"))
        .await
        .unwrap()
        .send_keys("housing")
        .await
        .unwrap();
    client
        .find(Locator::Css("#risk option[value=high]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.submit("form.filters").await;
    // The demo's housing system (high risk) and its 16 regional deployments, maybe more.
    let count = browser.text(".results-count").await;
    let found: u32 = count
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!((17..100).contains(&found), "{count}");
    let url = client.current_url().await.unwrap();
    assert!(
        url.query().unwrap_or_default().contains("q=housing")
            && url.query().unwrap_or_default().contains("risk=high"),
        "{url}"
    );
    let kept = client
        .find(Locator::Id("q"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(kept, "housing", "the search box keeps what was typed");
    let selected = client
        .find(Locator::Css("#risk option[value=high]"))
        .await
        .unwrap()
        .prop("selected")
        .await
        .unwrap();
    assert_eq!(
        selected.as_deref(),
        Some("true"),
        "the filter keeps its choice"
    );
    // Page 2 of everything keeps the filters it was reached with.
    browser.goto(&app.url("/register?lang=en&risk=high")).await;
    let next = client.find(Locator::Css("a[rel=next]")).await.unwrap();
    let href = next.attr("href").await.unwrap().unwrap_or_default();
    assert!(
        href.contains("risk=high") && href.contains("page=2"),
        "{href}"
    );
    next.click().await.unwrap();
    browser
        .wait_for(
            "return document.location.search.includes('page=2');",
            "page 2",
        )
        .await;
    assert!(browser.text(".pager").await.contains("Page 2 of"));
    browser
        .goto(&app.url("/register?lang=en&q=no-such-system-anywhere"))
        .await;
    assert!(browser
        .text(".results-count")
        .await
        .contains("No systems match"));
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_staff_draft_and_report_pages_have_no_accessibility_violations() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    server::cli::seed_demo::seed(&mut app.db(), &app.keys).expect("demo data");
    let slug = "housing-benefit-eligibility";
    {
        let mut conn = app.db();
        let agency = server::db::models::agency::find_by_slug(&mut conn, "social-benefits")
            .unwrap()
            .unwrap();
        let mut content = register::editable_entry(&mut conn, agency.id, slug).unwrap();
        content.supplier = "Social benefits data office".into();
        register::save_entry(
            &mut conn,
            agency.id,
            Actor::operator("test"),
            &content,
            Publication::Draft,
            chrono::Utc::now(),
        )
        .unwrap();
    }
    let browser = Browser::start(true, DESKTOP).await;
    let (email, _, _, _, password) = DEMO_ACCOUNTS[1];
    browser.goto(&app.url("/staff/signin?lang=en")).await;
    browser
        .client
        .find(Locator::Id("email"))
        .await
        .unwrap()
        .send_keys(email)
        .await
        .unwrap();
    browser
        .client
        .find(Locator::Id("password"))
        .await
        .unwrap()
        .send_keys(password)
        .await
        .unwrap();
    browser.submit("form").await;
    for path in [
        "/staff/register/drafts?lang=en",
        &format!("/staff/register/{slug}/draft?lang=ru"),
        &format!("/staff/register/{slug}/edit?lang=kk"),
        "/staff/flags?lang=en",
    ] {
        browser.goto(&app.url(path)).await;
        assert_no_axe_violations(&browser, path).await;
    }
    browser.close().await;
}
