//! The reasons on the explanation page of a decision sent through the API: the main reasons are
//! the four largest non-zero weights with their direction and importance in words, the rest is
//! only "also considered", and the exact weights, written the reader's way, wait in a disclosure
//! for the citizen and are open for staff; on both backends (docs/explanations.md).

use reqwest::StatusCode;
use serde_json::{json, Value};
use tests::{on_both_backends, TestApp};

const STAFF: &str = "reviewer@benefits.test";
const PASSWORD: &str = "a long enough password";

fn system() -> Value {
    let systems: Value =
        serde_json::from_str(include_str!("../../../server/src/cli/demo/systems.json")).unwrap();
    let mut content = systems[0]["content"].clone();
    content["slug"] = json!("housing-benefit-eligibility");
    // Published at once, so decisions can be sent for it.
    content["publish"] = json!(true);
    content["change_note"] = json!("First published");
    content
}

fn factor(key: &str, label: &str, value: &str, contribution: f64) -> Value {
    json!({"key": key, "label": {"en": label}, "value": value, "contribution": contribution, "citizen_can_change": false})
}

/// Six factors: four that moved the outcome most, a fifth that moved it less, one that did not.
fn decision() -> Value {
    let tomorrow = chrono::Utc::now().date_naive() + chrono::Duration::days(1);
    json!({
        "external_id": "HB-REASONS-1",
        "system": "housing-benefit-eligibility",
        "outcome": "approved",
        "outcome_label": {"en": "Application approved", "ru": "Заявление одобрено", "kk": "Өтініш мақұлданды"},
        "decided_at": format!("{tomorrow}T00:00:00Z"),
        "legal_basis": {"en": "Law on Housing Relations, Article 97"},
        "summary": {"en": "Your household size brings your income per person under the limit."},
        "factors": [
            factor("region", "Region of residence", "Astana", 0.0),
            factor("savings", "Savings", "120000", 1.2),
            factor("household_size", "Household size", "4", 3.58),
            factor("car", "Owns a car", "no", 0.1),
            factor("monthly_income", "Declared monthly income", "412000", -1.9),
            factor("years_employed", "Years employed", "2", -0.7)
        ],
        "counterfactuals": [],
        "data_sources": [{"category": {"en": "Income"}, "source": {"en": "State revenue committee"}}],
        "human_involvement": "none",
        "human_reviewer": null,
        "model_version": "hb-2026.10.1",
        "subject": {"email": "citizen@example.kz", "national_id": "900101300123", "language": "en", "region": "750000000"}
    })
}

/// Sends the decision; returns its reference and access code.
async fn sent(app: &TestApp) -> (String, String) {
    app.create_agency("benefits");
    let token = app
        .api_token("benefits", "systems:write,register:publish,decisions:write")
        .await;
    let response = app.post_json("/api/v1/systems", &token, &system()).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let response = app
        .post_json(
            "/api/v1/decisions",
            &token,
            &json!({"decisions": [decision()]}),
        )
        .await;
    let body: Value = response.json().await.unwrap();
    let result = &body["results"][0];
    assert_eq!(result["status"], "created", "{body}");
    (
        result["reference"].as_str().unwrap().to_string(),
        result["access_code"].as_str().unwrap().to_string(),
    )
}

async fn open(client: &reqwest::Client, app: &TestApp, reference: &str, lang: &str) -> String {
    let response = client
        .get(app.url(&format!("/d/{reference}")))
        .header("accept-language", lang)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.text().await.unwrap()
}

/// The text between `start` and `end`, which must both be there.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start}")) + start.len();
    let to = html[from..]
        .find(end)
        .unwrap_or_else(|| panic!("no {end} after {start}"))
        + from;
    &html[from..to]
}

/// The opening tag of the exact weights' disclosure.
fn weights_disclosure(html: &str) -> &str {
    html.match_indices("<details")
        .map(|(start, _)| &html[start..start + html[start..].find('>').unwrap()])
        .find(|tag| tag.contains("exact-weights"))
        .unwrap_or_else(|| panic!("no disclosure of the exact weights in {html}"))
}

on_both_backends! {
    async fn the_citizen_reads_the_main_reasons_in_words_and_staff_see_the_exact_weights(app) {
        let (reference, code) = sent(&app).await;
        let csrf = app.csrf_token().await;
        let found = app
            .post_form("/find", &[("reference", reference.as_str()), ("access_code", code.as_str()), ("csrf_token", csrf.as_str())])
            .await;
        assert_eq!(found.headers().get("location").unwrap(), &format!("/d/{reference}"));

        let html = open(&app.client, &app, &reference, "en").await;
        let main = between(&html, r#"<ol class="reason-list">"#, "</ol>");
        assert_eq!(main.matches(r#"<li class="reason reason-"#).count(), 4, "{main}");
        let positions: Vec<usize> = ["Household size", "Declared monthly income", "Savings", "Years employed"]
            .iter()
            .map(|label| main.find(label).unwrap_or_else(|| panic!("{label} is a main reason: {main}")))
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "largest weight first: {main}");
        for words in ["The largest reason", "A moderate reason", "A smaller reason",
                      "Counted in your favour", "Counted against you"] {
            assert!(main.contains(words), "{words} in {main}");
        }
        assert!(!main.contains("3.58") && !main.contains("0.70"), "no raw weight among the citizen's reasons");
        let also = between(&html, r#"<ul class="also-considered">"#, "</ul>");
        assert!(also.contains("Region of residence") && also.contains("Owns a car"), "{also}");
        assert!(!also.contains("Counted"), "no direction claimed for what is only considered");
        assert!(!weights_disclosure(&html).contains(" open"), "closed for the citizen");
        let table = between(&html, "<tbody>", "</tbody>");
        for weight in ["+3.58", "\u{2212}1.90", "\u{2212}0.70", "+0.10", "0.00", "Made no difference"] {
            assert!(table.contains(weight), "{weight} in {table}");
        }
        assert!(!html.contains("+-"), "never a plus before a minus");
        assert!(!table.contains("+0.00") && !table.contains("\u{2212}0.00"), "no sign on a zero weight");

        let russian = open(&app.client, &app, &reference, "ru").await;
        assert!(russian.contains("Самая весомая причина") && russian.contains("Также учитывалось"));
        assert!(russian.contains("+3,58") && russian.contains("\u{2212}0,70"), "a decimal comma in Russian");
        let kazakh = open(&app.client, &app, &reference, "kk").await;
        assert!(kazakh.contains("Ең басты себеп") && kazakh.contains("+3,58"));

        app.create_user(STAFF, "reviewer", Some("benefits"), PASSWORD);
        let staff = app.signed_in_client(STAFF, PASSWORD).await;
        let html = open(&staff, &app, &reference, "en").await;
        assert!(weights_disclosure(&html).contains(" open"), "open for staff");
        let main = between(&html, r#"<ol class="reason-list">"#, "</ol>");
        assert!(main.contains("+3.58") && main.contains("\u{2212}0.70"), "staff see each weight: {main}");
    }
}
