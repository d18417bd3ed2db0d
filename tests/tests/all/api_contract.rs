//! Every operation of the API, and every error it documents, answered by the real server and
//! checked against the generated OpenAPI document; and the edges a careless integrator finds:
//! content types, repeated keys, methods, HEAD, and the HTML character set. On both backends.

use reqwest::StatusCode;
use serde_json::{json, Value};
use tests::contract::assert_conforms;
use tests::{on_both_backends, TestApp};

fn system(slug: &str) -> Value {
    let systems: Value =
        serde_json::from_str(include_str!("../../../server/src/cli/demo/systems.json")).unwrap();
    let mut content = systems[0]["content"].clone();
    content["slug"] = json!(slug);
    // Published at once, so the public register below lists it.
    content["publish"] = json!(true);
    content["change_note"] = json!("Registered for the contract tests.");
    content
}

fn decision(external_id: &str) -> Value {
    json!({
        "external_id": external_id,
        "system": "benefit-scoring",
        "outcome": "denied",
        "outcome_label": {"en": "Application denied"},
        // The coming midnight: after the system was registered, the same on a re-send.
        "decided_at": format!("{}T00:00:00Z", chrono::Utc::now().date_naive() + chrono::Duration::days(1)),
        "legal_basis": {"en": "Law on Housing Relations, Article 97"},
        "summary": {"en": "Your declared income is above the limit."},
        "factors": [{"key": "income", "label": {"en": "Income"}, "value": "412000", "unit": "KZT",
                     "contribution": -0.42, "citizen_can_change": true}],
        "human_involvement": "none",
        "model_version": "hb-1",
        "subject": {"email": "citizen@example.kz", "national_id": "900101300123", "language": "ru"}
    })
}

