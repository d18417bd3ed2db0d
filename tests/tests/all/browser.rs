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

/// Fills a page's form field by field, submits it, and waits until the browser leaves `page`
/// or the page shows an error summary.
async fn submit_form(browser: &Browser, url: &str, fields: &[(&str, &str)]) {
    browser.goto(url).await;
    let client = &browser.client;
    let start = client.current_url().await.unwrap().path().to_string();
    for (id, text) in fields {
        client
            .find(Locator::Id(id))
            .await
            .unwrap()
            .send_keys(text)
            .await
            .unwrap();
    }
    client
        .find(Locator::Css("form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    for _ in 0..100 {
        let path = client.current_url().await.unwrap().path().to_string();
        if path != start || client.find(Locator::Css(".error-summary")).await.is_ok() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

async fn sign_in(browser: &Browser, app: &TestApp, email: &str, password: &str) {
    submit_form(
        browser,
        &app.url("/staff/signin?lang=en"),
        &[("email", email), ("password", password)],
    )
    .await;
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

async fn find_decision(browser: &Browser, app: &TestApp, reference: &str, code: &str) {
    submit_form(
        browser,
        &app.url("/find?lang=en"),
        &[("reference", reference), ("access_code", code)],
    )
    .await;
}

async fn citizen_reads_a_loosely_typed_decision_in_each_language(javascript: bool) {
    let app = app_with_reviewer().await;
    let browser = Browser::start(javascript, PHONE).await;
    let (reference, code) = server::cli::demo_decisions::DEMO_PAIRS[0];
    find_decision(
        &browser,
        &app,
        "rd dem0 0001",
        &code.to_lowercase().replace('-', " "),
    )
    .await;
    assert_eq!(
        browser.client.current_url().await.unwrap().path(),
        format!("/d/{reference}")
    );
    assert_eq!(browser.text("h1").await, "Your decision explained");
    let reasons = browser
        .client
        .find_all(Locator::Css(".reason-list .reason-bar"))
        .await
        .unwrap();
    assert!(
        !reasons.is_empty(),
        "the main reasons are listed, each with its bar"
    );
    assert!(browser
        .text(".challenge-panel")
        .await
        .contains("You can challenge this decision until"));
    if javascript {
        browser.screenshot("explanation-phone-en").await;
    }
    for (language, lang, heading) in [
        ("Русский", "ru", "Разъяснение"),
        ("Қазақша", "kk", "түсіндірме"),
    ] {
        browser
            .client
            .find(Locator::LinkText(language))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        for _ in 0..100 {
            if browser.html_lang().await == lang {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(browser.html_lang().await, lang);
        let h1 = browser.text("h1").await.to_lowercase();
        assert!(h1.contains(&heading.to_lowercase()), "{lang}: {h1}");
        assert_eq!(
            browser.client.current_url().await.unwrap().path(),
            format!("/d/{reference}")
        );
    }
    if javascript {
        browser.screenshot("explanation-phone-kk").await;
    }
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn citizen_finds_and_reads_a_decision_with_javascript_on() {
    citizen_reads_a_loosely_typed_decision_in_each_language(true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn citizen_finds_and_reads_a_decision_with_javascript_off() {
    citizen_reads_a_loosely_typed_decision_in_each_language(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_access_code_gets_a_clear_message_with_and_without_javascript() {
    let app = app_with_reviewer().await;
    for javascript in [true, false] {
        let browser = Browser::start(javascript, PHONE).await;
        find_decision(&browser, &app, "RD-DEM0-0002", "AAAA-BBBB").await;
        assert_eq!(browser.client.current_url().await.unwrap().path(), "/find");
        let summary = browser.text(".error-summary").await;
        assert!(
            summary.contains(
                "We could not find a decision with this reference number and access code"
            ),
            "js={javascript}: {summary}"
        );
        let kept = browser
            .client
            .find(Locator::Id("reference"))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap();
        assert_eq!(
            kept.as_deref(),
            Some("RD-DEM0-0002"),
            "js={javascript}: the reference typed is kept"
        );
        browser.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_find_and_explanation_pages_have_no_accessibility_violations() {
    let app = app_with_reviewer().await;
    let browser = Browser::start(true, DESKTOP).await;
    for (path, name) in [
        ("/register?lang=en", "register-desktop-en"),
        (
            "/register/housing-benefit-eligibility?lang=ru",
            "register-entry-desktop-ru",
        ),
        ("/find?lang=kk", "find-desktop-kk"),
        ("/privacy?lang=en", "privacy-desktop-en"),
    ] {
        browser.goto(&app.url(path)).await;
        browser.screenshot(name).await;
        assert_no_axe_violations(&browser, path).await;
    }
    let (reference, code) = server::cli::demo_decisions::DEMO_PAIRS[1];
    find_decision(&browser, &app, reference, code).await;
    browser.screenshot("explanation-desktop-en").await;
    assert_no_axe_violations(&browser, "/d/{reference}").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_javascript_the_find_form_checks_fields_before_sending() {
    let app = app_with_reviewer().await;
    let browser = Browser::start(true, PHONE).await;
    browser.goto(&app.url("/find?lang=en")).await;
    browser
        .wait_for(
            "return document.documentElement.dataset.hydrated === 'true';",
            "hydration",
        )
        .await;
    // A marker that a full page load would wipe: inline validation must keep it.
    browser
        .client
        .execute("window.__stayed = true; return true;", vec![])
        .await
        .unwrap();
    browser
        .client
        .find(Locator::Id("access_code"))
        .await
        .unwrap()
        .send_keys("K4Q9")
        .await
        .unwrap();
    browser
        .client
        .find(Locator::Css("form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .wait_for(
            "return !!document.querySelector('.error-summary');",
            "the inline error summary",
        )
        .await;
    let summary = browser.text(".error-summary").await;
    assert!(
        summary.contains("Enter the reference number from your letter"),
        "{summary}"
    );
    assert!(
        summary.contains("Enter the access code as it is written in your letter"),
        "{summary}"
    );
    let stayed = browser
        .client
        .execute("return window.__stayed === true;", vec![])
        .await
        .unwrap();
    assert_eq!(
        stayed,
        serde_json::Value::Bool(true),
        "checked in the browser, without sending the form"
    );
    browser.close().await;
}
