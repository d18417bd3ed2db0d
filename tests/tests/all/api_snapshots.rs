//! Snapshots of what integrators read: the shape of a 422.

use serde_json::json;
use tests::{Backend, TestApp};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_validation_error_names_index_field_and_reason() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    app.create_agency("benefits");
    let token = app.api_token("benefits", "decisions:write").await;
    let body = json!({"decisions": [{"external_id": "A-1", "system": "x", "outcome": "denied",
        "outcome_label": {"en": "Denied", "de": "Abgelehnt"}, "decided_at": "yesterday",
        "legal_basis": {"en": "Law"}, "summary": {"en": "Why"}, "factors": [
            {"key": "income", "label": {"en": "Income"}, "value": "1", "contribution": "big", "citizen_can_change": true}],
        "human_involvement": "maybe", "model_version": "1"}]});
    let response = app.post_json("/api/v1/decisions", &token, &body).await;
    assert_eq!(response.status(), 422);
    let error: serde_json::Value = response.json().await.unwrap();
    insta::assert_json_snapshot!("decision_validation_error", error);
}
