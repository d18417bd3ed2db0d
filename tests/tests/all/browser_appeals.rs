//! The appeal journey in headless Chromium for all four roles, with JavaScript on and off: a
//! citizen files a challenge with a PDF and follows it; a reviewer takes it and asks for
//! information; the citizen answers; the reviewer proposes an overturn; a supervisor approves
//! it; the citizen escalates; the ombudsman issues a finding. The citizen uses a phone-sized
//! window, staff a desktop one; every page the journey visits is checked with axe-core.

use fantoccini::elements::Element;
use fantoccini::Locator;
use server::cli::demo_decisions::DEMO_PAIRS;
use std::time::Duration;
use tests::browser::{Browser, DESKTOP, PHONE};
use tests::{Backend, TestApp};

const PASSWORD: &str = "a long enough password";
const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";

/// axe-core needs the page's scripts (its timers do not run with JavaScript off), so pages are
/// checked in the JavaScript-on journey; the same HTML is served in both.
async fn assert_accessible(browser: &Browser, javascript: bool, page: &str) {
    if !javascript {
        return;
    }
    // axe-core never finishes on a page that is still loading or being rendered by the client
    // after a navigation: wait for the load, then for the client to settle.
    browser
        .wait_for(
            "return document.readyState === 'complete'",
            "the page to load",
        )
        .await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    let violations = browser.axe_violations().await;
    assert!(
        violations.is_empty(),
        "axe-core found violations on {page}: {violations:#?}"
    );
}

