//! Supervisors edit their agency's register entries: a change is a draft to review, bad input
//! is named field by field with everything typed kept, and nobody else may edit; both backends.

use reqwest::StatusCode;
use server::cli::seed_demo::DEMO_ACCOUNTS;
use tests::{on_both_backends, TestApp};

const SLUG: &str = "housing-benefit-eligibility";

async fn signed_in_as(app: &TestApp, account: usize) -> reqwest::Client {
    let (email, _, _, _, password) = DEMO_ACCOUNTS[account];
    app.signed_in_client(email, password).await
}

/// The editor's form as the page renders it: every field with its current value.
fn form_fields(html: &str) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    for part in html.split('<').skip(1) {
        let tag = part.split('>').next().unwrap_or_default();
        let name = tag
            .split("name=\"")
            .nth(1)
            .and_then(|r| r.split('"').next());
        let Some(name) = name else { continue };
        if tag.starts_with("input") {
            let value = tag
                .split("value=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .unwrap_or_default();
            fields.push((name.to_string(), html_unescape(value)));
        } else if tag.starts_with("textarea") {
            let body = part.split_once('>').map(|(_, b)| b).unwrap_or_default();
            fields.push((name.to_string(), html_unescape(body)));
        } else if tag.starts_with("select") {
            let rest = &html[html.find(&format!("name=\"{name}\"")).unwrap()..];
            let select = rest.split("</select>").next().unwrap_or_default();
            let selected = select
                .split("<option")
                .find(|o| o.contains("selected"))
                .and_then(|o| o.split("value=\"").nth(1))
                .and_then(|r| r.split('"').next())
                .unwrap_or_default();
            fields.push((name.to_string(), selected.to_string()));
        }
    }
    fields
}

fn html_unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn set(fields: &mut [(String, String)], name: &str, value: &str) {
    fields
        .iter_mut()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no field {name}"))
        .1 = value.to_string();
}

on_both_backends! {
    async fn a_supervisors_change_is_a_draft_until_published(app) {
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let supervisor = signed_in_as(&app, 1).await;
        let page = supervisor.get(app.url(&format!("/staff/register/{SLUG}/edit"))).header("accept-language", "en").send().await.unwrap();
        assert_eq!(page.status(), StatusCode::OK);
        let mut fields = form_fields(&page.text().await.unwrap());
        set(&mut fields, "supplier", "Social benefits data office");
        set(&mut fields, "status", "suspended");
        let response = supervisor.post(app.url(&format!("/staff/register/{SLUG}/edit"))).form(&fields).send().await.unwrap();
        assert_eq!(response.headers().get("location").unwrap(), &format!("/staff/register/{SLUG}/draft"));
        let current: serde_json::Value = app.get(&format!("/api/v1/systems/{SLUG}")).await.json().await.unwrap();
        assert_eq!(current["version"], 1, "a draft is not public");
        assert_eq!(current["status"], "active");
        // The editor goes on from the draft, with the data categories kept.
        let page = supervisor.get(app.url(&format!("/staff/register/{SLUG}/edit"))).send().await.unwrap().text().await.unwrap();
        let again = form_fields(&page);
        assert!(again.iter().any(|(n, v)| n == "supplier" && v == "Social benefits data office"), "the editor shows the draft");
        let review = supervisor.get(app.url(&format!("/staff/register/{SLUG}/draft"))).header("accept-language", "en").send().await.unwrap().text().await.unwrap();
        assert!(review.contains("Suspended"), "the review shows the changed status");
        let response = supervisor.post(app.url(&format!("/staff/register/{SLUG}/edit"))).form(&fields).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        use diesel::prelude::*;
        let saved: i64 = server::db::schema::audit_log::table
            .filter(server::db::schema::audit_log::action.eq("register.draft_saved"))
            .count()
            .get_result(&mut app.db())
            .unwrap();
        assert_eq!(saved, 1, "saving the same draft again makes nothing");
    }

    async fn bad_input_is_named_and_everything_typed_is_kept(app) {
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let supervisor = signed_in_as(&app, 1).await;
        let page = supervisor.get(app.url(&format!("/staff/register/{SLUG}/edit"))).send().await.unwrap().text().await.unwrap();
        let mut fields = form_fields(&page);
        let long = "Долгое описание. ".repeat(40);
        set(&mut fields, "description.ru", &long);
        set(&mut fields, "bias_audit.date", "");
        let response = supervisor.post(app.url(&format!("/staff/register/{SLUG}/edit"))).form(&fields).send().await.unwrap();
        assert_eq!(response.headers().get("location").unwrap(), &format!("/staff/register/{SLUG}/edit"));
        let html = supervisor.get(app.url(&format!("/staff/register/{SLUG}/edit"))).header("accept-language", "en").send().await.unwrap().text().await.unwrap();
        assert!(html.contains("This text is too long") && html.contains("This field is required"));
        assert!(html.contains("href=\"#description.ru\"") && html.contains("href=\"#bias_audit.date\""), "the summary links to each field");
        assert!(html.contains(long.trim_end()), "the long text typed is kept");
        // Each field with an error names its message, so a screen reader reads it with the field.
        for field in ["description.ru", "bias_audit.date"] {
            assert!(
                html.contains(&format!("id=\"{field}-error\"")) && html.contains(&format!("aria-describedby=\"{field}-error\"")),
                "{field}'s error is linked to it"
            );
        }
        assert!(!html.contains("aria-describedby=\"description.en-error\""), "a field without an error names no error");
        // A date the browser writes its own way is also written out in the page's language.
        assert!(html.contains("The register shows this date as 14 October 2025."));
        assert!(html.contains("aria-describedby=\"impact_assessment.date-hint\""));
        let html = supervisor.get(app.url(&format!("/staff/register/{SLUG}/edit"))).header("accept-language", "ru").send().await.unwrap().text().await.unwrap();
        assert!(html.contains("В реестре эта дата показана как 14 октября 2025 г."), "in Russian too");
        let current: serde_json::Value = app.get(&format!("/api/v1/systems/{SLUG}")).await.json().await.unwrap();
        assert_eq!(current["version"], 1, "nothing saved");
    }

    async fn reviewers_and_other_agencies_cannot_edit(app) {
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let reviewer = signed_in_as(&app, 0).await;
        let page = reviewer.get(app.url(&format!("/staff/register/{SLUG}/edit"))).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::NOT_FOUND);
        let supervisor = signed_in_as(&app, 1).await;
        let other = supervisor.get(app.url("/staff/register/vat-audit-selection/edit")).send().await.unwrap();
        assert_eq!(other.status(), StatusCode::NOT_FOUND, "another agency's entry");
    }
}
