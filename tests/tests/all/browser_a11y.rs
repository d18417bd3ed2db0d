//! Keyboard and screen-reader behaviour in headless Chromium, with JavaScript on (the islands
//! hydrated) and off: the skip link, the error summary taking the focus and its links moving it
//! to their fields, the "Error: " title; and axe-core on every staff page and the statements.

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::Locator;
use std::time::Duration;
use tests::browser::{Browser, DESKTOP, PHONE};
use tests::{Backend, TestApp};

const TAB: char = '\u{E004}';
const ENTER: char = '\u{E007}';

async fn seeded_app() -> TestApp {
    let app = TestApp::spawn(Backend::Sqlite).await;
    server::cli::seed_demo::seed(&mut app.db(), &app.keys).expect("demo data");
    app
}

/// Presses and releases `key` wherever the focus is, as a person at the keyboard does.
async fn press(browser: &Browser, key: char) {
    let keys = KeyActions::new("keyboard".to_string())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    browser
        .client
        .perform_actions(keys)
        .await
        .expect("key press");
}

/// `id`, `class` and `href` of the focused element (read through WebDriver, so it works with
/// JavaScript off as well).
async fn focused(browser: &Browser) -> (String, String, String) {
    let element = browser
        .client
        .active_element()
        .await
        .expect("a focused element");
    let attr = |name: &'static str| {
        let element = element.clone();
        async move { element.attr(name).await.ok().flatten().unwrap_or_default() }
    };
    (attr("id").await, attr("class").await, attr("href").await)
}