/// Waits until `old` is gone from the page: the form was sent and a new page loaded.
async fn until_replaced(old: &Element) {
    for _ in 0..150 {
        if old.tag_name().await.is_err() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the page did not change after submitting");
}

/// Makes `element` usable: opens the `<details>` it is folded in, if any.
async fn unfold(browser: &Browser, name: &str) {
    let summary = browser
        .client
        .find(Locator::XPath(&format!(
            "//details[not(@open)][.//*[@name='{name}']]/summary"
        )))
        .await;
    if let Ok(summary) = summary {
        summary.click().await.unwrap();
    }
}

/// Fills and sends the form that carries the hidden step `step`: `texts` typed by field
/// name, `choices` clicked by (name, value).
async fn take_step(
    browser: &Browser,
    step: &str,
    texts: &[(&str, &str)],
    choices: &[(&str, &str)],
) {
    let xpath = format!("//form[.//input[@name='step' and @value='{step}']]");
    let form = browser
        .client
        .find(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|e| panic!("no form for the step {step}: {e}"));
    // A step with fields may be folded in a <details>, around the form or inside it.
    for folded in [
        "./ancestor::details[not(@open)]/summary",
        ".//details[not(@open)]/summary",
    ] {
        if let Ok(summary) = form.find(Locator::XPath(folded)).await {
            summary.click().await.unwrap();
        }
    }
    for (name, value) in choices {
        form.find(Locator::Css(&format!(
            "input[name='{name}'][value='{value}']"
        )))
        .await
        .unwrap_or_else(|e| panic!("no choice {name}={value} in {step}: {e}"))
        .click()
        .await
        .unwrap();
    }
    for (name, text) in texts {
        form.find(Locator::Css(&format!("[name='{name}']")))
            .await
            .unwrap_or_else(|e| panic!("no field {name} in {step}: {e}"))
            .send_keys(text)
            .await
            .unwrap();
    }
    form.find(Locator::Css("button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    until_replaced(&form).await;
}

async fn click_submit_in(browser: &Browser, form_css: &str) {
    let form = browser
        .client
        .find(Locator::Css(form_css))
        .await
        .unwrap_or_else(|e| panic!("no {form_css}: {e}"));
    form.find(Locator::Css("button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    until_replaced(&form).await;
}

async fn sign_in(app: &TestApp, email: &str, password: &str, javascript: bool) -> Browser {
    let browser = Browser::start(javascript, DESKTOP).await;
    browser.goto(&app.url("/staff/signin?lang=en")).await;
    for (id, text) in [("email", email), ("password", password)] {
        browser
            .client
            .find(Locator::Id(id))
            .await
            .unwrap()
            .send_keys(text)
            .await
            .unwrap();
    }
    click_submit_in(&browser, "form[action='/staff/signin']").await;
    browser
}

async fn state_text(browser: &Browser) -> String {
    browser.client.source().await.unwrap()
}

/// The message about `reference` in the app's mail folder, waited for up to ten seconds.
async fn mail_about(app: &TestApp, reference: &str) -> String {
    let folder = app.settings.mail_settings().folder;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let found = std::fs::read_dir(&folder)
            .into_iter()
            .flatten()
            .flatten()
            .find_map(|entry| {
                let raw = std::fs::read_to_string(entry.path()).ok()?;
                let parsed = mailparse::parse_mail(raw.as_bytes()).ok()?;
                let about = parsed
                    .subparts
                    .iter()
                    .any(|part| part.get_body().is_ok_and(|body| body.contains(reference)));
                (entry.path().extension().is_some_and(|e| e == "eml") && about).then_some(raw)
            });
        if let Some(text) = found {
            return text;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no email about {reference} in {}",
            folder.display()
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

async fn journey(javascript: bool) {
    // Email as the demo sends it: one .eml file per message in the data folder.
    let app = TestApp::spawn_with(Backend::Sqlite, |s| {
        s.mail.transport = server::mail::settings::TransportKind::Folder
    })
    .await;
    server::cli::seed_demo::seed(&mut app.db(), &app.keys).expect("demo data");
    let (decision, code) = DEMO_PAIRS[0];
    let agency: String = {
        use diesel::prelude::*;
        use server::db::schema::{agencies, decisions};
        decisions::table
            .inner_join(agencies::table)
            .filter(decisions::reference.eq(decision))
            .select(agencies::slug)
            .first(&mut app.db())
            .unwrap()
    };
    app.create_user("reviewer@journey.test", "reviewer", Some(&agency), PASSWORD);
    app.create_user(
        "supervisor@journey.test",
        "supervisor",
        Some(&agency),
        PASSWORD,
    );
    let pdf = tempfile::Builder::new().suffix(".pdf").tempfile().unwrap();
    std::fs::write(pdf.path(), PDF).unwrap();

    // The citizen opens the decision and files a challenge with a PDF, on a phone.
    let citizen = Browser::start(javascript, PHONE).await;
    citizen.goto(&app.url("/find?lang=en")).await;
    for (id, text) in [("reference", decision), ("access_code", code)] {
        citizen
            .client
            .find(Locator::Id(id))
            .await
            .unwrap()
            .send_keys(text)
            .await
            .unwrap();
    }
    click_submit_in(&citizen, "form[action='/find']").await;
    citizen
        .client
        .find(Locator::LinkText("Challenge this decision online"))
        .await
        .expect("the explanation offers to challenge online")
        .click()
        .await
        .unwrap();
    citizen.wait_for("return document.querySelector('input[name=statement], textarea[name=statement]') !== null", "the challenge form").await;
    assert_accessible(&citizen, javascript, "the challenge form").await;
    citizen
        .client
        .find(Locator::Css("input[name='grounds'][value='data_error']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let factor = citizen
        .client
        .find(Locator::Css("input[name='factor']"))
        .await
        .unwrap();
    let key = factor.attr("value").await.unwrap().unwrap();
    factor.click().await.unwrap();
    unfold(&citizen, &format!("correct_{key}")).await;
    citizen
        .client
        .find(Locator::Css(&format!("[name='correct_{key}']")))
        .await
        .unwrap()
        .send_keys("320 000")
        .await
        .unwrap();
    citizen
        .client
        .find(Locator::Css("[name='statement']"))
        .await
        .unwrap()
        .send_keys("The income is last year's figure.")
        .await
        .unwrap();
    citizen
        .client
        .find(Locator::Css("[name='contact_email']"))
        .await
        .unwrap()
        .send_keys("aigerim@example.kz")
        .await
        .unwrap();
    citizen
        .client
        .find(Locator::Css("input[type='file'][name='evidence']"))
        .await
        .unwrap()
        .send_keys(&pdf.path().display().to_string())
        .await
        .unwrap();
    click_submit_in(&citizen, "form.challenge-form").await;
    let tracking = citizen.client.current_url().await.unwrap();
    assert!(
        tracking.path().starts_with("/appeals/AP-"),
        "filed and sent to the tracking page: {tracking}"
    );
    let reference = tracking.path().trim_start_matches("/appeals/").to_string();
    let mail = mail_about(&app, &reference).await;
    let parsed = mailparse::parse_mail(mail.as_bytes()).unwrap();
    let subject = parsed
        .headers
        .iter()
        .find(|h| h.get_key() == "Subject")
        .unwrap()
        .get_value();
    let to = parsed
        .headers
        .iter()
        .find(|h| h.get_key() == "To")
        .unwrap()
        .get_value();
    assert_eq!(to, "aigerim@example.kz");
    assert!(
        subject.contains(&reference),
        "in English, about the appeal: {subject}"
    );
    let text = parsed
        .subparts
        .iter()
        .find(|p| p.ctype.mimetype == "text/plain")
        .unwrap()
        .get_body()
        .unwrap();
    assert!(
        text.contains("/confirm?token="),
        "the address is confirmed first: {text}"
    );
    let page = state_text(&citizen).await;
    assert!(
        page.contains(&reference) && page.contains(".pdf"),
        "the confirmation names the appeal and the evidence"
    );
    assert_accessible(&citizen, javascript, "the tracking page").await;
    citizen
        .screenshot(&format!("appeal-filed-js-{javascript}"))
        .await;

    // The reviewer takes it, acknowledges it and asks a question.
    let reviewer = sign_in(&app, "reviewer@journey.test", PASSWORD, javascript).await;
    reviewer.goto(&app.url("/staff/appeals?lang=en")).await;
    assert!(
        state_text(&reviewer).await.contains(&reference),
        "the new appeal is in the agency's queue"
    );
    assert_accessible(&reviewer, javascript, "the staff queue").await;
    let case = app.url(&format!("/staff/appeals/{reference}"));
    reviewer.goto(&case).await;
    click_submit_in(
        &reviewer,
        &format!("form[action='/staff/appeals/{reference}/claim']"),
    )
    .await;
    take_step(&reviewer, "acknowledge", &[], &[]).await;
    take_step(
        &reviewer,
        "request_information",
        &[("question", "Please send the certificate for this year.")],
        &[],
    )
    .await;
    assert_accessible(&reviewer, javascript, "the staff case page").await;
    reviewer
        .screenshot(&format!("appeal-staff-js-{javascript}"))
        .await;

    // The citizen answers.
    citizen.goto(tracking.as_str()).await;
    assert!(state_text(&citizen)
        .await
        .contains("Please send the certificate for this year."));
    take_step(
        &citizen,
        "answer",
        &[(
            "reply",
            "Sent: the certificate is attached to my challenge.",
        )],
        &[],
    )
    .await;

    // The reviewer proposes an overturn; a supervisor approves it.
    reviewer.goto(&case).await;
    take_step(
        &reviewer,
        "propose_outcome",
        &[
            (
                "reasoning",
                "The certificate shows this year's income; the application qualifies.",
            ),
            ("corrected_outcome", "approved"),
            ("corrected_label", "Benefit granted"),
        ],
        &[("outcome", "overturned")],
    )
    .await;
    let supervisor = sign_in(&app, "supervisor@journey.test", PASSWORD, javascript).await;
    supervisor.goto(&case).await;
    take_step(&supervisor, "approve", &[], &[]).await;

    // The citizen sees the overturn and escalates anyway (the payment date is still wrong).
    citizen.goto(tracking.as_str()).await;
    assert!(
        state_text(&citizen).await.contains("Benefit granted"),
        "the corrected outcome is shown"
    );
    take_step(
        &citizen,
        "escalate",
        &[(
            "statement",
            "The payment should start from the original date.",
        )],
        &[],
    )
    .await;

    // The ombudsman finds in the queue and issues a finding.
    let ombudsman = sign_in(
        &app,
        "ombudsman@ombudsman.demo.gov.kz",
        "demo-ombudsman-2026",
        javascript,
    )
    .await;
    ombudsman.goto(&app.url("/ombudsman?lang=en")).await;
    assert!(
        state_text(&ombudsman).await.contains(&reference),
        "the escalation is in the ombudsman's queue"
    );
    assert_accessible(&ombudsman, javascript, "the ombudsman's queue").await;
    ombudsman.goto(&case).await;
    take_step(
        &ombudsman,
        "ombudsman_finding",
        &[("reasoning", "The agency's corrected outcome stands.")],
        &[("finding", "outcome_stands")],
    )
    .await;

    citizen.goto(tracking.as_str()).await;
    let page = state_text(&citizen).await;
    assert!(
        page.contains("The agency's corrected outcome stands."),
        "the citizen reads the finding"
    );
    citizen
        .screenshot(&format!("appeal-resolved-js-{javascript}"))
        .await;
    {
        use diesel::prelude::*;
        use server::db::schema::appeals;
        let state: String = appeals::table
            .filter(appeals::reference.eq(&reference))
            .select(appeals::state)
            .first(&mut app.db())
            .unwrap();
        assert_eq!(state, "resolved");
    }
    for browser in [citizen, reviewer, supervisor, ombudsman] {
        browser.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_appeal_journey_works_for_every_role_with_javascript_on() {
    journey(true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_appeal_journey_works_for_every_role_with_javascript_off() {
    journey(false).await;
}
