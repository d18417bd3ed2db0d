//! Browser tests in headless Debian Chromium, with JavaScript on and off. They need the
//! WebAssembly client in target/site/pkg (the README's test command builds it first).
//! The database makes no difference to what a browser sees, so these run on SQLite.

use fantoccini::Locator;
use tests::browser::{Browser, DESKTOP, PHONE};
use tests::{Backend, TestApp};

const EMAIL: &str = "reviewer@benefits.test";
const PASSWORD: &str = "a long enough password";

async fn app_with_reviewer() -> TestApp {
    let app = TestApp::spawn(Backend::Sqlite).await;
    server::cli::seed_demo::seed(&mut app.db(), &app.keys).expect("demo data");
    app.create_agency("benefits");
    app.create_user(EMAIL, "reviewer", Some("social-benefits"), PASSWORD);
    app
}

async fn sign_in(browser: &Browser, app: &TestApp, email: &str, password: &str) {
    browser.goto(&app.url("/staff/signin?lang=en")).await;
    let client = &browser.client;
    client
        .find(Locator::Id("email"))
        .await
        .unwrap()
        .send_keys(email)
        .await
        .unwrap();
    client
        .find(Locator::Id("password"))
        .await
        .unwrap()
        .send_keys(password)
        .await
        .unwrap();
    client
        .find(Locator::Css("form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    for _ in 0..100 {
        let path = client.current_url().await.unwrap().path().to_string();
        if path == "/staff" || client.find(Locator::Css(".error-summary")).await.is_ok() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

async fn assert_no_axe_violations(browser: &Browser, page: &str) {
    let violations = browser.axe_violations().await;
    assert!(
        violations.is_empty(),
        "axe-core found violations on {page}: {violations:#?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn home_page_loads_and_the_language_switch_changes_lang_and_text() {
    let app = app_with_reviewer().await;
    let browser = Browser::start(true, PHONE).await;
    browser.goto(&app.url("/?lang=en")).await;
    assert_eq!(browser.html_lang().await, "en");
    assert_eq!(
        browser.text("h1").await,
        "Understand and challenge automated decisions"
    );
    browser
        .client
        .find(Locator::LinkText("Русский"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .wait_for(
            "return document.documentElement.lang === 'ru'",
            "the page in Russian",
        )
        .await;
    assert!(
        browser.text("h1").await.contains("решени"),
        "heading in Russian"
    );
    assert_eq!(
        browser.client.current_url().await.unwrap().path(),
        "/",
        "the person stays on the same page"
    );
    browser
        .client
        .find(Locator::LinkText("Қазақша"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .wait_for(
            "return document.documentElement.lang === 'kk'",
            "the page in Kazakh",
        )
        .await;
    browser.screenshot("home-phone-kk").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hydration_runs_the_webassembly_client() {
    let app = app_with_reviewer().await;
    let browser = Browser::start(true, DESKTOP).await;
    browser.goto(&app.url("/staff/signin?lang=en")).await;
    // The toggle is hidden in the server's HTML and only the WebAssembly client reveals it.
    browser
        .wait_for(
            "const b = document.getElementById('toggle-password'); return !!b && !b.hidden;",
            "hydration",
        )
        .await;
    browser
        .client
        .find(Locator::Id("toggle-password"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let kind = browser
        .client
        .find(Locator::Id("password"))
        .await
        .unwrap()
        .attr("type")
        .await
        .unwrap();
    assert_eq!(
        kind.as_deref(),
        Some("text"),
        "the client toggled the password's visibility"
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_sign_in_works_with_javascript_on() {
    let app = app_with_reviewer().await;
    let browser = Browser::start(true, PHONE).await;
    sign_in(&browser, &app, EMAIL, PASSWORD).await;
    assert_eq!(browser.client.current_url().await.unwrap().path(), "/staff");
    assert_eq!(browser.text("h1").await, "Staff home");
    browser.screenshot("staff-home-phone").await;
    assert_no_axe_violations(&browser, "/staff").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_sign_in_works_with_javascript_off() {
    let app = app_with_reviewer().await;
    let browser = Browser::start(false, PHONE).await;
    sign_in(&browser, &app, EMAIL, PASSWORD).await;
    assert_eq!(browser.client.current_url().await.unwrap().path(), "/staff");
    assert_eq!(browser.text("h1").await, "Staff home");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_keeps_the_email_typed_with_and_without_javascript() {
    let app = app_with_reviewer().await;
    for javascript in [true, false] {
        let browser = Browser::start(javascript, PHONE).await;
        sign_in(&browser, &app, EMAIL, "this is the wrong password").await;
        assert_eq!(
            browser.client.current_url().await.unwrap().path(),
            "/staff/signin"
        );
        let summary = browser.text(".error-summary").await;
        assert!(
            summary.contains("The email address or password is not right"),
            "js={javascript}: {summary}"
        );
        let kept = browser
            .client
            .find(Locator::Id("email"))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap();
        assert_eq!(
            kept.as_deref(),
            Some(EMAIL),
            "js={javascript}: the email typed is kept"
        );
        if javascript {
            browser.screenshot("signin-error-phone").await;
        }
        browser.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn home_and_sign_in_pages_have_no_accessibility_violations() {
    let app = app_with_reviewer().await;
    let browser = Browser::start(true, DESKTOP).await;
    for (path, name) in [
        ("/?lang=kk", "home-desktop-kk"),
        ("/staff/signin?lang=ru", "signin-desktop-ru"),
    ] {
        browser.goto(&app.url(path)).await;
        browser.screenshot(name).await;
        assert_no_axe_violations(&browser, path).await;
    }
    browser.close().await;
}
