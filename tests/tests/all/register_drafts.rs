//! A register entry is reviewed before it is published: changes from an agency's system or
//! the editor are drafts the public, the API and ingest do not see until a supervisor of the
//! owning agency publishes them with a change note (or discards them), audited; a system
//! publishes at once only with `register:publish` and a note. Both backends.

use diesel::prelude::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use server::cli::seed_demo::DEMO_ACCOUNTS;
use server::db::schema::audit_log;
use tests::{hidden_value, on_both_backends, TestApp};

const SLUG: &str = "housing-benefit-eligibility";

fn entry(slug: &str) -> Value {
    let systems: Value =
        serde_json::from_str(include_str!("../../../server/src/cli/demo/systems.json")).unwrap();
    let mut content = systems[0]["content"].clone();
    content["slug"] = json!(slug);
    content
}

fn decision(system: &str) -> Value {
    let tomorrow = chrono::Utc::now().date_naive() + chrono::Duration::days(1);
    json!({
        "external_id": "DRAFT-1",
        "system": system,
        "outcome": "denied",
        "outcome_label": {"en": "Application denied"},
        "decided_at": format!("{tomorrow}T00:00:00Z"),
        "legal_basis": {"en": "Law on Housing Relations, Article 97"},
        "summary": {"en": "Your declared monthly income is above the limit."},
        "factors": [{"key": "monthly_income", "label": {"en": "Declared monthly income"}, "value": "412000", "contribution": -0.42, "citizen_can_change": true}],
        "counterfactuals": [],
        "data_sources": [{"category": {"en": "Income"}, "source": {"en": "State revenue committee"}}],
        "human_involvement": "none",
        "human_reviewer": null,
        "model_version": "hb-2026.10.1",
        "subject": {"email": "citizen@example.kz", "language": "ru"}
    })
}

