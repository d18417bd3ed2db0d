//! The citizen's side: find a decision with its reference and code, read the explanation,
//! the register and its error reports; on both backends.

use reqwest::StatusCode;
use server::cli::demo_decisions::DEMO_PAIRS;
use tests::{on_both_backends, TestApp};

fn seeded(app: &TestApp) {
    server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
}

async fn find(
    app: &TestApp,
    client: &reqwest::Client,
    reference: &str,
    code: &str,
) -> reqwest::Response {
    let page = client
        .get(app.url("/find"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = tests::hidden_value(&page, "csrf_token").unwrap();
    client
        .post(app.url("/find"))
        .form(&[
            ("reference", reference),
            ("access_code", code),
            ("csrf_token", csrf.as_str()),
        ])
        .send()
        .await
        .unwrap()
}

async fn page(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
    language: &str,
) -> (StatusCode, String) {
    let response = client
        .get(app.url(path))
        .header("accept-language", language)
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

on_both_backends! {
    async fn a_loosely_typed_reference_and_code_open_the_explanation(app) {
        seeded(&app);
        let (reference, code) = DEMO_PAIRS[0];
        let loose_reference = reference.to_lowercase().replace('-', " ").replace('0', "o");
        let loose_code = code.to_lowercase().replace('-', "");
        let response = find(&app, &app.client, &loose_reference, &loose_code).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(response.headers().get("location").unwrap(), &format!("/d/{reference}"));
        let response = app.client.get(app.url(&format!("/d/{reference}"))).header("accept-language", "en").send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers().get("cache-control").unwrap(), "no-store");
        let html = response.text().await.unwrap();
        for expected in ["Your decision explained", "The main reasons", "The largest reason", "Details: the exact weights", "Challenge this decision", "You can challenge this decision until", "Legal basis"] {
            assert!(html.contains(expected), "the explanation shows {expected:?}");
        }
        assert!(html.matches("class=\"reason reason-").count() <= 4, "at most four principal reasons");
        let (_, russian) = page(&app.client, &app, &format!("/d/{reference}"), "ru").await;
        assert!(russian.contains("<html lang=\"ru\"") && russian.contains("Основные причины"));
        assert!(russian.contains("Это 3 месяца со дня принятия решения"), "the challenge window agrees with its number");
        assert!(html.contains("This is 3 months from the date of the decision"));
        let (_, kazakh) = page(&app.client, &app, &format!("/d/{reference}"), "kk").await;
        assert!(kazakh.contains("<html lang=\"kk\"") && kazakh.contains("бастап 3 ай"));
    }

    async fn a_wrong_pair_says_so_without_saying_which_half(app) {
        seeded(&app);
        let (reference, code) = DEMO_PAIRS[1];
        let other_code = DEMO_PAIRS[2].1;
        for (r, c) in [(reference, other_code), ("RD-ZZZZ-ZZZZ", code)] {
            let response = find(&app, &app.client, r, c).await;
            assert_eq!(response.headers().get("location").unwrap(), "/find");
            let (_, html) = page(&app.client, &app, "/find", "en").await;
            assert!(html.contains("We could not find a decision with this reference number and access code"));
        }
        let (status, _) = page(&app.client, &app, &format!("/d/{reference}"), "en").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "no access without the pair");
    }

    async fn finding_is_rate_limited_per_reference(app) {
        seeded(&app);
        let (reference, code) = DEMO_PAIRS[3];
        for _ in 0..5 {
            find(&app, &app.client, reference, "AAAA-AAAA").await;
        }
        let response = find(&app, &app.client, reference, code).await;
        assert_eq!(response.headers().get("location").unwrap(), "/find", "the right code waits out the limit");
        let (_, html) = page(&app.client, &app, "/find", "en").await;
        assert!(html.contains("Too many attempts"));
    }

    async fn a_citizen_session_opens_only_its_own_decision_and_can_be_ended(app) {
        seeded(&app);
        let (reference, code) = DEMO_PAIRS[0];
        find(&app, &app.client, reference, code).await;
        let (status, _) = page(&app.client, &app, &format!("/d/{}", DEMO_PAIRS[1].0), "en").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "another decision stays closed");
        let (_, html) = page(&app.client, &app, &format!("/d/{reference}"), "en").await;
        let csrf = tests::hidden_value(&html, "csrf_token").unwrap();
        let response = app.client.post(app.url("/d/signout")).form(&[("csrf_token", csrf.as_str())]).send().await.unwrap();
        assert_eq!(response.headers().get("location").unwrap(), "/find");
        let (status, _) = page(&app.client, &app, &format!("/d/{reference}"), "en").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "ended means ended");
    }

    async fn staff_open_their_agencys_decisions_as_the_citizen_sees_them_and_are_audited(app) {
        use diesel::prelude::*;
        seeded(&app);
        let (email, _, _, _, password) = server::cli::seed_demo::DEMO_ACCOUNTS[0];
        app.sign_in(email, password).await;
        let (status, html) = page(&app.client, &app, "/staff/decisions", "en").await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("decisions found"));
        let own = html.split("href=\"/d/").nth(1).and_then(|r| r.split('"').next()).unwrap().to_string();
        let (status, html) = page(&app.client, &app, &format!("/d/{own}"), "en").await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("as the citizen sees it"));
        let views: i64 = server::db::schema::audit_log::table
            .filter(server::db::schema::audit_log::action.eq("decision.viewed_by_staff"))
            .count()
            .get_result(&mut app.db())
            .unwrap();
        assert_eq!(views, 1, "the staff view is in the audit log");
        let other: String = server::db::schema::decisions::table
            .inner_join(server::db::schema::agencies::table)
            .filter(server::db::schema::agencies::slug.ne("social-benefits"))
            .select(server::db::schema::decisions::reference)
            .first(&mut app.db())
            .unwrap();
        let (status, _) = page(&app.client, &app, &format!("/d/{other}"), "en").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "another agency's decision is not theirs to open");
        let (_, filtered) = page(&app.client, &app, &format!("/staff/decisions?reference={}", own.to_lowercase()), "en").await;
        assert!(filtered.contains("1 decision found"), "search by reference finds it, counted in the singular");
        let (_, russian) = page(&app.client, &app, &format!("/staff/decisions?reference={}", own.to_lowercase()), "ru").await;
        assert!(russian.contains("Найдено 1 решение"));
    }

    async fn the_register_lists_filters_and_shows_every_field_with_history(app) {
        seeded(&app);
        let (status, html) = page(&app.client, &app, "/register", "en").await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("6 systems"));
        let (_, high) = page(&app.client, &app, "/register?risk=high", "en").await;
        let (_, agency) = page(&app.client, &app, "/register?agency=state-revenue", "en").await;
        assert!(high.contains(" systems") && !high.contains("6 systems"));
        assert!(agency.contains("2 systems"));
        let (_, russian) = page(&app.client, &app, "/register", "ru").await;
        assert!(russian.contains("Найдено 6 систем"), "Russian counts take the plural form of 6");
        let (_, kazakh) = page(&app.client, &app, "/register?agency=state-revenue", "kk").await;
        assert!(kazakh.contains("2 жүйе"));
        let (_, searched) = page(&app.client, &app, "/register?q=%D0%96%D0%98%D0%9B%D0%AC", "ru").await;
        assert!(searched.contains("card-title"), "Cyrillic search folds case: {}", searched.len());
        let (status, entry) = page(&app.client, &app, "/register/housing-benefit-eligibility", "en").await;
        assert_eq!(status, StatusCode::OK);
        for field in ["Purpose", "Legal basis", "Risk level", "Human oversight", "Categories of data used", "Type of model", "Supplier", "Impact assessment", "Bias audit", "Versions of this entry", "Decisions explained here"] {
            assert!(entry.contains(field), "the entry shows {field}");
        }
        let (status, _) = page(&app.client, &app, "/register/no-such-system", "en").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }

    async fn small_counts_are_suppressed_on_the_register(app) {
        app.create_agency("benefits");
        let token = app.api_token("benefits", "systems:write,register:publish").await;
        let systems: serde_json::Value = serde_json::from_str(include_str!("../../../server/src/cli/demo/systems.json")).unwrap();
        let mut entry = systems[0]["content"].clone();
        entry["publish"] = serde_json::json!(true);
        entry["change_note"] = serde_json::json!("First publication.");
        app.post_json("/api/v1/systems", &token, &entry).await;
        let slug = systems[0]["content"]["slug"].as_str().unwrap();
        let (_, html) = page(&app.client, &app, &format!("/register/{slug}"), "en").await;
        assert!(html.contains("fewer than 10 decisions"));
        let (_, russian) = page(&app.client, &app, &format!("/register/{slug}"), "ru").await;
        assert!(russian.contains("менее 10 решений"));
    }

    async fn anyone_can_flag_an_error_and_supervisors_see_it(app) {
        seeded(&app);
        let (_, entry) = page(&app.client, &app, "/register/housing-benefit-eligibility", "en").await;
        let csrf = tests::hidden_value(&entry, "csrf_token").unwrap();
        let empty = app.client.post(app.url("/register/housing-benefit-eligibility/flag")).form(&[("message", ""), ("contact_email", "not-an-email"), ("csrf_token", csrf.as_str())]).send().await.unwrap();
        assert_eq!(empty.status(), StatusCode::SEE_OTHER);
        let (_, again) = page(&app.client, &app, "/register/housing-benefit-eligibility", "en").await;
        assert!(again.contains("Describe the error you found") && again.contains("value=\"not-an-email\""), "errors shown, input kept");
        app.client.post(app.url("/register/housing-benefit-eligibility/flag")).form(&[("message", "The supplier named here changed in 2026."), ("contact_email", ""), ("csrf_token", csrf.as_str())]).send().await.unwrap();
        let (supervisor, _, _, _, password) = server::cli::seed_demo::DEMO_ACCOUNTS[1];
        let staff = app.signed_in_client(supervisor, password).await;
        let (status, flags) = page(&staff, &app, "/staff/flags", "en").await;
        assert_eq!(status, StatusCode::OK);
        assert!(flags.contains("The supplier named here changed in 2026."));
    }

    async fn flags_are_limited_per_address_and_kept_from_reviewers(app) {
        seeded(&app);
        let entry_path = "/register/housing-benefit-eligibility";
        let (_, entry) = page(&app.client, &app, entry_path, "en").await;
        let csrf = tests::hidden_value(&entry, "csrf_token").unwrap();
        let flag = |path: String, message: String| {
            let request = app.client.post(app.url(&path)).form(&[("message", message.as_str()), ("contact_email", "reader@example.kz"), ("csrf_token", csrf.as_str())]);
            async move { request.send().await.unwrap() }
        };
        let unknown = flag("/register/no-such-system/flag".into(), "Wrong".into()).await;
        assert_eq!(unknown.status(), StatusCode::NOT_FOUND, "an entry that does not exist cannot be flagged");
        for n in 1..=5 {
            flag(format!("{entry_path}/flag"), format!("Report number {n}")).await;
        }
        flag(format!("{entry_path}/flag"), "Report number 6".into()).await;
        let (_, after) = page(&app.client, &app, entry_path, "en").await;
        assert!(after.contains("You have sent several reports in a short time"), "the sixth report is refused");
        assert!(after.contains("Report number 6"), "the refused report is kept in the form");
        let (supervisor, _, _, _, password) = server::cli::seed_demo::DEMO_ACCOUNTS[1];
        let staff = app.signed_in_client(supervisor, password).await;
        let (_, flags) = page(&staff, &app, "/staff/flags", "en").await;
        assert!(flags.contains("Report number 5") && flags.contains("reader@example.kz"));
        assert!(!flags.contains("Report number 6"), "a refused report is not stored");
        let (reviewer, _, _, _, password) = server::cli::seed_demo::DEMO_ACCOUNTS[0];
        let reviewer = app.signed_in_client(reviewer, password).await;
        let (status, _) = page(&reviewer, &app, "/staff/flags", "en").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "reviewers do not handle reports");
    }

    async fn the_privacy_notice_and_openapi_document_are_published(app) {
        let (status, html) = page(&app.client, &app, "/privacy", "en").await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("What we keep") && html.contains("How long we keep it"));
        let response = app.get("/api/v1/openapi.json").await;
        assert_eq!(response.status(), StatusCode::OK);
        let document: serde_json::Value = response.json().await.unwrap();
        assert_eq!(document["openapi"], "3.1.0");
        for path in ["/api/v1/token", "/api/v1/systems", "/api/v1/systems/{slug}", "/api/v1/decisions", "/api/v1/decisions/{reference}", "/api/v1/decisions/{reference}/access-code"] {
            assert!(document["paths"].get(path).is_some(), "the document describes {path}");
        }
    }

    async fn a_stored_decision_that_does_not_parse_is_an_error_with_a_reference_not_a_default(app) {
        use diesel::prelude::*;
        use server::db::schema::decisions;
        seeded(&app);
        let (reference, code) = DEMO_PAIRS[1];
        let stored: String = decisions::table
            .filter(decisions::reference.eq(reference))
            .select(decisions::content_json)
            .first(&mut app.db())
            .unwrap();
        let mut broken: serde_json::Value = serde_json::from_str(&stored).unwrap();
        broken.as_object_mut().unwrap().remove("human_involvement");
        diesel::update(decisions::table.filter(decisions::reference.eq(reference)))
            .set(decisions::content_json.eq(broken.to_string()))
            .execute(&mut app.db())
            .unwrap();
        find(&app, &app.client, reference, code).await;
        let (status, html) = page(&app.client, &app, &format!("/d/{reference}"), "en").await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(!html.contains("made by the automated system alone"), "no default stands in for the missing field");
        assert!(html.contains("reference"), "the page gives a reference to quote: {html}");
    }

    async fn the_register_is_paged_and_keeps_its_filters_from_page_to_page(app) {
        app.create_agency("benefits");
        let token = app.api_token("benefits", "systems:write,register:publish").await;
        let systems: serde_json::Value =
            serde_json::from_str(include_str!("../../../server/src/cli/demo/systems.json")).unwrap();
        for n in 0..25 {
            let mut entry = systems[0]["content"].clone();
            entry["publish"] = serde_json::json!(true);
            entry["change_note"] = serde_json::json!("First publication.");
            entry["slug"] = serde_json::json!(format!("paged-system-{n:02}"));
            entry["risk_level"] = serde_json::json!(if n < 22 { "high" } else { "minimal" });
            let response = app.post_json("/api/v1/systems", &token, &entry).await;
            assert_eq!(response.status(), StatusCode::CREATED);
        }
        let (status, first) = page(&app.client, &app, "/register", "en").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(first.matches("class=\"card\"").count(), 20, "twenty entries a page");
        assert!(first.contains("Page 1 of 2"), "{first}");
        assert!(first.contains("paged-system-00") && !first.contains("paged-system-20"));
        let (_, second) = page(&app.client, &app, "/register?page=2", "en").await;
        assert_eq!(second.matches("class=\"card\"").count(), 5);
        assert!(second.contains("paged-system-24") && second.contains("rel=\"prev\""));
        let (_, high) = page(&app.client, &app, "/register?risk=high", "en").await;
        assert!(high.contains("href=\"/register?risk=high&amp;page=2\""), "the next page keeps the filter: {high}");
        let (_, beyond) = page(&app.client, &app, "/register?risk=high&page=9", "en").await;
        assert_eq!(beyond.matches("class=\"card\"").count(), 2, "a page past the end shows the last one");
    }
}
