//! The change-password page in headless Chromium: with JavaScript, the strength meter follows
//! what is typed; without it there is no meter, and the server's policy answers on posting.
//! Either way a common password is refused with a message on its field.

use fantoccini::Locator;
use std::time::Duration;
use tests::browser::{Browser, DESKTOP};
use tests::{Backend, TestApp};

const EMAIL: &str = "supervisor@password.test";
const PASSWORD: &str = "a long enough password";

async fn type_into(browser: &Browser, id: &str, text: &str) {
    let field = browser.client.find(Locator::Id(id)).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

async fn change_password(javascript: bool) {
    let app = TestApp::spawn(Backend::Sqlite).await;
    app.create_agency("password-body");
    app.create_user(EMAIL, "supervisor", Some("password-body"), PASSWORD);
    let browser = Browser::start(javascript, DESKTOP).await;
    browser.goto(&app.url("/staff/signin?lang=en")).await;
    type_into(&browser, "email", EMAIL).await;
    type_into(&browser, "password", PASSWORD).await;
    browser.submit("form[action='/staff/signin']").await;
    browser.goto(&app.url("/staff/password")).await;
    if javascript {
        browser
            .wait_for(
                "return document.documentElement.dataset.hydrated === 'true'",
                "hydration",
            )
            .await;
        type_into(&browser, "new_password", "password1234").await;
        browser
            .wait_for(
                "return (document.querySelector('.strength-word')||{}).textContent === 'Weak'",
                "a weak reading",
            )
            .await;
        type_into(&browser, "new_password", "oak lantern ferry plum").await;
        browser
            .wait_for(
                "return (document.querySelector('.strength-word')||{}).textContent === 'Strong'",
                "a strong reading",
            )
            .await;
        browser.screenshot("password-meter-strong").await;
    } else {
        type_into(&browser, "new_password", "oak lantern ferry plum").await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert!(
            browser.client.find(Locator::Css("meter")).await.is_err(),
            "no meter without JavaScript"
        );
    }
    // A common password is refused by the server, on its field.
    type_into(&browser, "current_password", PASSWORD).await;
    type_into(&browser, "new_password", "QWERTY123456").await;
    type_into(&browser, "confirm_password", "QWERTY123456").await;
    browser.submit("form[action='/staff/password']").await;
    let message = browser.text("#new_password-error").await;
    assert!(message.contains("most common"), "{message}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_strength_meter_follows_typing_with_javascript_on() {
    change_password(true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_policy_answers_on_posting_with_javascript_off() {
    change_password(false).await;
}
