//! The explanation's reasons on a phone, in headless Chromium with JavaScript on and off: at 320
//! and 390 CSS px wide, in Kazakh, Russian and English, nothing scrolls sideways (the exact
//! weights' table open included), every word of the reasons is at least 12 px, and axe-core finds
//! nothing (docs/explanations.md).

use fantoccini::Locator;
use serde_json::Value;
use tests::browser::Browser;
use tests::{Backend, TestApp};

/// The narrowest phone the page is made for, and a common one.
const WIDTHS: [u32; 2] = [320, 390];
const HEIGHT: u32 = 740;
/// The smallest text a reason may be written in, in CSS px.
const SMALLEST_TEXT: f64 = 12.0;
/// The parts of the page that tell the reasons.
const REASONS: &str = ".reason-list, .also-considered, .exact-weights";

/// Every piece of text in the reasons (text nodes and the column names drawn before each cell),
/// with its computed size in px.
const TEXT_SIZES: &str = r#"
    const sizes = [];
    for (const part of document.querySelectorAll(arguments[0])) {
        const walker = document.createTreeWalker(part, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const node = walker.currentNode;
            const element = node.parentElement;
            if (!node.textContent.trim() || !element.getClientRects().length) continue;
            sizes.push([node.textContent.trim(), parseFloat(getComputedStyle(element).fontSize)]);
        }
        for (const element of part.querySelectorAll('*')) {
            const before = getComputedStyle(element, '::before');
            if (!['none', 'normal', ''].includes(before.content) && element.getClientRects().length) {
                sizes.push([before.content, parseFloat(before.fontSize)]);
            }
        }
    }
    return sizes;
"#;

async fn open_decision(browser: &Browser, app: &TestApp, reference: &str, code: &str) {
    browser.goto(&app.url("/find?lang=en")).await;
    for (id, text) in [("reference", reference), ("access_code", code)] {
        let field = browser.client.find(Locator::Id(id)).await.unwrap();
        field.send_keys(text).await.unwrap();
    }
    browser.submit("form[action='/find']").await;
    assert_eq!(
        browser.client.current_url().await.unwrap().path(),
        format!("/d/{reference}")
    );
}

/// A number property of the `<html>` element. WebDriver runs this script with page scripts off too.
async fn root_number(browser: &Browser, property: &str) -> f64 {
    browser
        .client
        .execute(
            "return document.documentElement[arguments[0]];",
            vec![Value::from(property)],
        )
        .await
        .unwrap()
        .as_f64()
        .unwrap_or_else(|| panic!("html.{property} is a number"))
}

/// Saves a screenshot of the whole page, the window stretched to the page's height.
async fn full_page_screenshot(browser: &Browser, name: &str, width: u32) {
    let height = root_number(browser, "scrollHeight").await as u32;
    let _ = browser
        .client
        .set_window_size(width, height.clamp(HEIGHT, 8000))
        .await;
    browser.screenshot(name).await;
    let _ = browser.client.set_window_size(width, HEIGHT).await;
}

/// The same for a phone's screen, emulated (see [`Browser::emulate_screen`]).
async fn full_phone_screenshot(browser: &Browser, name: &str, width: u32) {
    let height = root_number(browser, "scrollHeight").await as u32;
    browser
        .emulate_screen(width, height.clamp(HEIGHT, 8000))
        .await;
    browser.screenshot(name).await;
    browser.emulate_screen(width, HEIGHT).await;
}