/// Waits (up to 10 s) until the focused element has `id`.
async fn until_focused(browser: &Browser, id: &str) {
    for _ in 0..100 {
        if focused(browser).await.0 == id {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "focus never reached #{id}; it is on {:?}",
        focused(browser).await
    );
}

async fn until_hydrated(browser: &Browser) {
    browser
        .wait_for(
            "return document.documentElement.dataset.hydrated === 'true';",
            "hydration",
        )
        .await;
}

/// Types into each field, then clicks the form's submit button and waits for the new page.
async fn fill_and_send(browser: &Browser, fields: &[(&str, &str)]) {
    for (id, text) in fields {
        browser
            .client
            .find(Locator::Id(id))
            .await
            .unwrap()
            .send_keys(text)
            .await
            .unwrap();
    }
    browser.submit("main form[method=post]").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_skip_link_moves_the_focus_to_the_content_with_javascript_on() {
    let app = seeded_app().await;
    let browser = Browser::start(true, DESKTOP).await;
    // Pages with a hydrated form island, where the client could take over in-page links.
    for path in ["/find?lang=en", "/staff/signin?lang=ru", "/signin?lang=kk"] {
        browser.goto(&app.url(path)).await;
        until_hydrated(&browser).await;
        press(&browser, TAB).await;
        let (_, class, href) = focused(&browser).await;
        assert!(
            class.contains("skip-link") && href.ends_with("#main"),
            "{path}: the first Tab reaches the skip link, not {class:?} {href:?}"
        );
        press(&browser, ENTER).await;
        until_focused(&browser, "main").await;
    }
    browser.close().await;
}

/// After a post the server refuses, the summary has the focus and the title says "Error: ";
/// Tab then Enter on the summary's first link puts the focus in `field`, whose description
/// names its message.
async fn summary_leads_to_the_field(browser: &Browser, javascript: bool, field: &str, title: &str) {
    if javascript {
        until_hydrated(browser).await;
    }
    until_focused(browser, "error-summary").await;
    let shown = browser.client.title().await.unwrap();
    assert!(shown.starts_with(title), "js={javascript}: title {shown:?}");
    let input = browser.client.find(Locator::Id(field)).await.unwrap();
    assert_eq!(
        input.attr("aria-invalid").await.unwrap().as_deref(),
        Some("true")
    );
    let described = input
        .attr("aria-describedby")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(
        described
            .split(' ')
            .any(|id| id == format!("{field}-error")),
        "js={javascript}: #{field} is described by its message: {described:?}"
    );
    press(browser, TAB).await;
    let (_, _, href) = focused(browser).await;
    assert!(
        href.ends_with(&format!("#{field}")),
        "js={javascript}: {href:?}"
    );
    press(browser, ENTER).await;
    until_focused(browser, field).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_access_code_focuses_the_summary_whose_link_reaches_the_code_field() {
    let app = seeded_app().await;
    for javascript in [true, false] {
        let browser = Browser::start(javascript, PHONE).await;
        browser.goto(&app.url("/find?lang=en")).await;
        if javascript {
            until_hydrated(&browser).await;
        }
        fill_and_send(
            &browser,
            &[("reference", "RD-DEM0-0002"), ("access_code", "AAAA-BBBB")],
        )
        .await;
        summary_leads_to_the_field(&browser, javascript, "access_code", "Error: ").await;
        let reference = browser.client.find(Locator::Id("reference")).await.unwrap();
        assert_eq!(
            reference.prop("value").await.unwrap().as_deref(),
            Some("RD-DEM0-0002"),
            "js={javascript}: the reference typed is kept"
        );
        let code = browser
            .client
            .find(Locator::Id("access_code"))
            .await
            .unwrap();
        assert_eq!(
            code.prop("value").await.unwrap().as_deref(),
            Some(""),
            "js={javascript}: the code is never sent back into the page"
        );
        browser.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_focuses_the_summary_whose_link_reaches_the_email_field() {
    let app = seeded_app().await;
    let (email, ..) = server::cli::seed_demo::DEMO_ACCOUNTS[0];
    for javascript in [true, false] {
        let browser = Browser::start(javascript, PHONE).await;
        browser.goto(&app.url("/staff/signin?lang=ru")).await;
        if javascript {
            until_hydrated(&browser).await;
        }
        fill_and_send(
            &browser,
            &[("email", email), ("password", "not the password at all")],
        )
        .await;
        summary_leads_to_the_field(&browser, javascript, "email", "Ошибка: ").await;
        browser.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_found_in_the_browser_take_the_focus_and_lead_to_their_field() {
    let app = seeded_app().await;
    let browser = Browser::start(true, PHONE).await;
    browser.goto(&app.url("/find?lang=kk")).await;
    until_hydrated(&browser).await;
    browser
        .client
        .find(Locator::Css("form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    until_focused(&browser, "error-summary").await;
    press(&browser, TAB).await;
    press(&browser, ENTER).await;
    until_focused(&browser, "reference").await;
    browser.close().await;
}

/// axe-core (WCAG 2.x A and AA) on `paths`, each once loaded and settled.
async fn assert_accessible(browser: &Browser, paths: &[String]) {
    for path in paths {
        browser.goto(path).await;
        browser
            .wait_for(
                "return document.readyState === 'complete'",
                "the page to load",
            )
            .await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        let violations = browser.axe_violations().await;
        assert!(
            violations.is_empty(),
            "axe-core found violations on {path}: {violations:#?}"
        );
    }
}

async fn signed_in_browser(app: &TestApp, account: usize) -> Browser {
    let (email, _, _, _, password) = server::cli::seed_demo::DEMO_ACCOUNTS[account];
    let browser = Browser::start(true, DESKTOP).await;
    browser.goto(&app.url("/staff/signin?lang=en")).await;
    fill_and_send(&browser, &[("email", email), ("password", password)]).await;
    assert_eq!(browser.client.current_url().await.unwrap().path(), "/staff");
    browser
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_staff_page_of_every_role_has_no_accessibility_violations() {
    let app = seeded_app().await;
    let register_slug = "housing-benefit-eligibility";
    let pages: [(usize, Vec<&str>); 4] = [
        (
            0,
            vec![
                "/staff?lang=en",
                "/staff/appeals?lang=ru",
                "/staff/decisions?lang=kk",
                "/staff/agencies/social-benefits?lang=en",
                "/staff/password?lang=en",
                "/staff/two-factor?lang=ru",
            ],
        ),
        (
            1,
            vec![
                "/staff/flags?lang=en",
                "/staff/stats?lang=kk",
                "/staff/agencies/social-benefits/calendar?lang=ru",
            ],
        ),
        (
            2,
            vec![
                "/ombudsman?lang=kk",
                "/staff/decisions?lang=en",
                "/staff/stats?lang=ru",
            ],
        ),
        (
            3,
            vec![
                "/admin/staff?lang=en",
                "/admin/outbox?lang=ru",
                "/staff/flags?lang=kk",
            ],
        ),
    ];
    for (account, paths) in pages {
        let browser = signed_in_browser(&app, account).await;
        let paths: Vec<String> = paths.iter().map(|p| app.url(p)).collect();
        assert_accessible(&browser, &paths).await;
        if account == 1 {
            let editor = app.url(&format!("/staff/register/{register_slug}/edit?lang=en"));
            assert_accessible(&browser, &[editor]).await;
        }
        browser.close().await;
    }
}

/// The header's height in CSS px.
async fn header_height(browser: &Browser) -> f64 {
    let (_, _, _, height) = browser
        .client
        .find(Locator::Css(".site-header"))
        .await
        .unwrap()
        .rectangle()
        .await
        .unwrap();
    height
}

/// Whether the first element matching `css` is shown.
async fn shown(browser: &Browser, css: &str) -> bool {
    browser
        .client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no {css}: {e}"))
        .is_displayed()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_the_staff_links_fold_into_a_menu_that_opens_with_or_without_javascript() {
    let app = seeded_app().await;
    let (email, _, _, _, password) = server::cli::seed_demo::DEMO_ACCOUNTS[1];
    for javascript in [true, false] {
        let browser = Browser::start(javascript, DESKTOP).await;
        browser.goto(&app.url("/staff/signin?lang=kk")).await;
        fill_and_send(&browser, &[("email", email), ("password", password)]).await;
        let drafts = ".staff-menu a[href='/staff/register/drafts']";
        let wide = "li.wide-only a[href='/staff/register/drafts']";
        assert!(
            shown(&browser, wide).await,
            "on a desktop the links are in the main list"
        );
        assert!(
            !shown(&browser, ".staff-menu").await,
            "and there is no menu"
        );
        let desktop = header_height(&browser).await;

        browser.emulate_screen(360, 740).await;
        browser.goto(&app.url("/staff/register/drafts")).await;
        let phone = header_height(&browser).await;
        assert!(
            phone < 220.0,
            "js={javascript}: the header leaves the first screen to the page ({phone} px of 740; {desktop} px on a desktop)"
        );
        assert!(
            !shown(&browser, wide).await,
            "js={javascript}: the main list is folded"
        );
        assert!(
            !shown(&browser, drafts).await,
            "js={javascript}: the menu starts closed"
        );
        browser
            .client
            .find(Locator::Css(".staff-menu summary"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        assert!(
            shown(&browser, drafts).await,
            "js={javascript}: the menu opens"
        );
        assert!(
            shown(&browser, ".staff-menu .nav-user button").await,
            "with the way to sign out"
        );
        if javascript {
            let violations = browser.axe_violations().await;
            assert!(violations.is_empty(), "the folded header: {violations:#?}");
        }
        browser.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_accessibility_statement_and_privacy_notice_have_no_violations_in_any_language() {
    let app = seeded_app().await;
    let browser = Browser::start(true, PHONE).await;
    let paths: Vec<String> = ["kk", "ru", "en"]
        .iter()
        .flat_map(|lang| {
            [
                app.url(&format!("/accessibility?lang={lang}")),
                app.url(&format!("/privacy?lang={lang}")),
            ]
        })
        .collect();
    assert_accessible(&browser, &paths).await;
    browser.screenshot("accessibility-phone-en").await;
    browser.close().await;
}