async fn json_of(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn audited(app: &TestApp, action: &str) -> Vec<(String, String)> {
    audit_log::table
        .filter(audit_log::action.eq(action))
        .order(audit_log::id.asc())
        .select((audit_log::subject_id, audit_log::details_json))
        .load(&mut app.db())
        .unwrap()
}

async fn supervisor(app: &TestApp) -> reqwest::Client {
    let (email, _, _, _, password) = DEMO_ACCOUNTS[1];
    app.signed_in_client(email, password).await
}

/// Saves a change to the demo entry through the editor, as its agency's supervisor.
async fn draft_through_the_editor(app: &TestApp, client: &reqwest::Client, supplier: &str) {
    let response = post_editor(app, client, supplier, None).await;
    assert_eq!(
        response.headers().get("location").unwrap(),
        &format!("/staff/register/{SLUG}/draft"),
        "the change is a draft to review"
    );
}

/// Posts the editor's form with the demo entry's values and `supplier`, with the button
/// `action` pressed (none for "Save").
async fn post_editor(
    app: &TestApp,
    client: &reqwest::Client,
    supplier: &str,
    action: Option<&str>,
) -> reqwest::Response {
    let page = client
        .get(app.url(&format!("/staff/register/{SLUG}/edit")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = hidden_value(&page, "csrf_token").unwrap();
    let current = client
        .get(app.url(&format!("/api/v1/systems/{SLUG}")))
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    let mut fields: Vec<(String, String)> = vec![("csrf_token".into(), csrf)];
    for field in [
        "name",
        "description",
        "purpose",
        "legal_basis",
        "human_oversight",
    ] {
        for (language, text) in current[field].as_object().unwrap() {
            fields.push((format!("{field}.{language}"), text.as_str().unwrap().into()));
        }
    }
    for assessment in ["impact_assessment", "bias_audit"] {
        fields.push((
            format!("{assessment}.date"),
            current[assessment]["date"].as_str().unwrap().into(),
        ));
        for (language, text) in current[assessment]["summary"].as_object().unwrap() {
            fields.push((
                format!("{assessment}.summary.{language}"),
                text.as_str().unwrap().into(),
            ));
        }
    }
    fields.push((
        "impact_assessment.url".into(),
        current["impact_assessment"]["url"]
            .as_str()
            .unwrap_or_default()
            .into(),
    ));
    for field in [
        "risk_level",
        "status",
        "model_type",
        "explanation_method",
        "contact_email",
    ] {
        fields.push((field.into(), current[field].as_str().unwrap().into()));
    }
    fields.push((
        "human_final_decision".into(),
        current["human_final_decision"].to_string(),
    ));
    fields.push(("supplier".into(), supplier.into()));
    if let Some(action) = action {
        fields.push(("action".into(), action.into()));
    }
    client
        .post(app.url(&format!("/staff/register/{SLUG}/edit")))
        .form(&fields)
        .send()
        .await
        .unwrap()
}

async fn post_with_csrf(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let page = client
        .get(app.url(&format!("/staff/register/{SLUG}/draft")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = hidden_value(&page, "csrf_token").unwrap_or_default();
    let mut form: Vec<(&str, &str)> = fields.to_vec();
    form.push(("csrf_token", &csrf));
    client.post(app.url(path)).form(&form).send().await.unwrap()
}

on_both_backends! {
    async fn an_api_change_is_a_draft_the_public_and_ingest_do_not_see(app) {
        app.create_agency("benefits");
        let token = app.api_token("benefits", "systems:write,decisions:write").await;
        let (status, body) = json_of(app.post_json("/api/v1/systems", &token, &entry("test-eligibility")).await).await;
        assert_eq!(status, StatusCode::CREATED);
        assert_eq!((body["slug"].clone(), body["version"].clone(), body["state"].clone()), (json!("test-eligibility"), json!(1), json!("draft")));
        let (status, body) = json_of(app.post_json("/api/v1/systems", &token, &entry("test-eligibility")).await).await;
        assert_eq!((status, body["state"].clone()), (StatusCode::OK, json!("draft")), "identical to the draft: nothing made");
        assert_eq!(audited(&app, "register.draft_saved").len(), 1);
        assert_eq!(app.get("/api/v1/systems/test-eligibility").await.status(), StatusCode::NOT_FOUND);
        let (_, list) = json_of(app.get("/api/v1/systems").await).await;
        assert!(list["systems"].as_array().unwrap().is_empty(), "{list}");
        let register = app.get_html("/register?q=housing").await;
        assert!(!register.contains("test-eligibility"), "the register page lists no draft");
        assert_eq!(app.get("/register/test-eligibility").await.status(), StatusCode::NOT_FOUND);
        let (status, body) = json_of(app.post_json("/api/v1/decisions", &token, &json!({"decisions": [decision("test-eligibility")]})).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "ingest cannot name a draft: {body}");
        assert_eq!(body["details"][0]["field"], "decisions[0].system");
    }

    async fn publishing_through_the_api_needs_the_scope_and_a_change_note(app) {
        app.create_agency("benefits");
        let writer = app.api_token("benefits", "systems:write").await;
        let publisher = app.api_token("benefits", "systems:write,register:publish").await;
        let mut body = entry("test-eligibility");
        body["publish"] = json!(true);
        body["change_note"] = json!("First publication of the entry.");
        let (status, answer) = json_of(app.post_json("/api/v1/systems", &writer, &body).await).await;
        assert_eq!((status, answer["error"].clone()), (StatusCode::FORBIDDEN, json!("insufficient_scope")), "{answer}");
        let mut no_note = body.clone();
        no_note.as_object_mut().unwrap().remove("change_note");
        let (status, answer) = json_of(app.post_json("/api/v1/systems", &publisher, &no_note).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(answer["details"][0]["field"], "change_note", "{answer}");
        let mut short_note = body.clone();
        short_note["change_note"] = json!("ok");
        let (status, answer) = json_of(app.post_json("/api/v1/systems", &publisher, &short_note).await).await;
        assert_eq!((status, answer["details"][0]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("change_note")));
        assert_eq!(answer["details"][0]["reason"], "must be at least 5 characters");
        let mut note_only = entry("test-eligibility");
        note_only["change_note"] = json!("A note without publishing.");
        let (status, answer) = json_of(app.post_json("/api/v1/systems", &publisher, &note_only).await).await;
        assert_eq!((status, answer["details"][0]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("change_note")));
        assert_eq!(app.get("/api/v1/systems/test-eligibility").await.status(), StatusCode::NOT_FOUND, "nothing published by a refusal");
        let (status, answer) = json_of(app.post_json("/api/v1/systems", &publisher, &body).await).await;
        assert_eq!((status, answer["state"].clone(), answer["version"].clone()), (StatusCode::CREATED, json!("published"), json!(1)));
        let (status, answer) = json_of(app.post_json("/api/v1/systems", &publisher, &body).await).await;
        assert_eq!((status, answer["state"].clone()), (StatusCode::OK, json!("published")), "identical: nothing made");
        let (_, public) = json_of(app.get("/api/v1/systems/test-eligibility").await).await;
        assert_eq!(public["versions"][0]["change_note"], "First publication of the entry.");
        let published = audited(&app, "register.version_published");
        assert_eq!(published.len(), 1);
        assert!(published[0].1.contains("First publication of the entry."), "{}", published[0].1);
    }

    async fn a_supervisor_publishes_a_draft_with_a_note_the_public_reads(app) {
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let client = supervisor(&app).await;
        draft_through_the_editor(&app, &client, "Social benefits data office").await;
        let (_, public) = json_of(app.get(&format!("/api/v1/systems/{SLUG}")).await).await;
        assert_eq!(public["version"], 1, "the draft is not public");
        assert_ne!(public["supplier"], "Social benefits data office");
        let list = client.get(app.url("/staff/register/drafts")).header("accept-language", "en").send().await.unwrap().text().await.unwrap();
        assert!(list.contains(&format!("/staff/register/{SLUG}/draft")), "the draft is listed");
        let review = client.get(app.url(&format!("/staff/register/{SLUG}/draft"))).header("accept-language", "en").send().await.unwrap().text().await.unwrap();
        assert!(review.contains("Supplier") && review.contains("Social benefits data office"), "the changed field with its new value");
        assert!(!review.contains(">Purpose</th>"), "an unchanged field is not listed as changed");
        let refused = post_with_csrf(&app, &client, &format!("/staff/register/{SLUG}/publish"), &[("change_note", " ")]).await;
        assert_eq!(refused.headers().get("location").unwrap(), &format!("/staff/register/{SLUG}/draft"));
        let again = client.get(app.url(&format!("/staff/register/{SLUG}/draft"))).header("accept-language", "ru").send().await.unwrap().text().await.unwrap();
        assert!(again.contains("Это поле обязательно"), "the note is required, said in the reader's language");
        assert_eq!(json_of(app.get(&format!("/api/v1/systems/{SLUG}")).await).await.1["version"], 1);
        let note = "Указан новый поставщик системы.";
        let published = post_with_csrf(&app, &client, &format!("/staff/register/{SLUG}/publish"), &[("change_note", note)]).await;
        assert_eq!(published.headers().get("location").unwrap(), &format!("/register/{SLUG}"));
        let (_, public) = json_of(app.get(&format!("/api/v1/systems/{SLUG}")).await).await;
        assert_eq!((public["version"].clone(), public["supplier"].clone()), (json!(2), json!("Social benefits data office")));
        let page = app.get_html(&format!("/register/{SLUG}")).await;
        assert!(page.contains(note), "the public reads the note in the history");
        let entries = audited(&app, "register.version_published");
        let last = entries.last().unwrap();
        assert_eq!(last.0, SLUG);
        assert!(last.1.contains(note) && last.1.contains("\"version\":2"), "{}", last.1);
        assert_eq!(client.get(app.url(&format!("/staff/register/{SLUG}/draft"))).send().await.unwrap().status(), StatusCode::NOT_FOUND, "the draft is gone");
    }

    async fn a_discarded_draft_leaves_the_entry_as_published_and_is_audited(app) {
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let client = supervisor(&app).await;
        draft_through_the_editor(&app, &client, "A supplier nobody approved").await;
        let response = post_with_csrf(&app, &client, &format!("/staff/register/{SLUG}/discard"), &[]).await;
        assert_eq!(response.headers().get("location").unwrap(), "/staff/register/drafts");
        let (_, public) = json_of(app.get(&format!("/api/v1/systems/{SLUG}")).await).await;
        assert_eq!(public["version"], 1);
        assert_ne!(public["supplier"], "A supplier nobody approved");
        let discarded = audited(&app, "register.draft_discarded");
        assert_eq!(discarded.len(), 1);
        assert_eq!(discarded[0].0, SLUG);
        let list = client.get(app.url("/staff/register/drafts")).header("accept-language", "en").send().await.unwrap().text().await.unwrap();
        assert!(list.contains("No drafts are waiting for review."), "nothing left to review");
    }

    async fn another_agencys_supervisor_and_reviewers_get_404(app) {
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let own = supervisor(&app).await;
        draft_through_the_editor(&app, &own, "Social benefits data office").await;
        app.create_user("supervisor@revenue.test", "supervisor", Some("state-revenue"), "a long enough password 2026");
        let other = app.signed_in_client("supervisor@revenue.test", "a long enough password 2026").await;
        assert_eq!(other.get(app.url(&format!("/staff/register/{SLUG}/draft"))).send().await.unwrap().status(), StatusCode::NOT_FOUND);
        let list = other.get(app.url("/staff/register/drafts")).send().await.unwrap().text().await.unwrap();
        assert!(!list.contains(SLUG), "another agency's drafts are not listed");
        // A valid token of this session (the entry page's form carries one): only the draft's
        // owner is refused.
        let entry_page = other.get(app.url(&format!("/register/{SLUG}"))).send().await.unwrap().text().await.unwrap();
        let csrf = hidden_value(&entry_page, "csrf_token").unwrap();
        let publish = other.post(app.url(&format!("/staff/register/{SLUG}/publish"))).form(&[("change_note", "Published by someone else."), ("csrf_token", &csrf)]).send().await.unwrap();
        assert_eq!(publish.status(), StatusCode::NOT_FOUND);
        let discard = other.post(app.url(&format!("/staff/register/{SLUG}/discard"))).form(&[("csrf_token", &csrf)]).send().await.unwrap();
        assert_eq!(discard.status(), StatusCode::NOT_FOUND);
        let (email, _, _, _, password) = DEMO_ACCOUNTS[0];
        let reviewer = app.signed_in_client(email, password).await;
        assert_eq!(reviewer.get(app.url("/staff/register/drafts")).send().await.unwrap().status(), StatusCode::NOT_FOUND);
        assert_eq!(reviewer.get(app.url(&format!("/staff/register/{SLUG}/draft"))).send().await.unwrap().status(), StatusCode::NOT_FOUND);
        assert_eq!(json_of(app.get(&format!("/api/v1/systems/{SLUG}")).await).await.1["version"], 1, "still unpublished");
        assert!(audited(&app, "register.draft_discarded").is_empty());
        assert!(own.get(app.url(&format!("/staff/register/{SLUG}/draft"))).send().await.unwrap().status().is_success(), "the draft is still there");
    }

    async fn names_must_be_readable_and_every_problem_is_named(app) {
        app.create_agency("benefits");
        let token = app.api_token("benefits", "systems:write").await;
        for (name, reason) in [
            ("🚀🚀🚀", "must not contain emoji or pictographs"),
            ("Tax\u{202e}gnirocs", "must not contain invisible formatting characters"),
            ("Tax\u{0}bot", "must not contain control characters"),
            ("ab", "must be at least 3 characters"),
            ("2026", "must contain at least one letter"),
        ] {
            let mut body = entry("test-eligibility");
            body["name"] = json!({"en": name, "ru": "Оценка права на жилищную помощь"});
            let (status, answer) = json_of(app.post_json("/api/v1/systems", &token, &body).await).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{name:?}");
            assert_eq!(answer["details"][0]["field"], "name.en", "{answer}");
            assert_eq!(answer["details"][0]["reason"], reason, "{name:?}");
        }
        let mut long = entry("test-eligibility");
        long["name"] = json!({"en": "n".repeat(121)});
        let (_, answer) = json_of(app.post_json("/api/v1/systems", &token, &long).await).await;
        assert_eq!(answer["details"][0]["reason"], "must be at most 120 characters");
        let drafts: i64 = server::db::schema::ai_system_drafts::table.count().get_result(&mut app.db()).unwrap();
        assert_eq!(drafts, 0, "nothing stored");
    }

    async fn the_editors_preview_shows_the_entry_and_saves_nothing(app) {
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let client = supervisor(&app).await;
        let response = post_editor(&app, &client, "Previewed supplier LLP", Some("preview")).await;
        assert_eq!(response.headers().get("location").unwrap(), &format!("/staff/register/{SLUG}/edit#preview"));
        let page = client.get(app.url(&format!("/staff/register/{SLUG}/edit"))).header("accept-language", "en").send().await.unwrap().text().await.unwrap();
        let preview = page.split("id=\"preview\"").nth(1).and_then(|r| r.split("</section>").next()).unwrap_or_default();
        assert!(preview.contains("The entry as the public would see it") && preview.contains("Previewed supplier LLP"), "the preview shows the typed entry");
        assert!(page.contains("value=\"Previewed supplier LLP\""), "the form keeps what was typed");
        let drafts: i64 = server::db::schema::ai_system_drafts::table.count().get_result(&mut app.db()).unwrap();
        assert_eq!(drafts, 0, "a preview saves no draft");
        assert!(audited(&app, "register.draft_saved").is_empty());
        let (_, public) = json_of(app.get(&format!("/api/v1/systems/{SLUG}")).await).await;
        assert_eq!(public["version"], 1);
        assert_ne!(public["supplier"], "Previewed supplier LLP", "nothing published");
        let again = client.get(app.url(&format!("/staff/register/{SLUG}/edit"))).send().await.unwrap().text().await.unwrap();
        assert!(!again.contains("id=\"preview\""), "the preview is shown once");
    }

    async fn the_editor_says_what_is_wrong_with_a_name_in_the_readers_language(app) {
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let client = supervisor(&app).await;
        let page = client.get(app.url(&format!("/staff/register/{SLUG}/edit"))).header("accept-language", "ru").send().await.unwrap().text().await.unwrap();
        assert!(!page.contains(&format!("Редактирование записи реестра: {SLUG}")), "the heading names the entry, not its slug");
        assert!(page.contains("Редактирование записи реестра: "));
        let csrf = hidden_value(&page, "csrf_token").unwrap();
        let fields = [("csrf_token", csrf.as_str()), ("name.ru", "🏠🏠🏠"), ("name.kk", "x")];
        let response = client.post(app.url(&format!("/staff/register/{SLUG}/edit"))).form(&fields).send().await.unwrap();
        assert_eq!(response.headers().get("location").unwrap(), &format!("/staff/register/{SLUG}/edit"));
        let html = client.get(app.url(&format!("/staff/register/{SLUG}/edit"))).header("accept-language", "ru").send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Эмодзи и пиктограммы здесь не допускаются"), "the emoji name is refused in Russian");
        assert!(html.contains("Этот текст слишком короткий"), "the one-letter name is refused in Russian");
        assert!(html.contains("href=\"#name.ru\"") && html.contains("href=\"#name.kk\""));
        let drafts: i64 = server::db::schema::ai_system_drafts::table.count().get_result(&mut app.db()).unwrap();
        assert_eq!(drafts, 0, "nothing saved");
    }
}

on_both_backends! {
    async fn staff_decision_filters_show_names_and_outcome_labels_not_codes(app) {
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let (email, _, _, _, password) = DEMO_ACCOUNTS[0];
        let reviewer = app.signed_in_client(email, password).await;
        let html = reviewer.get(app.url("/staff/decisions")).header("accept-language", "ru").send().await.unwrap().text().await.unwrap();
        let system = html.split(&format!("<option value=\"{SLUG}\"")).nth(1).and_then(|r| r.split("</option>").next()).unwrap_or_default();
        assert!(system.contains("Оценка права на жилищную помощь"), "the system is named in Russian: {system}");
        let outcome = html.split("<option value=\"denied\"").nth(1).and_then(|r| r.split("</option>").next()).unwrap_or_default();
        assert!(outcome.contains("В назначении жилищной помощи отказано"), "the outcome is labelled in Russian: {outcome}");
        assert!(!outcome.ends_with(">denied"), "not the raw code");
        assert!(!html.contains(&format!("<code class=\"slug\">{SLUG}</code>")), "rows name the system, not its slug");
    }
}
