//! The machine API: tokens, audiences, scopes, and register entries with versions and
//! slug ownership, on both backends.

use reqwest::StatusCode;
use serde_json::{json, Value};
use tests::{on_both_backends, TestApp};

fn entry() -> Value {
    let systems: Value =
        serde_json::from_str(include_str!("../../../server/src/cli/demo/systems.json")).unwrap();
    let mut content = systems[0]["content"].clone();
    content["slug"] = json!("test-eligibility");
    content
}

/// `content` with what publishing it at once takes (scope `register:publish`).
fn publishing(mut content: Value) -> Value {
    content["publish"] = json!(true);
    content["change_note"] = json!("Registered through the API tests.");
    content
}

async fn json_of(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn setup(app: &TestApp) {
    app.create_agency("benefits");
    app.create_agency("taxes");
}

on_both_backends! {
    async fn the_token_endpoint_takes_json_or_form_and_refuses_a_wrong_secret(app) {
        setup(&app);
        let (id, secret) = app.create_client("benefits", "systems:write");
        let (status, body) = json_of(app.client.post(app.url("/api/v1/token")).json(&json!({"client_id": id, "client_secret": secret})).send().await.unwrap()).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["token_type"], "Bearer");
        assert_eq!(body["expires_in"], 900);
        let (status, _) = json_of(app.client.post(app.url("/api/v1/token")).form(&[("client_id", id.as_str()), ("client_secret", secret.as_str())]).send().await.unwrap()).await;
        assert_eq!(status, StatusCode::OK, "form-encoded credentials work too");
        let (status, body) = json_of(app.client.post(app.url("/api/v1/token")).json(&json!({"client_id": id, "client_secret": "wrong"})).send().await.unwrap()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(body["error"], "invalid_client");
    }

    async fn client_secrets_are_never_stored_in_clear(app) {
        use diesel::prelude::*;
        setup(&app);
        let (id, secret) = app.create_client("benefits", "systems:write");
        let stored: String = server::db::schema::api_clients::table
            .filter(server::db::schema::api_clients::client_id.eq(&id))
            .select(server::db::schema::api_clients::secret_hash)
            .first(&mut app.db())
            .unwrap();
        assert!(!stored.contains(&secret));
        assert_eq!(stored.len(), 64, "a hex HMAC-SHA256");
    }

    async fn missing_tampered_and_session_tokens_are_401_and_a_wrong_scope_is_403(app) {
        setup(&app);
        let no_token = app.client.post(app.url("/api/v1/systems")).json(&entry()).send().await.unwrap();
        let (status, body) = json_of(no_token).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(body["error"], "unauthorized");
        let token = app.api_token("benefits", "systems:write").await;
        let tampered = format!("{token}x");
        assert_eq!(app.post_json("/api/v1/systems", &tampered, &entry()).await.status(), StatusCode::UNAUTHORIZED);
        // A staff session token is not a bearer token.
        app.create_user("r@benefits.test", "reviewer", Some("benefits"), "a long enough password");
        let signed_in = app.sign_in("r@benefits.test", "a long enough password").await;
        let session = signed_in.cookies().find(|c| c.name() == "redress_session").unwrap().value().to_string();
        assert_eq!(app.post_json("/api/v1/systems", &session, &entry()).await.status(), StatusCode::UNAUTHORIZED);
        // And a bearer token is not a session.
        let page = app.new_client().get(app.url("/staff")).header("cookie", format!("redress_session={token}")).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::SEE_OTHER);
        let read_only = app.api_token("benefits", "appeals:read").await;
        let (status, body) = json_of(app.post_json("/api/v1/systems", &read_only, &entry()).await).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(body["error"], "insufficient_scope");
    }

    async fn a_revoked_client_loses_its_tokens_at_once(app) {
        setup(&app);
        let (id, secret) = app.create_client("benefits", "systems:write");
        let response = app.client.post(app.url("/api/v1/token")).json(&json!({"client_id": id, "client_secret": secret})).send().await.unwrap();
        let token = response.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_string();
        server::db::models::api_client::revoke(&mut app.db(), &id, chrono::Utc::now().naive_utc()).unwrap();
        assert_eq!(app.post_json("/api/v1/systems", &token, &entry()).await.status(), StatusCode::UNAUTHORIZED);
        let again = app.client.post(app.url("/api/v1/token")).json(&json!({"client_id": id, "client_secret": secret})).send().await.unwrap();
        assert_eq!(again.status(), StatusCode::UNAUTHORIZED);
    }

    async fn changed_content_makes_a_version_and_identical_content_makes_none(app) {
        setup(&app);
        let token = app.api_token("benefits", "systems:write,register:publish").await;
        let (status, body) = json_of(app.post_json("/api/v1/systems", &token, &publishing(entry())).await).await;
        assert_eq!((status, body["version"].clone()), (StatusCode::CREATED, json!(1)));
        let (status, body) = json_of(app.post_json("/api/v1/systems", &token, &publishing(entry())).await).await;
        assert_eq!((status, body["version"].clone()), (StatusCode::OK, json!(1)), "identical content: no new version");
        let mut changed = entry();
        changed["status"] = json!("suspended");
        let (status, body) = json_of(app.post_json("/api/v1/systems", &token, &publishing(changed)).await).await;
        assert_eq!((status, body["version"].clone()), (StatusCode::CREATED, json!(2)));
        let (status, body) = json_of(app.client.get(app.url("/api/v1/systems/test-eligibility")).send().await.unwrap()).await;
        assert_eq!(status, StatusCode::OK, "public, no token");
        assert_eq!(body["version"], 2);
        assert_eq!(body["status"], "suspended");
        assert_eq!(body["agency"], "benefits");
        assert_eq!(body["versions"].as_array().unwrap().len(), 2);
        let (_, list) = json_of(app.client.get(app.url("/api/v1/systems")).send().await.unwrap()).await;
        assert_eq!(list["systems"].as_array().unwrap().len(), 1);
        let (status, body) = json_of(app.client.get(app.url("/api/v1/systems/nothing-here")).send().await.unwrap()).await;
        assert_eq!((status, body["error"].clone()), (StatusCode::NOT_FOUND, json!("not_found")));
    }

    async fn a_slug_belongs_to_the_agency_that_registered_it_first(app) {
        setup(&app);
        let benefits = app.api_token("benefits", "systems:write,register:publish").await;
        let taxes = app.api_token("taxes", "systems:write,register:publish").await;
        assert_eq!(app.post_json("/api/v1/systems", &benefits, &publishing(entry())).await.status(), StatusCode::CREATED);
        let mut theirs = entry();
        theirs["supplier"] = json!("Someone else");
        let (status, body) = json_of(app.post_json("/api/v1/systems", &taxes, &publishing(theirs)).await).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(body["details"][0]["field"], "slug");
        let (_, current) = json_of(app.client.get(app.url("/api/v1/systems/test-eligibility")).send().await.unwrap()).await;
        assert_eq!(current["agency"], "benefits");
        assert_eq!(current["version"], 1, "nothing was stored");
    }

    async fn bad_entries_get_422_naming_every_field_and_malformed_json_gets_400(app) {
        setup(&app);
        let token = app.api_token("benefits", "systems:write").await;
        let mut bad = entry();
        bad["risk_level"] = json!("extreme");
        bad["description"] = json!({"en": "x".repeat(351)});
        bad["name"] = json!({"de": "Name"});
        let (status, body) = json_of(app.post_json("/api/v1/systems", &token, &bad).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["error"], "validation_failed");
        let fields: Vec<&str> = body["details"].as_array().unwrap().iter().map(|d| d["field"].as_str().unwrap()).collect();
        assert_eq!(fields, vec!["name.de", "description.en", "risk_level"]);
        let malformed = app.client.post(app.url("/api/v1/systems")).bearer_auth(&token).header("content-type", "application/json").body("{\"slug\": ").send().await.unwrap();
        let (status, body) = json_of(malformed).await;
        assert_eq!((status, body["error"].clone()), (StatusCode::BAD_REQUEST, json!("malformed_json")));
        let (_, list) = json_of(app.client.get(app.url("/api/v1/systems")).send().await.unwrap()).await;
        assert!(list["systems"].as_array().unwrap().is_empty(), "nothing stored");
    }

    async fn a_body_over_16_mib_is_413(app) {
        setup(&app);
        let token = app.api_token("benefits", "systems:write").await;
        let huge = format!("{{\"slug\": \"{}\"}}", "x".repeat(16 * 1024 * 1024 + 10));
        let response = app.client.post(app.url("/api/v1/systems")).bearer_auth(&token).header("content-type", "application/json").body(huge).send().await.unwrap();
        let (status, body) = json_of(response).await;
        assert_eq!((status, body["error"].clone()), (StatusCode::PAYLOAD_TOO_LARGE, json!("payload_too_large")));
    }

    async fn a_new_version_through_the_api_is_in_the_audit_log_like_an_edit(app) {
        use diesel::prelude::*;
        use server::db::schema::audit_log;
        setup(&app);
        let token = app.api_token("benefits", "systems:write,register:publish").await;
        assert_eq!(app.post_json("/api/v1/systems", &token, &publishing(entry())).await.status(), StatusCode::CREATED);
        assert_eq!(app.post_json("/api/v1/systems", &token, &publishing(entry())).await.status(), StatusCode::OK);
        let rows: Vec<(String, String, String)> = audit_log::table
            .filter(audit_log::action.eq("register.version_published"))
            .select((audit_log::actor_kind, audit_log::subject_id, audit_log::details_json))
            .load(&mut app.db())
            .unwrap();
        assert_eq!(rows.len(), 1, "one version, one entry; an unchanged post records nothing");
        assert_eq!(rows[0].0, "api_client");
        assert_eq!(rows[0].1, entry()["slug"].as_str().unwrap());
        assert!(rows[0].2.contains("\"version\":1"), "{}", rows[0].2);
    }
}
