//! Error reports on register entries get a status and a reply: the owning agency's supervisor
//! moves a report on (audited), the public reads the status and reply on the entry page
//! without the reporter's address, and nobody else may answer. Both backends.

use diesel::prelude::*;
use reqwest::StatusCode;
use server::cli::seed_demo::DEMO_ACCOUNTS;
use tests::{hidden_value, on_both_backends, TestApp};

const ENTRY: &str = "/register/housing-benefit-eligibility";

async fn report(app: &TestApp, message: &str, email: &str) -> i64 {
    let page = app.get_html(ENTRY).await;
    let csrf = hidden_value(&page, "csrf_token").unwrap();
    let response = app
        .client
        .post(app.url(&format!("{ENTRY}/flag")))
        .form(&[
            ("message", message),
            ("contact_email", email),
            ("csrf_token", csrf.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    server::db::schema::register_flags::table
        .select(server::db::schema::register_flags::id)
        .order(server::db::schema::register_flags::id.desc())
        .first(&mut app.db())
        .unwrap()
}

async fn answer(
    app: &TestApp,
    client: &reqwest::Client,
    id: i64,
    status: &str,
    reply: &str,
) -> reqwest::Response {
    let page = client
        .get(app.url("/staff/flags"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = hidden_value(&page, "csrf_token").unwrap_or_default();
    client
        .post(app.url(&format!("/staff/flags/{id}")))
        .form(&[
            ("status", status),
            ("reply", reply),
            ("csrf_token", csrf.as_str()),
        ])
        .send()
        .await
        .unwrap()
}

on_both_backends! {
    async fn a_supervisors_reply_and_status_are_public_without_the_reporters_address(app) {
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let id = report(&app, "The supplier named here changed in 2026.", "reader@example.kz").await;
        let before = app.client.get(app.url(ENTRY)).header("accept-language", "en").send().await.unwrap().text().await.unwrap();
        assert!(before.contains("The supplier named here changed in 2026.") && before.contains(">Open<"), "the report is public as open");
        assert!(!before.contains("reader@example.kz"), "never the reporter's address");
        let (email, _, _, _, password) = DEMO_ACCOUNTS[1];
        let supervisor = app.signed_in_client(email, password).await;
        let refused = answer(&app, &supervisor, id, "answered", "").await;
        assert_eq!(refused.headers().get("location").unwrap(), &format!("/staff/flags#flag-{id}"));
        let flags = supervisor.get(app.url("/staff/flags")).header("accept-language", "en").send().await.unwrap().text().await.unwrap();
        assert!(flags.contains("This field is required"), "an answer needs a reply");
        let reply = "Thank you: the supplier is corrected in version 2.";
        let saved = answer(&app, &supervisor, id, "resolved", reply).await;
        assert_eq!(saved.status(), StatusCode::SEE_OTHER);
        let after = app.client.get(app.url(ENTRY)).header("accept-language", "ru").send().await.unwrap().text().await.unwrap();
        assert!(after.contains("Исправлено") && after.contains(reply), "status and reply are public, in the reader's language");
        assert!(!after.contains("reader@example.kz"));
        let audited: Vec<String> = server::db::schema::audit_log::table
            .filter(server::db::schema::audit_log::action.eq("register_flag.status_changed"))
            .select(server::db::schema::audit_log::details_json)
            .load(&mut app.db())
            .unwrap();
        assert_eq!(audited.len(), 1, "the refused answer changed nothing");
        assert!(audited[0].contains("\"status\":\"resolved\""), "{}", audited[0]);
    }

    async fn only_the_owning_agencys_supervisor_may_answer(app) {
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let id = report(&app, "The legal basis is out of date.", "").await;
        app.create_user("supervisor@revenue.test", "supervisor", Some("state-revenue"), "a long enough password 2026");
        let other = app.signed_in_client("supervisor@revenue.test", "a long enough password 2026").await;
        assert_eq!(answer(&app, &other, id, "resolved", "Not ours to say.").await.status(), StatusCode::NOT_FOUND);
        let (email, _, _, _, password) = DEMO_ACCOUNTS[0];
        let reviewer = app.signed_in_client(email, password).await;
        assert_eq!(answer(&app, &reviewer, id, "resolved", "Not ours to say.").await.status(), StatusCode::NOT_FOUND);
        let status: String = server::db::schema::register_flags::table
            .find(id)
            .select(server::db::schema::register_flags::status)
            .first(&mut app.db())
            .unwrap();
        assert_eq!(status, "open");
    }
}
