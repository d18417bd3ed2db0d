//! What a citizen notices of the accessibility and language work on every page, on both
//! backends: the find form's messages on the right field and its examples that open nothing,
//! the "Error: " title, the accessibility statement and the privacy notice naming the operator
//! as configured, the footer's link to the statement and the site's icon.

use app::types::examples::{EXAMPLE_ACCESS_CODE, EXAMPLE_REFERENCE};
use server::cli::demo_decisions::DEMO_PAIRS;
use tests::{on_both_backends, on_both_backends_with, TestApp};

fn seeded(app: &TestApp) {
    server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
}

/// Posts the find form; answers where it sent the browser.
async fn find(app: &TestApp, reference: &str, code: &str) -> String {
    let page = app.get_html("/find").await;
    let csrf = tests::hidden_value(&page, "csrf_token").unwrap();
    let response = app
        .post_form(
            "/find",
            &[
                ("reference", reference),
                ("access_code", code),
                ("csrf_token", csrf.as_str()),
            ],
        )
        .await;
    response
        .headers()
        .get("location")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string()
}

/// The page in `language`, as a browser that asks for it gets it.
async fn page_in(app: &TestApp, path: &str, language: &str) -> String {
    app.client
        .get(app.url(path))
        .header("accept-language", language)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// The `<input>` tag whose id is `id`.
fn input_tag<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html.find(&format!("id=\"{id}\"")).expect("the field");
    let open = html[..start].rfind('<').unwrap();
    let close = start + html[start..].find('>').unwrap();
    &html[open..=close]
}

on_both_backends! {
    async fn the_examples_in_the_find_forms_hints_open_nothing(app) {
        seeded(&app);
        let html = page_in(&app, "/find", "en").await;
        assert!(html.contains(EXAMPLE_REFERENCE) && html.contains(EXAMPLE_ACCESS_CODE), "the hints show the examples");
        for (reference, code) in DEMO_PAIRS {
            assert!(!html.contains(code) && !html.contains(reference), "no working demo pair is an example");
        }
        assert_eq!(find(&app, EXAMPLE_REFERENCE, EXAMPLE_ACCESS_CODE).await, "/find");
        assert_eq!(find(&app, DEMO_PAIRS[0].0, EXAMPLE_ACCESS_CODE).await, "/find", "the example code opens no real decision");
        let html = page_in(&app, "/find", "en").await;
        assert!(html.contains("We could not find a decision with this reference number and access code"));
        let status = app.get(&format!("/d/{EXAMPLE_REFERENCE}")).await.status();
        assert!(status.is_client_error(), "nothing opened: {status}");
        assert_eq!(find(&app, DEMO_PAIRS[0].0, DEMO_PAIRS[0].1).await, format!("/d/{}", DEMO_PAIRS[0].0), "a real pair still opens");
    }

    async fn a_wrong_pair_is_reported_on_the_code_with_the_reference_kept_and_the_title_saying_error(app) {
        seeded(&app);
        assert_eq!(find(&app, "rd-dem0-0002", "AAAA-BBBB").await, "/find");
        let html = page_in(&app, "/find", "ru").await;
        assert!(html.contains("<title>Ошибка: "), "the title starts with the error in Russian");
        assert!(html.contains("href=\"#access_code\""), "the summary links to the code field");
        assert!(html.contains("id=\"access_code-error\""), "the message is under the code field");
        assert!(!html.contains("id=\"reference-error\""), "the reference is not blamed");
        let code = input_tag(&html, "access_code");
        assert!(code.contains("aria-describedby=\"access-code-hint access_code-error\""), "{code}");
        assert!(code.contains("aria-invalid=\"true\""), "{code}");
        assert!(!html.contains("AAAA-BBBB"), "the code typed is never sent back into the page");
        assert!(html.contains("в целях безопасности"), "and the message says why it must be typed again");
        let reference = input_tag(&html, "reference");
        assert!(reference.contains("value=\"rd-dem0-0002\""), "the reference typed is kept: {reference}");
        assert!(reference.contains("aria-describedby=\"reference-hint\""), "{reference}");
        let summary_start = html.find("class=\"error-summary\"").unwrap();
        let summary_tag = &html[html[..summary_start].rfind('<').unwrap()..summary_start + html[summary_start..].find('>').unwrap()];
        assert!(summary_tag.contains("autofocus") && summary_tag.contains("tabindex=\"-1\""), "{summary_tag}");
        let again = page_in(&app, "/find", "en").await;
        assert!(!again.contains("<title>Error: "), "the error was shown once; the title is plain again");
    }

    async fn every_page_links_the_accessibility_statement_and_the_icon(app) {
        for path in ["/", "/find", "/register", "/privacy", "/staff/signin"] {
            let html = page_in(&app, path, "kk").await;
            assert!(html.contains("href=\"/accessibility\""), "{path}: the footer links the statement");
            assert!(html.contains("Қолжетімділік"), "{path}: in Kazakh");
            assert!(html.contains("rel=\"icon\" href=\"/favicon.svg\""), "{path}: the icon");
        }
        let response = app.get("/favicon.svg").await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers().get("content-type").unwrap(), "image/svg+xml");
        assert!(response.text().await.unwrap().starts_with("<svg"));
        assert_eq!(app.get("/favicon.ico").await.status(), 200);
    }

    async fn without_configured_contacts_the_statements_say_so_and_name_the_commissioner(app) {
        let html = page_in(&app, "/accessibility", "en").await;
        assert!(html.contains("has not yet published an address for accessibility reports"));
        assert!(html.contains("the Commissioner for Human Rights in the Republic of Kazakhstan"));
        assert!(!html.contains("mailto:"), "no address is invented");
        let html = page_in(&app, "/privacy", "ru").await;
        assert!(html.contains("ещё не опубликовал здесь своё наименование и адрес"));
    }
}

