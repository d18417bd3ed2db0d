//! The decisions API: batches, all-or-nothing validation, 422 before 409, idempotency,
//! read-back, access-code reissue, and nothing personal stored in clear; on both backends.

use diesel::prelude::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use server::db::schema::decisions;
use tests::{on_both_backends, TestApp};

pub(crate) fn system() -> Value {
    let systems: Value =
        serde_json::from_str(include_str!("../../../server/src/cli/demo/systems.json")).unwrap();
    let mut content = systems[0]["content"].clone();
    content["slug"] = json!("housing-benefit-eligibility");
    // Published at once: decisions may only name published versions.
    content["publish"] = json!(true);
    content["change_note"] = json!("Registered for the decisions tests.");
    content
}

/// The coming midnight (UTC): after the test registered its system, as a decision must be,
/// less than a day ahead, and the same for every call in a test, so re-sends compare equal.
fn just_now() -> String {
    let tomorrow = chrono::Utc::now().date_naive() + chrono::Duration::days(1);
    format!("{tomorrow}T00:00:00Z")
}

pub(crate) fn decision(external_id: &str) -> Value {
    json!({
        "external_id": external_id,
        "system": "housing-benefit-eligibility",
        "outcome": "denied",
        "outcome_label": {"en": "Application denied", "ru": "Заявление отклонено", "kk": "Өтініш қабылданбады"},
        "decided_at": just_now(),
        "legal_basis": {"en": "Law on Housing Relations, Article 97"},
        "summary": {"en": "Your declared monthly income is above the limit for your household size."},
        "factors": [
            {"key": "monthly_income", "label": {"en": "Declared monthly income"}, "value": "412000", "unit": "KZT", "contribution": -0.42, "citizen_can_change": true},
            {"key": "household_size", "label": {"en": "Household size"}, "value": "3", "contribution": 0.1, "citizen_can_change": true},
            {"key": "age", "label": {"en": "Age"}, "value": "41", "contribution": 0.01, "citizen_can_change": false}
        ],
        "counterfactuals": [
            {"changes": [{"key": "monthly_income", "to": "350000"}], "outcome": "approved", "outcome_label": {"en": "Application approved"}}
        ],
        "data_sources": [{"category": {"en": "Income"}, "source": {"en": "State revenue committee"}}],
        "human_involvement": "none",
        "human_reviewer": null,
        "model_version": "hb-2026.10.1+sha256:9f2c",
        "subject": {"email": "citizen@example.kz", "national_id": "900101300123", "language": "ru", "region": "750000000"}
    })
}

pub(crate) async fn setup(app: &TestApp) -> String {
    app.create_agency("benefits");
    app.create_agency("taxes");
    let token = app
        .api_token("benefits", "systems:write,register:publish,decisions:write")
        .await;
    let response = app.post_json("/api/v1/systems", &token, &system()).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    token
}

