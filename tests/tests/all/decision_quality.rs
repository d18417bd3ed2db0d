//! Quality checks on ingest (docs/api.md, "Quality checks"): contradictions refused with the
//! field named, soft problems stored, answered and counted in the system's score once, the
//! action shown to the citizen, the supervisors' page scoped to their agency, and the demo
//! passing every check; on both backends.

use super::api_decisions::{decision, send, setup};
use diesel::prelude::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use server::db::schema::{decision_quality_warnings, decisions};
use tests::{on_both_backends, TestApp};

const SLUG: &str = "housing-benefit-eligibility";

/// The fixture decision with every text in the letter's languages: no warning at all.
fn clean(external_id: &str) -> Value {
    let mut d = decision(external_id);
    d["subject"]["language"] = json!("en");
    d
}

fn stored_warnings(app: &TestApp) -> i64 {
    decision_quality_warnings::table
        .count()
        .get_result(&mut app.db())
        .unwrap()
}

fn stored_decisions(app: &TestApp) -> i64 {
    decisions::table.count().get_result(&mut app.db()).unwrap()
}

fn fields(body: &Value) -> Vec<String> {
    body["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["field"].as_str().unwrap().to_string())
        .collect()
}

/// `GET path` in English: `?lang=en` answers with the language cookie and a redirect, which the
/// test clients do not follow, so the cookie is set first.
async fn english(client: &reqwest::Client, app: &TestApp, path: &str) -> reqwest::Response {
    client.get(app.url("/?lang=en")).send().await.unwrap();
    client.get(app.url(path)).send().await.unwrap()
}

/// Opens decision `reference` with its code as the citizen, in English.
async fn citizen_page(app: &TestApp, reference: &str, code: &str) -> String {
    let citizen = app.new_client();
    let page = english(&citizen, app, "/find").await.text().await.unwrap();
    let csrf = tests::hidden_value(&page, "csrf_token").unwrap();
    let opened = citizen
        .post(app.url("/find"))
        .form(&[
            ("reference", reference),
            ("access_code", code),
            ("csrf_token", &csrf),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        opened.headers().get("location").unwrap(),
        &format!("/d/{reference}")
    );
    let page = citizen
        .get(app.url(&format!("/d/{reference}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    page.text().await.unwrap()
}

on_both_backends! {
    async fn each_contradiction_is_refused_naming_its_field_and_nothing_is_stored(app) {
        let token = setup(&app).await;
        // A favourable outcome whose largest reason counted against the citizen.
        let mut approved_against = clean("HB-1");
        approved_against["outcome"] = json!("approved");
        approved_against["counterfactuals"] = json!([]);
        // An unfavourable outcome ("denied") whose largest reason counted for them.
        let mut denied_for = clean("HB-2");
        denied_for["factors"][1]["contribution"] = json!(0.9);
        // A counterfactual that leads to the same outcome and changes nothing.
        let mut idle = clean("HB-3");
        idle["counterfactuals"][0]["outcome"] = json!("denied");
        idle["counterfactuals"][0]["changes"][0]["to"] = json!("412000");
        // An action due before the decision, and one that is no date.
        let mut early = clean("HB-4");
        early["action"] = json!({"what": {"en": "Send the income statement"}, "by": "2020-01-01"});
        let mut undated = clean("HB-5");
        undated["action"] = json!({"what": {"en": "Send the income statement"}, "by": "soon"});
        // A direction that is not one of the two.
        let mut sideways = clean("HB-6");
        sideways["outcome_direction"] = json!("sideways");
        let (status, body) = send(&app, &token, vec![clean("HB-0"), approved_against, denied_for, idle, early, undated, sideways]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(fields(&body), vec![
            "decisions[1].factors[0].contribution",
            "decisions[2].factors[1].contribution",
            "decisions[3].counterfactuals[0].outcome",
            "decisions[3].counterfactuals[0].changes[0].to",
            "decisions[4].action.by",
            "decisions[5].action.by",
            "decisions[6].outcome_direction",
        ]);
        assert!(body["details"][0]["reason"].as_str().unwrap().contains("counts against"), "{body}");
        assert_eq!(body["details"][0]["index"], 1);
        assert_eq!(stored_decisions(&app), 0, "all or nothing");
    }

    async fn a_contradiction_is_a_422_before_a_conflict_is_a_409(app) {
        let token = setup(&app).await;
        let (status, _) = send(&app, &token, vec![clean("HB-1")]).await;
        assert_eq!(status, StatusCode::OK);
        let mut changed_and_contradictory = clean("HB-1");
        changed_and_contradictory["outcome"] = json!("approved");
        changed_and_contradictory["counterfactuals"] = json!([]);
        let (status, body) = send(&app, &token, vec![changed_and_contradictory]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(fields(&body), vec!["decisions[0].factors[0].contribution"]);
    }

    async fn a_soft_problem_is_stored_answered_and_counted_once(app) {
        let token = setup(&app).await;
        // The letter is in Russian, but the factors are named only in English.
        let (status, body) = send(&app, &token, vec![clean("HB-1"), decision("HB-2")]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["results"][0]["warnings"], json!([]));
        let warnings = body["results"][1]["warnings"].as_array().unwrap().clone();
        let found: Vec<(&str, &str)> = warnings.iter()
            .map(|w| (w["code"].as_str().unwrap(), w["field"].as_str().unwrap())).collect();
        assert_eq!(found, vec![
            ("factor_label_missing", "decisions[1].factors[0].label.ru"),
            ("factor_label_missing", "decisions[1].factors[1].label.ru"),
            ("factor_label_missing", "decisions[1].factors[2].label.ru"),
        ]);
        assert!(warnings[0]["message"].as_str().unwrap().contains("ru"));
        assert_eq!(stored_warnings(&app), 3);

        // Sent again unchanged, at another index: the same warnings, nothing counted twice.
        let (status, again) = send(&app, &token, vec![clean("HB-3"), decision("HB-2")]).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(again["results"][1]["status"], "unchanged");
        assert_eq!(again["results"][1]["warnings"].as_array().unwrap().len(), 3);
        assert_eq!(stored_warnings(&app), 3);

        // Three decisions, one with warnings: two thirds explained without one.
        let page = english(&app.client, &app, &format!("/register/{SLUG}")).await.text().await.unwrap();
        assert!(page.contains("How well decisions are explained"), "{page}");
        assert!(page.contains(">66%<"), "{page}");
        assert!(page.contains("A factor is not named in a language of the letter"), "{page}");
    }

    async fn a_time_limit_without_an_action_is_a_warning_and_an_action_is_shown_to_the_citizen(app) {
        let token = setup(&app).await;
        let mut limit = clean("HB-1");
        limit["summary"] = json!({"en": "Send your income statement within five working days."});
        let mut with_action = clean("HB-2");
        with_action["summary"] = limit["summary"].clone();
        let by = (chrono::Utc::now().date_naive() + chrono::Duration::days(9)).format("%Y-%m-%d").to_string();
        with_action["action"] = json!({
            "what": {"en": "Send your income statement for the last six months."},
            "by": by,
            "document": {"en": "Income statement from your employer"}
        });
        let (status, body) = send(&app, &token, vec![limit, with_action]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["results"][0]["warnings"][0]["code"], "deadline_without_action");
        assert_eq!(body["results"][0]["warnings"][0]["field"], "decisions[0].action");
        assert_eq!(body["results"][1]["warnings"], json!([]));

        let reference = body["results"][1]["reference"].as_str().unwrap();
        let code = body["results"][1]["access_code"].as_str().unwrap();
        let page = citizen_page(&app, reference, code).await;
        assert!(page.contains("What you need to do"), "{page}");
        assert!(page.contains("Send your income statement for the last six months."), "{page}");
        assert!(page.contains("Income statement from your employer"), "{page}");
        let due = chrono::NaiveDate::parse_from_str(&by, "%Y-%m-%d").unwrap();
        let shown = app::i18n::format_date(app::i18n::Locale::En, chrono::Datelike::year(&due), chrono::Datelike::month(&due), chrono::Datelike::day(&due));
        assert!(page.contains(&shown), "the date {shown} in the page's language: {page}");

        // The decision without an action has no such section.
        let reference = body["results"][0]["reference"].as_str().unwrap();
        let code = body["results"][0]["access_code"].as_str().unwrap();
        assert!(!citizen_page(&app, reference, code).await.contains("What you need to do"));
    }

    async fn supervisors_see_their_systems_worst_decisions_and_no_one_elses(app) {
        let token = setup(&app).await;
        let mut worst = decision("HB-3");
        worst["summary"] = json!({"en": "Your declared monthly income is above the limit.", "kk": "Табысыңыз шектен жоғары."});
        let (status, body) = send(&app, &token, vec![clean("HB-1"), decision("HB-2"), worst]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let worst_reference = body["results"][2]["reference"].as_str().unwrap().to_string();
        let second = body["results"][1]["reference"].as_str().unwrap().to_string();
        let clean_reference = body["results"][0]["reference"].as_str().unwrap().to_string();
        app.create_user("boss@benefits.kz", "supervisor", Some("benefits"), "a-long-enough-password-2026");
        app.create_user("boss@taxes.kz", "supervisor", Some("taxes"), "a-long-enough-password-2026");
        app.create_user("clerk@benefits.kz", "reviewer", Some("benefits"), "a-long-enough-password-2026");
        let path = format!("/staff/register/{SLUG}/quality");

        let boss = app.signed_in_client("boss@benefits.kz", "a-long-enough-password-2026").await;
        let page = boss.get(app.url(&path)).send().await.unwrap();
        assert_eq!(page.status(), 200);
        let page = page.text().await.unwrap();
        let (at_worst, at_second) = (page.find(&worst_reference), page.find(&second));
        assert!(at_worst.is_some() && at_second.is_some(), "{page}");
        assert!(at_worst < at_second, "the decision with most warnings first: {page}");
        assert!(!page.contains(&clean_reference), "a decision without warnings is no example");
        let entry = boss.get(app.url(&format!("/register/{SLUG}"))).send().await.unwrap().text().await.unwrap();
        assert!(entry.contains(&format!("/staff/register/{SLUG}/quality")), "the entry links its supervisors to the page");

        for other in ["boss@taxes.kz", "clerk@benefits.kz"] {
            let client = app.signed_in_client(other, "a-long-enough-password-2026").await;
            let response = client.get(app.url(&path)).send().await.unwrap();
            assert_eq!(response.status(), 404, "{other}");
            assert!(!response.text().await.unwrap().contains(&worst_reference), "{other}");
        }
        let public = app.get_html(&format!("/register/{SLUG}")).await;
        assert!(!public.contains(&format!("/staff/register/{SLUG}/quality")), "no link for the public");
    }

    async fn the_demo_passes_every_quality_check(app) {
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        assert_eq!(stored_warnings(&app), 0, "no demo decision has a warning");
        let contents: Vec<String> = decisions::table.select(decisions::content_json).load(&mut app.db()).unwrap();
        assert!(contents.len() >= server::cli::demo_decisions::DEMO_DECISIONS);
        for content in &contents {
            let document: server::domain::decision::DecisionDocument = serde_json::from_str(content).unwrap();
            let found = server::domain::decision_quality::check(&document);
            assert!(found.is_empty(), "{} has {found:?}", document.external_id);
        }
        // The building permit returned for completion says by when, as a date.
        let (reference, _) = server::cli::demo_decisions::DEMO_PAIRS[4];
        let content: String = decisions::table.filter(decisions::reference.eq(reference))
            .select(decisions::content_json).first(&mut app.db()).unwrap();
        let document: Value = serde_json::from_str(&content).unwrap();
        assert_eq!(document["outcome"], "incomplete", "{document}");
        assert!(document["action"]["by"].as_str().is_some_and(|by| by.len() == 10), "{document}");

        // The load generator copies demo documents onto other dates: its actions move with them.
        let signer = server::auth::receipt::ReceiptSigner::from_seed(&app.keys.receipt_seed()).unwrap();
        let summary = server::cli::demo_scale::seed(&mut app.db(), &app.keys, &signer, 300, chrono::Utc::now().naive_utc())
            .unwrap()
            .expect("load data added");
        assert_eq!(summary.decisions, 300);
        let loaded: Vec<String> = decisions::table.filter(decisions::external_id.like("SCALE-%"))
            .select(decisions::content_json).load(&mut app.db()).unwrap();
        assert_eq!(loaded.len(), 300);
        let mut with_action = 0;
        for content in &loaded {
            let document: server::domain::decision::DecisionDocument = serde_json::from_str(content).unwrap();
            let found = server::domain::decision_quality::check(&document);
            assert!(found.is_empty(), "{} has {found:?}", document.external_id);
            with_action += usize::from(document.action.is_some());
        }
        assert!(with_action > 0, "some load decisions carry an action");
    }
}