async fn reasons_fit_a_phone(javascript: bool) {
    let app = TestApp::spawn(Backend::Sqlite).await;
    server::cli::seed_demo::seed(&mut app.db(), &app.keys).expect("demo data");
    let (reference, code) = server::cli::demo_decisions::DEMO_PAIRS[0];
    for width in WIDTHS {
        let browser = Browser::start(javascript, (1280, HEIGHT)).await;
        open_decision(&browser, &app, reference, code).await;
        browser.emulate_screen(width, HEIGHT).await;
        for lang in ["kk", "ru", "en"] {
            let page = format!("/d/{reference}?lang={lang} at {width} px, js={javascript}");
            browser
                .goto(&app.url(&format!("/d/{reference}?lang={lang}")))
                .await;
            assert_eq!(browser.html_lang().await, lang, "{page}");
            let reasons = browser
                .client
                .find_all(Locator::Css(".reason-list li.reason"))
                .await
                .unwrap();
            assert!(
                (1..=4).contains(&reasons.len()),
                "{page}: one to four main reasons, not {}",
                reasons.len()
            );
            let first = reasons[0].text().await.unwrap();
            let largest = match lang {
                "kk" => "Ең басты себеп",
                "ru" => "Самая весомая причина",
                _ => "The largest reason",
            };
            assert!(first.contains(largest), "{page}: {first}");
            // The exact weights are one press away; open them as a reader would.
            browser
                .client
                .find(Locator::Css(".exact-weights summary"))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
            for cell in browser
                .client
                .find_all(Locator::Css(".factor-table td.numeric"))
                .await
                .unwrap()
            {
                let weight = cell.text().await.unwrap();
                let mark = if lang == "en" { '.' } else { ',' };
                assert!(
                    weight.contains(mark) && (lang == "en" || !weight.contains('.')),
                    "{page}: the weight {weight:?} is written the {lang} way"
                );
                assert!(
                    weight.starts_with(['+', '\u{2212}'])
                        || weight.trim_start_matches(['0', mark]).is_empty(),
                    "{page}: one sign, or none for zero: {weight:?}"
                );
            }

            let (scroll, client) = (
                root_number(&browser, "scrollWidth").await,
                root_number(&browser, "clientWidth").await,
            );
            assert!(
                client <= f64::from(width),
                "{page}: the window is {client} px wide, so this test would not test a phone"
            );
            assert!(
                scroll <= client,
                "{page}: the page scrolls sideways ({scroll} px in {client} px)"
            );
            if javascript {
                let sizes = browser
                    .client
                    .execute(TEXT_SIZES, vec![Value::from(REASONS)])
                    .await
                    .unwrap();
                let sizes = sizes.as_array().expect("a list of sizes");
                assert!(sizes.len() > 10, "{page}: the reasons have text: {sizes:?}");
                for size in sizes {
                    let px = size[1].as_f64().unwrap_or(0.0);
                    assert!(px >= SMALLEST_TEXT, "{page}: {} is {px} px", size[0]);
                }
                full_phone_screenshot(&browser, &format!("reasons-{width}-{lang}"), width).await;
                let violations = browser.axe_violations().await;
                assert!(violations.is_empty(), "{page}: {violations:#?}");
            } else {
                // Without page scripts, ask the driver for each element's size.
                let elements = browser
                    .client
                    .find_all(Locator::Css(
                        ".reason-list *, .also-considered *, .exact-weights *",
                    ))
                    .await
                    .unwrap();
                for element in elements {
                    if element.text().await.unwrap_or_default().trim().is_empty() {
                        continue;
                    }
                    let size = element.css_value("font-size").await.unwrap();
                    let px: f64 = size.trim_end_matches("px").parse().unwrap();
                    assert!(px >= SMALLEST_TEXT, "{page}: {size}");
                }
            }
        }
        browser.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reasons_fit_a_phone_in_every_language_with_javascript_on() {
    reasons_fit_a_phone(true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reasons_fit_a_phone_in_every_language_with_javascript_off() {
    reasons_fit_a_phone(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_desktop_the_exact_weights_are_a_table_and_the_page_has_no_accessibility_violations() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    server::cli::seed_demo::seed(&mut app.db(), &app.keys).expect("demo data");
    let (reference, code) = server::cli::demo_decisions::DEMO_PAIRS[0];
    let browser = Browser::start(true, (1280, HEIGHT)).await;
    open_decision(&browser, &app, reference, code).await;
    for lang in ["ru", "kk"] {
        browser
            .goto(&app.url(&format!("/d/{reference}?lang={lang}")))
            .await;
        browser
            .client
            .find(Locator::Css(".exact-weights summary"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let header = browser
            .client
            .find(Locator::Css(".factor-table thead th"))
            .await
            .unwrap();
        let (_, _, column_width, _) = header.rectangle().await.unwrap();
        assert!(
            column_width > 50.0,
            "{lang}: on a desktop the weights are a table with its column names ({column_width} px)"
        );
        full_page_screenshot(&browser, &format!("reasons-1280-{lang}"), 1280).await;
        let violations = browser.axe_violations().await;
        assert!(violations.is_empty(), "{lang}: {violations:#?}");
    }
    browser.close().await;
}