/// Sends `body` raw with `content_type`, returning the status and the JSON answer.
async fn send_raw(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    content_type: &str,
    body: &str,
) -> (StatusCode, Value) {
    let mut request = app
        .client
        .request(method, app.url(path))
        .header("content-type", content_type)
        .body(body.to_string());
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn json_call(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> (StatusCode, Value) {
    let mut request = app.client.request(method, app.url(path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(body);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

on_both_backends! {
    async fn every_operation_answers_what_the_openapi_document_says(app) {
        use reqwest::Method;
        app.create_agency("benefits");
        app.create_agency("taxes");
        let (client_id, secret) = app.create_client("benefits", "systems:write,register:publish,decisions:write");

        // Token: success, wrong secret, missing secret (named as such), wrong content type.
        let (status, body) = json_call(&app, Method::POST, "/api/v1/token", None,
            Some(&json!({"client_id": client_id, "client_secret": secret}))).await;
        assert_eq!(status, StatusCode::OK);
        assert_conforms("post", "/api/v1/token", 200, &body);
        let token = body["access_token"].as_str().unwrap().to_string();
        let (status, body) = json_call(&app, Method::POST, "/api/v1/token", None,
            Some(&json!({"client_id": client_id, "client_secret": "wrong"}))).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_conforms("post", "/api/v1/token", 401, &body);
        let (status, body) = json_call(&app, Method::POST, "/api/v1/token", None,
            Some(&json!({"client_id": client_id}))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_conforms("post", "/api/v1/token", 422, &body);
        assert_eq!(body["details"][0]["field"], "client_secret", "{body}");
        let (status, body) = send_raw(&app, Method::POST, "/api/v1/token", None, "text/plain", "x").await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_conforms("post", "/api/v1/token", 415, &body);

        // Register: created, unchanged, another agency's slug, invalid, no token, wrong scope.
        let (status, body) = json_call(&app, Method::POST, "/api/v1/systems", Some(&token), Some(&system("benefit-scoring"))).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        assert_conforms("post", "/api/v1/systems", 201, &body);
        let (status, body) = json_call(&app, Method::POST, "/api/v1/systems", Some(&token), Some(&system("benefit-scoring"))).await;
        assert_eq!(status, StatusCode::OK);
        assert_conforms("post", "/api/v1/systems", 200, &body);
        let other = app.api_token("taxes", "systems:write,register:publish").await;
        let (status, body) = json_call(&app, Method::POST, "/api/v1/systems", Some(&other), Some(&system("benefit-scoring"))).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_conforms("post", "/api/v1/systems", 409, &body);
        let mut invalid = system("x");
        invalid["contact_email"] = json!("@");
        let (status, body) = json_call(&app, Method::POST, "/api/v1/systems", Some(&token), Some(&invalid)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_conforms("post", "/api/v1/systems", 422, &body);
        let (status, body) = json_call(&app, Method::POST, "/api/v1/systems", None, Some(&system("y"))).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_conforms("post", "/api/v1/systems", 401, &body);
        let reader = app.api_token("benefits", "decisions:write").await;
        let (status, body) = json_call(&app, Method::POST, "/api/v1/systems", Some(&reader), Some(&system("y"))).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_conforms("post", "/api/v1/systems", 403, &body);

        // The public register.
        let (status, body) = json_call(&app, Method::GET, "/api/v1/systems", None, None).await;
        assert_eq!(status, StatusCode::OK);
        assert_conforms("get", "/api/v1/systems", 200, &body);
        assert_eq!(body["systems"][0]["slug"], "benefit-scoring");
        let (status, body) = json_call(&app, Method::GET, "/api/v1/systems/benefit-scoring", None, None).await;
        assert_eq!(status, StatusCode::OK);
        assert_conforms("get", "/api/v1/systems/{slug}", 200, &body);
        assert_eq!(body["versions"].as_array().unwrap().len(), 1);
        let (status, body) = json_call(&app, Method::GET, "/api/v1/systems/nothing-here", None, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_conforms("get", "/api/v1/systems/{slug}", 404, &body);

        // Decisions: stored, invalid, conflicting; read back; a new access code.
        let (status, body) = json_call(&app, Method::POST, "/api/v1/decisions", Some(&token),
            Some(&json!({"decisions": [decision("D-1")]}))).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_conforms("post", "/api/v1/decisions", 200, &body);
        let reference = body["results"][0]["reference"].as_str().unwrap().to_string();
        let (status, body) = json_call(&app, Method::POST, "/api/v1/decisions", Some(&token),
            Some(&json!({"decisions": [decision("D-1")]}))).await;
        assert_eq!(status, StatusCode::OK);
        assert_conforms("post", "/api/v1/decisions", 200, &body);
        assert!(body["results"][0].get("access_code").is_none(), "{body}");
        let mut changed = decision("D-1");
        changed["model_version"] = json!("hb-2");
        let (status, body) = json_call(&app, Method::POST, "/api/v1/decisions", Some(&token),
            Some(&json!({"decisions": [changed]}))).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_conforms("post", "/api/v1/decisions", 409, &body);
        let (status, body) = json_call(&app, Method::POST, "/api/v1/decisions", Some(&token),
            Some(&json!({"decisions": []}))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_conforms("post", "/api/v1/decisions", 422, &body);
        let (status, body) = json_call(&app, Method::GET, &format!("/api/v1/decisions/{reference}"), Some(&token), None).await;
        assert_eq!(status, StatusCode::OK);
        assert_conforms("get", "/api/v1/decisions/{reference}", 200, &body);
        assert_eq!(body["national_id_stored"], true);
        assert!(body["subject"]["national_id"].is_null(), "{body}");
        let (status, body) = json_call(&app, Method::GET, "/api/v1/decisions/RD-0000-0000", Some(&token), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_conforms("get", "/api/v1/decisions/{reference}", 404, &body);
        let path = format!("/api/v1/decisions/{reference}/access-code");
        let (status, body) = json_call(&app, Method::POST, &path, Some(&token), None).await;
        assert_eq!(status, StatusCode::OK);
        assert_conforms("post", "/api/v1/decisions/{reference}/access-code", 200, &body);
        let (status, body) = json_call(&app, Method::POST, &path, Some(&other), None).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_conforms("post", "/api/v1/decisions/{reference}/access-code", 403, &body);
    }

    async fn bodies_must_be_declared_json_and_must_not_repeat_a_key(app) {
        use reqwest::Method;
        app.create_agency("benefits");
        let token = app.api_token("benefits", "systems:write,decisions:write").await;
        let body = json!({"decisions": [decision("D-1")]}).to_string();
        for content_type in ["text/plain", "application/x-www-form-urlencoded", "text/json"] {
            let (status, answer) = send_raw(&app, Method::POST, "/api/v1/decisions", Some(&token), content_type, &body).await;
            assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{content_type}");
            assert_conforms("post", "/api/v1/decisions", 415, &answer);
        }
        let (status, _) = send_raw(&app, Method::POST, "/api/v1/decisions", Some(&token),
            "application/json; charset=utf-8", &body).await;
        assert_ne!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "parameters of the media type are fine");
        let repeated = r#"{"decisions": [{"external_id": "A", "external_id": "B"}]}"#;
        let (status, answer) = send_raw(&app, Method::POST, "/api/v1/decisions", Some(&token), "application/json", repeated).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_conforms("post", "/api/v1/decisions", 400, &answer);
        assert!(answer["message"].as_str().unwrap().contains("\"external_id\" appears twice"), "{answer}");
    }

    async fn wrong_methods_get_405_with_allow_and_get_routes_answer_head(app) {
        let response = app.client.delete(app.url("/api/v1/systems")).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(response.headers()["allow"], "GET, HEAD, POST");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"], "method_not_allowed");
        let response = app.client.get(app.url("/api/v1/decisions")).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(response.headers()["allow"], "POST");
        let response = app.client.head(app.url("/api/v1/systems")).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let response = app.client.head(app.url("/api/v1/openapi.json")).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let response = app.client.get(app.url("/api/v1/nothing")).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }

    async fn pages_name_their_character_set(app) {
        for path in ["/", "/privacy", "/register", "/no-such-page"] {
            let response = app.get(path).await;
            let content_type = response.headers()["content-type"].to_str().unwrap().to_string();
            assert_eq!(content_type.to_ascii_lowercase(), "text/html; charset=utf-8", "{path}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_served_document_is_the_generated_one() {
    let app = TestApp::spawn(tests::Backend::Sqlite).await;
    let response = app.get("/api/v1/openapi.json").await;
    assert_eq!(response.status(), StatusCode::OK);
    let served: Value = response.json().await.unwrap();
    let generated: Value = serde_json::from_str(server::api::openapi::document_json()).unwrap();
    assert_eq!(served, generated);
    assert_eq!(served["info"]["title"], "Redress agency API");
}