on_both_backends_with! {
    |s| {
        s.operator.email = "data@portal.test".into();
        s.operator.accessibility_email = "access@portal.test".into();
        s.operator.controller = app::types::LocalizedText::from_pairs([
            (app::i18n::Locale::Ru, "Оператор портала"),
            (app::i18n::Locale::En, "The portal's operator"),
        ]);
        s.operator.complaints_url = "https://complaints.test".into();
    };

    async fn the_accessibility_statement_gives_the_configured_contact_in_every_language(app) {
        for (language, heading, standard) in [
            ("kk", "Қолжетімділік туралы мәлімдеме", "WCAG"),
            ("ru", "Заявление о доступности", "WCAG"),
            ("en", "Accessibility statement", "WCAG"),
        ] {
            let html = page_in(&app, "/accessibility", language).await;
            assert!(html.contains(&format!("<h1>{heading}</h1>")), "{language}");
            assert!(html.contains(&format!("<title>{heading} · ")), "{language}: title");
            assert!(html.contains(standard) && html.contains("2.2"), "{language}: the target");
            assert!(html.contains("href=\"mailto:access@portal.test\""), "{language}: where to report");
            assert!(html.contains("href=\"https://complaints.test\""), "{language}: where to complain");
            assert!(html.contains("2.2.1"), "{language}: the known gaps are listed");
        }
    }

    async fn the_privacy_notice_names_every_reader_and_the_configured_controller(app) {
        let html = page_in(&app, "/privacy", "en").await;
        for reader in ["The state body that decided", "The Human Rights Commissioner", "The portal’s administrators"] {
            assert!(html.contains(reader), "{reader}");
        }
        assert!(html.contains("decisions and challenges of every state body"), "ombudsmen and admins see every body's cases");
        assert!(!html.contains("Only you, with your reference number and access code, and the staff of the state body"), "the old, untrue sentence is gone");
        assert!(html.contains("The portal&#x27;s operator") || html.contains("The portal's operator"), "the controller as configured");
        assert!(html.contains("href=\"mailto:data@portal.test\""));
        assert!(html.contains("five years"), "retention is stated");
        let kazakh = page_in(&app, "/privacy", "kk").await;
        assert!(kazakh.contains("lang=\"ru\">Оператор портала"), "a name given in another language is marked with its language");
        assert!(kazakh.contains("Адам құқықтары жөніндегі уәкіл"));
    }
}
