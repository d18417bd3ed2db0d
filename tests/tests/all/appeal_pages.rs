//! The appeal forms and pages over HTTP, as a browser without JavaScript uses them, on both
//! backends: filing with evidence (checked from its content, idempotent on the form's token),
//! the tracking page, evidence downloads scoped to who may see the case, the staff queue and
//! steps.

use reqwest::multipart::{Form, Part};
use reqwest::StatusCode;
use server::cli::demo_decisions::DEMO_PAIRS;
use tests::{hidden_value, on_both_backends, TestApp};

const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";

fn seeded(app: &TestApp) {
    server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
}

/// A citizen's browser that opened `DEMO_PAIRS[index]` with its code.
async fn citizen(app: &TestApp, index: usize) -> reqwest::Client {
    let client = app.new_client();
    let page = client
        .get(app.url("/find"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = hidden_value(&page, "csrf_token").unwrap();
    let (reference, code) = DEMO_PAIRS[index];
    let opened = client
        .post(app.url("/find"))
        .form(&[
            ("reference", reference),
            ("access_code", code),
            ("csrf_token", csrf.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(opened.status(), StatusCode::SEE_OTHER);
    client
}

/// The challenge form's page and its hidden fields.
async fn form_page(
    app: &TestApp,
    client: &reqwest::Client,
    decision: &str,
) -> (String, String, String) {
    let page = client
        .get(app.url(&format!("/d/{decision}/challenge")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    let csrf = hidden_value(&html, "csrf_token").expect("csrf token on the challenge form");
    let token =
        hidden_value(&html, "form_token").expect("one-time form token on the challenge form");
    (html, csrf, token)
}

fn first_factor_key(html: &str) -> String {
    let at = html.find("name=\"factor\"").expect("factor checkboxes");
    let value = &html[at..];
    let start = value.find("value=\"").unwrap() + 7;
    value[start..start + value[start..].find('"').unwrap()].to_string()
}

fn filing(csrf: &str, token: &str, factor: &str, file: (&str, &'static [u8])) -> Form {
    Form::new()
        .text("csrf_token", csrf.to_string())
        .text("form_token", token.to_string())
        .text("grounds", "data_error")
        .text("grounds", "human_review")
        .text("factor", factor.to_string())
        .text(format!("correct_{factor}"), "320 000")
        .text(
            format!("why_{factor}"),
            "My employer's certificate says so.",
        )
        .text("statement", "The income is last year's, not this year's.")
        .text("contact_email", "aigerim@example.kz")
        .text("language", "ru")
        .part(
            "evidence",
            Part::bytes(file.1)
                .file_name(file.0.to_string())
                .mime_str("application/pdf")
                .unwrap(),
        )
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_string()
}

on_both_backends! {
    async fn a_citizen_files_a_challenge_with_a_pdf_once_and_follows_it(app) {
        seeded(&app);
        let client = citizen(&app, 0).await;
        let decision = DEMO_PAIRS[0].0;
        let (html, csrf, token) = form_page(&app, &client, decision).await;
        let factor = first_factor_key(&html);
        let post = |form| client.post(app.url(&format!("/d/{decision}/challenge"))).multipart(form).send();
        let filed = post(filing(&csrf, &token, &factor, ("certificate.pdf", PDF))).await.unwrap();
        assert_eq!(filed.status(), StatusCode::SEE_OTHER);
        let tracking = location(&filed);
        assert!(tracking.starts_with("/appeals/AP-"), "{tracking}");
        let again = post(filing(&csrf, &token, &factor, ("certificate.pdf", PDF))).await.unwrap();
        assert_eq!(location(&again), tracking, "a double submit leads to the same appeal");

        let page = client.get(app.url(&tracking)).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::OK);
        let html = page.text().await.unwrap();
        let reference = tracking.trim_start_matches("/appeals/");
        assert!(html.contains(reference), "the tracking page names the appeal");
        assert!(html.contains("certificate.pdf"), "and lists the evidence");
        let at = html.find(&format!("{tracking}/evidence/")).expect("an evidence link");
        let link: String = html[at..].chars().take_while(|c| *c != '"').collect();
        let file = client.get(app.url(&link)).send().await.unwrap();
        assert_eq!(file.status(), StatusCode::OK);
        assert_eq!(file.headers()["content-type"], "application/pdf");
        assert!(file.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
        assert_eq!(file.bytes().await.unwrap().as_ref(), PDF);

        // Later evidence: a second document is added, a renamed program is refused.
        let page_csrf = hidden_value(&html, "csrf_token").unwrap();
        let add = |name: &'static str, bytes: &'static [u8]| {
            let form = Form::new()
                .text("csrf_token", page_csrf.clone())
                .part("evidence", Part::bytes(bytes).file_name(name));
            client.post(app.url(&format!("{tracking}/evidence"))).multipart(form).send()
        };
        let added = add("payslip.pdf", b"%PDF-1.7\n% a payslip\ntrailer\n<<>>\n%%EOF").await.unwrap();
        assert_eq!(location(&added), tracking);
        let refused = add("photo.jpg", b"MZ\x90\x00 not an image").await.unwrap();
        assert_eq!(location(&refused), tracking);
        let html = client.get(app.url(&tracking)).header("accept-language", "en").send().await.unwrap().text().await.unwrap();
        assert!(html.contains("payslip.pdf"), "the added file is listed");
        assert!(!html.contains("photo.jpg"), "the refused one is not");
        assert!(html.contains("PDF, PNG or JPEG files only"), "and the page says why");

        // Nobody else reads it: a stranger is sent to open their decision, another citizen gets 404.
        let stranger = app.new_client().get(app.url(&tracking)).send().await.unwrap();
        assert_ne!(stranger.status(), StatusCode::OK);
        let other = citizen(&app, 1).await;
        assert_eq!(other.get(app.url(&tracking)).send().await.unwrap().status(), StatusCode::NOT_FOUND);
        assert_eq!(other.get(app.url(&link)).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    }

    async fn a_renamed_program_is_refused_and_nothing_is_filed(app) {
        seeded(&app);
        let client = citizen(&app, 0).await;
        let decision = DEMO_PAIRS[0].0;
        let (html, csrf, token) = form_page(&app, &client, decision).await;
        let factor = first_factor_key(&html);
        let program: &'static [u8] = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00 not a pdf";
        let refused = client
            .post(app.url(&format!("/d/{decision}/challenge")))
            .multipart(filing(&csrf, &token, &factor, ("statement.pdf", program)))
            .send()
            .await
            .unwrap();
        assert_eq!(location(&refused), format!("/d/{decision}/challenge"));
        let back = client.get(app.url(&location(&refused))).header("accept-language", "en").send().await.unwrap().text().await.unwrap();
        assert!(back.contains("PDF, PNG or JPEG"), "the form says which files are accepted");
        assert!(back.contains("The income is last year"), "what was typed is kept");
        use diesel::prelude::*;
        use server::db::schema::appeals;
        let filed: i64 = appeals::table.filter(appeals::idempotency_key.eq(&token)).count().get_result(&mut app.db()).unwrap();
        assert_eq!(filed, 0);
    }

    async fn staff_see_the_queue_and_a_step_from_a_stale_page_changes_nothing(app) {
        seeded(&app);
        let reviewer = app.signed_in_client("reviewer@social-benefits.demo.gov.kz", "demo-reviewer-2026").await;
        let queue = reviewer.get(app.url("/staff/appeals?state=submitted")).send().await.unwrap();
        assert_eq!(queue.status(), StatusCode::OK);
        let html = queue.text().await.unwrap();
        let at = html.find("/staff/appeals/AP-").expect("a submitted demo appeal in the queue");
        let case_path: String = html[at..].chars().take_while(|c| *c != '"').collect();
        let case = reviewer.get(app.url(&case_path)).send().await.unwrap().text().await.unwrap();
        let csrf = hidden_value(&case, "csrf_token").unwrap();
        let version = hidden_value(&case, "version").expect("the page carries the version it shows");
        let claimed = reviewer.post(app.url(&format!("{case_path}/claim"))).form(&[("csrf_token", csrf.as_str())]).send().await.unwrap();
        assert_eq!(location(&claimed), case_path);
        // The version shown before the claim is stale now: the step is refused, not applied.
        let stale = reviewer
            .post(app.url(&format!("{case_path}/step")))
            .form(&[("csrf_token", csrf.as_str()), ("version", version.as_str()), ("step", "acknowledge")])
            .send()
            .await
            .unwrap();
        assert_eq!(location(&stale), case_path);
        let case = reviewer.get(app.url(&case_path)).header("accept-language", "en").send().await.unwrap().text().await.unwrap();
        assert!(case.contains("Someone else changed this appeal"), "the page says why nothing happened");
        let version = hidden_value(&case, "version").unwrap();
        let done = reviewer
            .post(app.url(&format!("{case_path}/step")))
            .form(&[("csrf_token", csrf.as_str()), ("version", version.as_str()), ("step", "acknowledge")])
            .send()
            .await
            .unwrap();
        assert_eq!(location(&done), case_path);
        use diesel::prelude::*;
        use server::db::schema::appeals;
        let reference = case_path.trim_start_matches("/staff/appeals/");
        let state: String = appeals::table.filter(appeals::reference.eq(reference)).select(appeals::state).first(&mut app.db()).unwrap();
        assert_eq!(state, "under_review");

        // Another agency's reviewer never sees it.
        app.create_user("reviewer@revenue.kz", "reviewer", Some("state-revenue"), "a-long-enough-password-2026");
        let outsider = app.signed_in_client("reviewer@revenue.kz", "a-long-enough-password-2026").await;
        assert_eq!(outsider.get(app.url(&case_path)).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    }

    async fn an_admin_adds_a_day_off_and_open_deadlines_move(app) {
        seeded(&app);
        use diesel::prelude::*;
        use server::db::schema::{agencies, appeals};
        let open_due = |app: &TestApp| -> Vec<(String, chrono::NaiveDate)> {
            appeals::table
                .inner_join(agencies::table)
                .filter(agencies::slug.eq("social-benefits"))
                .filter(appeals::state.eq_any(["submitted", "under_review", "pending_approval"]))
                .filter(appeals::extended_to.is_null())
                .order(appeals::id.asc())
                .select((appeals::reference, appeals::decide_by))
                .load(&mut app.db())
                .unwrap()
        };
        let before = open_due(&app);
        assert!(!before.is_empty());
        // A working day before every open deadline becomes a day off. "Today" is the body's
        // (Asia/Almaty), which is tomorrow in UTC after 19:00.
        let today = server::domain::local_time::local_date(chrono::Utc::now().naive_utc(), "Asia/Almaty");
        let mut day = today;
        while {
            use chrono::Datelike;
            matches!(day.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun)
                || server::services::calendar::deadline(&mut app.db(), "social-benefits", day.pred_opt().unwrap(), 1).unwrap().due != day
        } {
            day = day.succ_opt().unwrap();
        }
        let admin = app.signed_in_client("admin@redress.demo.gov.kz", "demo-admin-2026").await;
        let page = format!("/staff/agencies/social-benefits/calendar?year={}", chrono::Datelike::year(&day));
        let html = admin.get(app.url(&page)).header("accept-language", "en").send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Nauryz"), "the preloaded holidays are listed");
        let csrf = hidden_value(&html, "csrf_token").unwrap();
        let date = day.format("%Y-%m-%d").to_string();
        let saved = admin
            .post(app.url("/staff/agencies/social-benefits/calendar"))
            .form(&[("csrf_token", csrf.as_str()), ("date", date.as_str()), ("kind", "day_off"), ("note", "Government decree No. 1")])
            .send()
            .await
            .unwrap();
        assert_eq!(location(&saved), page);
        let after = open_due(&app);
        for ((reference, was), (_, now)) in before.iter().zip(&after) {
            if *was >= day {
                assert!(now > was, "{reference}: {now} should be after {was}");
            }
        }
        let html = admin.get(app.url(&page)).header("accept-language", "en").send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Government decree No. 1"));
        let removed = admin
            .post(app.url("/staff/agencies/social-benefits/calendar/remove"))
            .form(&[("csrf_token", csrf.as_str()), ("date", date.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(location(&removed), page);
        assert_eq!(open_due(&app), before, "removing it puts the deadlines back");

        let reviewer = app.signed_in_client("reviewer@social-benefits.demo.gov.kz", "demo-reviewer-2026").await;
        assert_eq!(reviewer.get(app.url(&page)).send().await.unwrap().status(), StatusCode::NOT_FOUND, "administrators only");
    }
}