pub(crate) async fn send(app: &TestApp, token: &str, items: Vec<Value>) -> (StatusCode, Value) {
    let response = app
        .post_json("/api/v1/decisions", token, &json!({"decisions": items}))
        .await;
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

pub(crate) fn stored_count(app: &TestApp) -> i64 {
    decisions::table.count().get_result(&mut app.db()).unwrap()
}

on_both_backends! {
    async fn a_batch_is_stored_with_references_and_codes_and_resending_it_changes_nothing(app) {
        let token = setup(&app).await;
        let (status, body) = send(&app, &token, vec![decision("HB-1"), decision("HB-2")]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let results = body["results"].as_array().unwrap();
        assert_eq!(results.len(), 2);
        for result in results {
            assert_eq!(result["status"], "created");
            let reference = result["reference"].as_str().unwrap();
            assert!(reference.starts_with("RD-") && reference.len() == 12, "{reference}");
            assert_eq!(result["access_code"].as_str().unwrap().len(), 9);
        }
        let first_reference = results[0]["reference"].clone();
        let (status, body) = send(&app, &token, vec![decision("HB-1"), decision("HB-3")]).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["results"][0]["status"], "unchanged");
        assert_eq!(body["results"][0]["reference"], first_reference);
        assert!(body["results"][0].get("access_code").is_none(), "no code on unchanged");
        assert_eq!(body["results"][1]["status"], "created");
        assert_eq!(stored_count(&app), 3);
    }

    async fn a_thousand_decisions_go_in_one_call_and_a_thousand_and_one_do_not(app) {
        let token = setup(&app).await;
        let batch: Vec<Value> = (0..1000).map(|i| decision(&format!("HB-{i:05}"))).collect();
        let (status, body) = send(&app, &token, batch).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["results"].as_array().unwrap().len(), 1000);
        assert_eq!(stored_count(&app), 1000);
        let too_many: Vec<Value> = (0..1001).map(|i| decision(&format!("X-{i}"))).collect();
        let (status, body) = send(&app, &token, too_many).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["details"][0]["field"], "decisions");
        let (status, _) = send(&app, &token, vec![]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "an empty batch is refused");
    }

    async fn any_invalid_item_refuses_the_whole_batch_naming_index_and_field(app) {
        let token = setup(&app).await;
        let mut bad_contribution = decision("HB-2");
        bad_contribution["factors"][0]["contribution"] = json!("a lot");
        let mut bad_language = decision("HB-3");
        bad_language["summary"] = json!({"en": "ok", "fr": "non"});
        let mut immutable = decision("HB-4");
        immutable["counterfactuals"][0]["changes"][0]["key"] = json!("age");
        let mut other_system = decision("HB-5");
        other_system["system"] = json!("not-ours");
        let (status, body) = send(&app, &token, vec![decision("HB-1"), bad_contribution, bad_language, decision("HB-1"), immutable, other_system]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let details: Vec<(u64, String)> = body["details"].as_array().unwrap().iter()
            .map(|d| (d["index"].as_u64().unwrap(), d["field"].as_str().unwrap().to_string())).collect();
        assert_eq!(details, vec![
            (1, "decisions[1].factors[0].contribution".to_string()),
            (2, "decisions[2].summary.fr".to_string()),
            (3, "decisions[3].external_id".to_string()),
            (4, "decisions[4].counterfactuals[0].changes[0].key".to_string()),
        ], "every problem of the pure validation, before the database is asked");
        assert_eq!(stored_count(&app), 0, "nothing stored");
        let mut other_system = decision("HB-5");
        other_system["system"] = json!("not-ours");
        let (status, body) = send(&app, &token, vec![decision("HB-1"), other_system]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["details"][0]["field"], "decisions[1].system");
        assert_eq!(stored_count(&app), 0);
    }

    async fn the_per_decision_limits_are_enforced(app) {
        let token = setup(&app).await;
        let mut big = decision("HB-1");
        let factor = big["factors"][0].clone();
        big["factors"] = Value::Array((0..51).map(|i| { let mut f = factor.clone(); f["key"] = json!(format!("k{i}")); f }).collect());
        big["counterfactuals"] = Value::Array(vec![json!({"changes": [{"key": "k1", "to": "1"}], "outcome": "approved", "outcome_label": {"en": "ok"}}); 11]);
        big["data_sources"] = Value::Array(vec![json!({"category": {"en": "Income"}, "source": {"en": "Registry"}}); 21]);
        big["summary"] = json!({"en": "x".repeat(4001)});
        let (status, body) = send(&app, &token, vec![big]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let fields: Vec<&str> = body["details"].as_array().unwrap().iter().map(|d| d["field"].as_str().unwrap()).collect();
        for expected in ["decisions[0].summary.en", "decisions[0].factors", "decisions[0].counterfactuals", "decisions[0].data_sources"] {
            assert!(fields.contains(&expected), "{expected} is named: {fields:?}");
        }
        assert_eq!(stored_count(&app), 0);
    }

    async fn changed_content_under_a_stored_external_id_is_409_and_422_comes_first(app) {
        let token = setup(&app).await;
        send(&app, &token, vec![decision("HB-1")]).await;
        let mut changed = decision("HB-1");
        changed["model_version"] = json!("hb-2026.11.0+sha256:0a1b");
        let (status, body) = send(&app, &token, vec![decision("HB-9"), changed.clone()]).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(body["details"][0]["index"], 1);
        assert_eq!(stored_count(&app), 1, "HB-9 was not stored either");
        let mut invalid = decision("HB-10");
        invalid["decided_at"] = json!("yesterday");
        let (status, _) = send(&app, &token, vec![changed, invalid]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "validation is reported before conflicts");
    }

    async fn an_omitted_version_resolves_to_the_current_one_and_resend_compares_what_was_sent(app) {
        let token = setup(&app).await;
        send(&app, &token, vec![decision("HB-1")]).await;
        let mut newer = system();
        newer["supplier"] = json!("A new supplier");
        app.post_json("/api/v1/systems", &token, &newer).await;
        let (status, body) = send(&app, &token, vec![decision("HB-1")]).await;
        assert_eq!((status, body["results"][0]["status"].clone()), (StatusCode::OK, json!("unchanged")));
        let (_, body) = send(&app, &token, vec![decision("HB-2")]).await;
        let reference = body["results"][0]["reference"].as_str().unwrap().to_string();
        let read = app.client.get(app.url(&format!("/api/v1/decisions/{reference}"))).bearer_auth(&token).send().await.unwrap();
        let read: Value = read.json().await.unwrap();
        assert_eq!(read["system_version"], 2, "pinned to the version current when stored");
        let mut pinned = decision("HB-3");
        pinned["system_version"] = json!(7);
        let (status, body) = send(&app, &token, vec![pinned]).await;
        assert_eq!((status, body["details"][0]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("decisions[0].system_version")));
    }

    async fn access_codes_and_national_ids_are_never_stored_in_clear(app) {
        let token = setup(&app).await;
        let (_, body) = send(&app, &token, vec![decision("HB-1")]).await;
        let code = body["results"][0]["access_code"].as_str().unwrap().to_string();
        let (hash, national, content): (String, Option<String>, String) = decisions::table
            .select((decisions::access_code_hash, decisions::subject_national_id_hash, decisions::content_json))
            .first(&mut app.db()).unwrap();
        assert!(!hash.contains(&code) && !hash.contains(&code.replace('-', "")));
        assert_eq!(hash.len(), 64);
        assert!(national.is_some_and(|n| n.len() == 64 && !n.contains("900101300123")));
        assert!(!content.contains("900101300123"), "the submitted document is not kept with the IIN in it");
        let region: Option<String> = decisions::table.select(decisions::subject_region).first(&mut app.db()).unwrap();
        assert_eq!(region.as_deref(), Some("750000000"), "the region is kept for the statistics by region");
    }

    async fn another_agency_gets_404_and_a_reissued_code_replaces_the_old(app) {
        let token = setup(&app).await;
        let (_, body) = send(&app, &token, vec![decision("HB-1")]).await;
        let reference = body["results"][0]["reference"].as_str().unwrap().to_string();
        let old_code = body["results"][0]["access_code"].as_str().unwrap().to_string();
        let theirs = app.api_token("taxes", "decisions:write").await;
        for path in [format!("/api/v1/decisions/{reference}")] {
            let response = app.client.get(app.url(&path)).bearer_auth(&theirs).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::NOT_FOUND);
        }
        let response = app.client.post(app.url(&format!("/api/v1/decisions/{reference}/access-code"))).bearer_auth(&theirs).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        let loose = reference.to_lowercase().replace('-', " ");
        let response = app.client.post(app.url(&format!("/api/v1/decisions/{loose}/access-code"))).bearer_auth(&token).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let body: Value = response.json().await.unwrap();
        let new_code = body["access_code"].as_str().unwrap().to_string();
        assert_ne!(new_code, old_code);
        let hash: String = decisions::table.select(decisions::access_code_hash).first(&mut app.db()).unwrap();
        assert!(server::keys::stored_hash::matches(&app.keys, server::keys::Purpose::AccessCode, &new_code, &hash));
        assert!(!server::keys::stored_hash::matches(&app.keys, server::keys::Purpose::AccessCode, &old_code, &hash), "the old code stops working");
        let own = app.client.get(app.url(&format!("/api/v1/decisions/{reference}"))).bearer_auth(&token).send().await.unwrap();
        assert_eq!(own.status(), StatusCode::OK);
        let own: Value = own.json().await.unwrap();
        assert_eq!(own["external_id"], "HB-1");
        assert!(own["subject"].get("national_id").is_none());
        assert_eq!(own["subject"]["region"], "750000000");
    }

    async fn what_a_careless_integrator_sends_is_refused_by_name(app) {
        let token = setup(&app).await;
        let cases: Vec<(&str, Value, &str)> = vec![
            ("subject.email", json!("@"), "must be an email address"),
            ("subject.email", json!("0@"), "must be an email address"),
            ("subject.email", json!("a@b@c"), "must be an email address"),
            ("subject.region", json!("751010000"), "must be the KATO code of an oblast"),
            ("subject.region", json!("75"), "must be the KATO code of an oblast"),
            ("subject.region", json!("000000000"), "must be the KATO code of an oblast"),
            ("decided_at", json!("0001-01-01T00:00:00Z"), "is before housing-benefit-eligibility was entered in the register"),
            ("decided_at", json!("9999-01-01T00:00:00Z"), "must not be more than a day in the future"),
            ("external_id", json!("HB\u{0}1"), "must not contain control characters"),
            ("summary", json!({"en": "Bell\u{7} rings"}), "must not contain control characters"),
        ];
        for (field, value, reason) in cases {
            let mut item = decision("HB-EDGE");
            let path: Vec<&str> = field.split('.').collect();
            match path.as_slice() {
                [one] => item[*one] = value.clone(),
                [outer, inner] => item[*outer][*inner] = value.clone(),
                _ => unreachable!(),
            }
            let (status, body) = send(&app, &token, vec![item]).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field} = {value}: {body}");
            let details = body["details"].as_array().unwrap();
            assert!(
                details.iter().any(|d| d["field"].as_str().unwrap().starts_with(&format!("decisions[0].{field}"))
                    && d["reason"].as_str().unwrap().starts_with(reason)),
                "{field} = {value}: {body}"
            );
        }
        let mut reviewer = decision("HB-EDGE");
        reviewer["human_involvement"] = json!("reviewed");
        reviewer["human_reviewer"] = json!("a@b@c");
        let (status, body) = send(&app, &token, vec![reviewer]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["details"][0]["field"], "decisions[0].human_reviewer");
        let mut no_reasons = decision("HB-EDGE");
        no_reasons["factors"] = json!([]);
        no_reasons["counterfactuals"] = json!([]);
        let (status, body) = send(&app, &token, vec![no_reasons]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body["details"][0]["reason"].as_str().unwrap().contains("must give its reasons"), "{body}");
        let response = app
            .post_json("/api/v1/decisions", &token, &json!({"decisions": [decision("HB-EDGE")], "dry_run": true}))
            .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["details"][0]["field"], "dry_run");
        assert_eq!(stored_count(&app), 0, "nothing was half-written");
    }

    async fn omitting_an_optional_field_and_sending_null_are_the_same_content(app) {
        let token = setup(&app).await;
        let mut with_nulls = decision("HB-NULL");
        with_nulls["human_reviewer"] = Value::Null;
        with_nulls["system_version"] = Value::Null;
        with_nulls["factors"][0]["unit"] = Value::Null;
        let (status, first) = send(&app, &token, vec![with_nulls]).await;
        assert_eq!(status, StatusCode::OK, "{first}");
        let mut without = decision("HB-NULL");
        let object = without.as_object_mut().unwrap();
        object.remove("human_reviewer");
        object.remove("system_version");
        without["factors"][0].as_object_mut().unwrap().remove("unit");
        let (status, again) = send(&app, &token, vec![without]).await;
        assert_eq!(status, StatusCode::OK, "{again}");
        assert_eq!(again["results"][0]["status"], "unchanged");
        assert_eq!(again["results"][0]["reference"], first["results"][0]["reference"]);
    }

    async fn a_version_written_as_a_whole_float_is_that_version(app) {
        let token = setup(&app).await;
        let mut item = decision("HB-FLOAT");
        item["system_version"] = json!(1.0);
        let (status, body) = send(&app, &token, vec![item]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let mut item = decision("HB-HALF");
        item["system_version"] = json!(1.5);
        let (status, body) = send(&app, &token, vec![item]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["details"][0]["field"], "decisions[0].system_version");
    }

    async fn a_retired_system_makes_no_decisions(app) {
        let token = setup(&app).await;
        let mut retired = system();
        retired["status"] = json!("retired");
        let response = app.post_json("/api/v1/systems", &token, &retired).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let (status, body) = send(&app, &token, vec![decision("HB-RETIRED")]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["details"][0]["field"], "decisions[0].system");
        assert!(body["details"][0]["reason"].as_str().unwrap().contains("retired"), "{body}");
        let mut pinned = decision("HB-OLD-VERSION");
        pinned["system_version"] = json!(1);
        let (status, body) = send(&app, &token, vec![pinned]).await;
        assert_eq!(status, StatusCode::OK, "a decision of the version before retirement is kept: {body}");
    }

    async fn a_reference_that_is_already_taken_is_replaced_not_refused(app) {
        use server::db::models::decision::{self, NewDecision};
        let token = setup(&app).await;
        let (status, body) = send(&app, &token, vec![decision("HB-TAKEN")]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let taken = body["results"][0]["reference"].as_str().unwrap().to_string();
        let mut conn = app.db();
        let stored = decision::find_by_reference(&mut conn, &taken).unwrap().unwrap();
        // A new row drawn with the very reference already stored: the unique index refuses
        // it, and ingest retries that chunk with fresh references instead of failing.
        let mut rows = vec![NewDecision {
            reference: taken.clone(),
            agency_id: stored.agency_id,
            system_version_id: stored.system_version_id,
            external_id: "HB-COLLIDES".into(),
            access_code_hash: stored.access_code_hash.clone(),
            outcome: stored.outcome.clone(),
            decided_at: stored.decided_at,
            content_json: stored.content_json.clone(),
            content_hash: stored.content_hash.clone(),
            subject_email: None,
            subject_national_id_hash: None,
            subject_language: None,
            subject_region: None,
            created_at: stored.created_at,
        }];
        server::db::write_transaction(&mut conn, |conn| {
            server::services::ingest::insert_with_fresh_references(conn, &mut rows)
        })
        .unwrap();
        assert_ne!(rows[0].reference, taken);
        assert!(decision::find_by_reference(&mut conn, &rows[0].reference).unwrap().is_some());
        assert_eq!(stored_count(&app), 2);
    }
}

on_both_backends! {
    async fn two_first_posts_at_once_end_in_one_write_and_no_server_error(app) {
        app.create_agency("benefits");
        app.create_agency("taxes");
        let token = app.api_token("benefits", "systems:write,register:publish,decisions:write").await;
        let other = app.api_token("taxes", "systems:write,register:publish").await;
        // The same new system from two bodies at once: one registers it, the other hears 409.
        for round in 0..3 {
            let mut contested = system();
            contested["slug"] = json!(format!("contested-system-{round}"));
            let (first, second) = tokio::join!(
                app.post_json("/api/v1/systems", &token, &contested),
                app.post_json("/api/v1/systems", &other, &contested),
            );
            let mut statuses = [first.status().as_u16(), second.status().as_u16()];
            statuses.sort_unstable();
            assert_eq!(statuses, [201, 409]);
        }
        // The same new decision twice at once: stored once, both told the same reference.
        let registered = app.post_json("/api/v1/systems", &token, &system()).await;
        assert_eq!(registered.status(), StatusCode::CREATED);
        for round in 0..5 {
            let items = vec![decision(&format!("RACE-{round}"))];
            let (a, b) = tokio::join!(send(&app, &token, items.clone()), send(&app, &token, items));
            assert_eq!((a.0, b.0), (StatusCode::OK, StatusCode::OK), "{} / {}", a.1, b.1);
            assert_eq!(a.1["results"][0]["reference"], b.1["results"][0]["reference"], "one decision, told twice");
        }
        assert_eq!(stored_count(&app), 5);
    }
}
