//! The statistics dashboard in headless Chromium, with JavaScript on and off: the ombudsman
//! opens it, narrows it to one automated system with the filter form, downloads the systems
//! table as CSV with the browser's session, and finds in it the number of appeals the page
//! shows for that system.

use fantoccini::Locator;
use tests::browser::{Browser, DESKTOP};
use tests::{Backend, TestApp};

const PASSWORD: &str = "a long enough password";
/// The demo's appeals are on this body's systems.
const BODY: &str = "social-benefits";

/// The number in a cell, without the separators of thousands.
fn number(text: &str) -> u64 {
    text.chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {text:?}"))
}

async fn dashboard(javascript: bool) {
    let app = TestApp::spawn(Backend::Sqlite).await;
    server::cli::seed_demo::seed(&mut app.db(), &app.keys).expect("demo data");
    app.create_user("ombudsman@stats.test", "ombudsman", None, PASSWORD);
    let system: String = {
        use diesel::prelude::*;
        use server::db::schema::{agencies, ai_systems};
        ai_systems::table
            .inner_join(agencies::table)
            .filter(agencies::slug.eq(BODY))
            .order(ai_systems::slug.asc())
            .select(ai_systems::slug)
            .first(&mut app.db())
            .unwrap()
    };
    let browser = Browser::start(javascript, DESKTOP).await;
    browser.goto(&app.url("/staff/signin?lang=en")).await;
    for (id, text) in [("email", "ombudsman@stats.test"), ("password", PASSWORD)] {
        let field = browser.client.find(Locator::Id(id)).await.unwrap();
        field.send_keys(text).await.unwrap();
    }
    browser.submit("form[action='/staff/signin']").await;
    browser.goto(&app.url("/staff/stats?lang=en")).await;
    assert!(
        browser.text("h1").await.contains("statistics")
            || browser.text("h1").await.contains("Statistics")
    );

    // Narrow to one system with the filter form, as a person would.
    browser
        .client
        .find(Locator::Css(&format!(
            "#stats-system option[value='{system}']"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.submit("form.stats-filters").await;
    let url = browser.client.current_url().await.unwrap();
    assert!(
        url.as_str().contains(&format!("system={system}")),
        "filtered: {url}"
    );
    browser
        .screenshot(&format!("stats-dashboard-js-{javascript}"))
        .await;

    // The appeals the page shows for the system, in the systems table.
    let row = browser
        .client
        .find(Locator::XPath(&format!(
            "//table[contains(@class,'stats-table')]//tr[th[@scope='row']//a[contains(@href,'system={system}')]]"
        )))
        .await
        .expect("the system's row");
    let appeals_on_page = number(
        &row.find(Locator::XPath("./td[2]"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    );
    assert!(appeals_on_page > 0, "the demo's appeals are on {system}");

    // Download the table with the browser's own session.
    let link = browser
        .client
        .find(Locator::Css("a[href^='/staff/stats/export/systems.csv']"))
        .await
        .expect("the systems table's CSV link");
    let href = link.attr("href").await.unwrap().unwrap();
    assert!(
        href.contains(&format!("system={system}")),
        "the link keeps the filter: {href}"
    );
    let cookies: Vec<String> = browser
        .client
        .get_all_cookies()
        .await
        .unwrap()
        .iter()
        .map(|c| format!("{}={}", c.name(), c.value()))
        .collect();
    let csv = reqwest::Client::new()
        .get(app.url(&href))
        .header("Cookie", cookies.join("; "))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let rows = tests::csv_rows(&csv);
    let column = rows[0].iter().position(|h| h == "appeals").unwrap();
    let line = rows
        .iter()
        .find(|r| r[0] == system)
        .unwrap_or_else(|| panic!("{system} in the CSV: {csv}"));
    let in_csv: u64 = line[column].parse().unwrap();
    assert_eq!(in_csv, appeals_on_page, "the CSV says what the page says");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_filters_and_downloads_with_javascript_on() {
    dashboard(true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_filters_and_downloads_with_javascript_off() {
    dashboard(false).await;
}
