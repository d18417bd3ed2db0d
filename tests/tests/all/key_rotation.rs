//! Per-purpose keys and `rotate-key`: what a rotation keeps working, what it ends and when,
//! that it touches no other purpose's data, and the keyed audit chain; on both backends.

use diesel::prelude::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use server::db::models::audit::{self, Actor};
use server::db::models::key_ring;
use server::db::schema::{api_clients, audit_log, decisions};
use server::keys::{stored_hash, Purpose};
use server::services::key_rotation::{self, OldKeyVerifies};
use tests::{on_both_backends_with, TestApp};

const PASSWORD: &str = "a long enough password";

fn system() -> Value {
    let systems: Value =
        serde_json::from_str(include_str!("../../../server/src/cli/demo/systems.json")).unwrap();
    let mut content = systems[0]["content"].clone();
    content["slug"] = json!("housing-benefit-eligibility");
    content["publish"] = json!(true);
    content["change_note"] = json!("First publication.");
    content
}

fn decision(external_id: &str) -> Value {
    let tomorrow = chrono::Utc::now().date_naive() + chrono::Duration::days(1);
    json!({
        "external_id": external_id,
        "system": "housing-benefit-eligibility",
        "outcome": "denied",
        "outcome_label": {"en": "Application denied", "ru": "Заявление отклонено", "kk": "Өтініш қабылданбады"},
        "decided_at": format!("{tomorrow}T00:00:00Z"),
        "legal_basis": {"en": "Law on Housing Relations, Article 97"},
        "summary": {"en": "Your declared monthly income is above the limit for your household size."},
        "factors": [
            {"key": "monthly_income", "label": {"en": "Declared monthly income"}, "value": "412000", "unit": "KZT", "contribution": -0.42, "citizen_can_change": true}
        ],
        "counterfactuals": [],
        "data_sources": [{"category": {"en": "Income"}, "source": {"en": "State revenue committee"}}],
        "human_involvement": "none",
        "human_reviewer": null,
        "model_version": "hb-2026.10.1",
        "subject": {"email": "citizen@example.kz", "national_id": "900101300123", "language": "ru", "region": "750000000"}
    })
}

/// An agency with a system, a reviewer and an API token; returns the token.
async fn setup(app: &TestApp) -> String {
    app.create_agency("benefits");
    app.create_user("r@benefits.test", "reviewer", Some("benefits"), PASSWORD);
    let token = app
        .api_token("benefits", "systems:write,register:publish,decisions:write")
        .await;
    let response = app.post_json("/api/v1/systems", &token, &system()).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    token
}

/// Sends one decision; returns its reference and access code (empty when unchanged).
async fn ingest(app: &TestApp, token: &str, external_id: &str) -> (String, String) {
    let response = app
        .post_json(
            "/api/v1/decisions",
            token,
            &json!({"decisions": [decision(external_id)]}),
        )
        .await;
    assert!(response.status().is_success(), "{}", response.status());
    let body: Value = response.json().await.unwrap();
    let result = &body["results"][0];
    (
        result["reference"].as_str().unwrap().to_string(),
        result["access_code"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
    )
}

fn rotate(app: &TestApp, purpose: Purpose) -> key_rotation::Rotated {
    key_rotation::rotate(
        &mut app.db(),
        &app.keys,
        &app.settings.session,
        purpose,
        Actor::operator("test"),
        chrono::Utc::now(),
    )
    .unwrap()
}

/// Ends the window of `purpose`'s version 1 a second ago, as if its longest token lifetime had passed.
fn end_window_of_version_one(app: &TestApp, purpose: Purpose) {
    let now = chrono::Utc::now().naive_utc();
    key_ring::record(
        &mut app.db(),
        purpose,
        1,
        now,
        Some(now - chrono::Duration::seconds(1)),
    )
    .unwrap();
}

/// Long enough for the server to read the ring again (the tests read it every second).
async fn server_rereads_the_ring() {
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
}

/// The value of the cookie `name` a response sets.
fn set_cookie(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            v.strip_prefix(&format!("{name}="))
                .map(|rest| rest.split(';').next().unwrap_or_default().to_string())
        })
        .unwrap_or_else(|| panic!("the response sets {name}"))
}

fn kid(token: &str) -> String {
    jsonwebtoken::decode_header(token)
        .unwrap()
        .kid
        .unwrap_or_default()
}

/// A staff session token, from a sign-in by a client of its own.
async fn staff_session(app: &TestApp) -> String {
    let client = app.new_client();
    let page = client
        .get(app.url("/staff/signin"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = tests::hidden_value(&page, "csrf_token").unwrap();
    let response = client
        .post(app.url("/staff/signin"))
        .form(&[
            ("email", "r@benefits.test"),
            ("password", PASSWORD),
            ("csrf_token", csrf.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers().get("location").unwrap(), "/staff");
    set_cookie(&response, "redress_session")
}

/// A citizen's decision token, from "Find my decision" by a client of its own.
async fn citizen_session(app: &TestApp, reference: &str, code: &str) -> String {
    let client = app.new_client();
    let page = client
        .get(app.url("/find"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = tests::hidden_value(&page, "csrf_token").unwrap();
    let response = client
        .post(app.url("/find"))
        .form(&[
            ("reference", reference),
            ("access_code", code),
            ("csrf_token", csrf.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers().get("location").unwrap(),
        &format!("/d/{reference}")
    );
    set_cookie(&response, "redress_decision")
}

/// The status of `path` for a request carrying only `cookie` (no cookie jar that a refreshed
/// token could be written back to).
async fn status_with(app: &TestApp, path: &str, cookie: &str) -> StatusCode {
    app.new_client()
        .get(app.url(path))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
        .status()
}

/// What other purposes' keys made: each decision's access code, content and national id
/// hashes; each client secret hash; each audit entry's hash and key id.
type KeyedValues = (
    Vec<(String, String, Option<String>)>,
    Vec<String>,
    Vec<(String, Option<String>)>,
);

/// Everything stored that other purposes' keys made: hashes and the audit entries so far.
fn stored_keyed_values(app: &TestApp) -> KeyedValues {
    let mut conn = app.db();
    let decisions = decisions::table
        .order(decisions::id)
        .select((
            decisions::access_code_hash,
            decisions::content_hash,
            decisions::subject_national_id_hash,
        ))
        .load(&mut conn)
        .unwrap();
    let secrets = api_clients::table
        .order(api_clients::id)
        .select(api_clients::secret_hash)
        .load(&mut conn)
        .unwrap();
    let entries = audit_log::table
        .order(audit_log::id)
        .select((audit_log::hash, audit_log::key_id))
        .load(&mut conn)
        .unwrap();
    (decisions, secrets, entries)
}

on_both_backends_with! {
    |s| s.secrets.key_ring_refresh_seconds = 1;

    async fn sessions_opened_before_a_rotation_work_until_the_old_keys_window_has_passed(app) {
        let token = setup(&app).await;
        let (reference, code) = ingest(&app, &token, "HB-1").await;
        let staff = staff_session(&app).await;
        let citizen = citizen_session(&app, &reference, &code).await;
        assert_eq!((kid(&staff), kid(&citizen)), ("session.1".to_string(), "citizen.1".to_string()));

        let rotated = rotate(&app, Purpose::Session);
        assert_eq!(rotated.new_key.to_string(), "session.2");
        let OldKeyVerifies::Until(until) = rotated.old_key_verifies else { panic!("a token key has a window") };
        let lifetime = until - chrono::Utc::now().naive_utc();
        assert!(lifetime > chrono::Duration::minutes(8 * 60 - 1), "the session's absolute lifetime: {lifetime}");
        assert_eq!(rotate(&app, Purpose::Citizen).new_key.to_string(), "citizen.2");
        server_rereads_the_ring().await;

        let staff_cookie = format!("redress_session={staff}");
        let citizen_cookie = format!("redress_decision={citizen}");
        let decision_page = format!("/d/{reference}");
        assert_eq!(status_with(&app, "/staff", &staff_cookie).await, StatusCode::OK, "the old staff session still works");
        assert_eq!(status_with(&app, &decision_page, &citizen_cookie).await, StatusCode::OK, "the old citizen session still works");
        let new_staff = staff_session(&app).await;
        let new_citizen = citizen_session(&app, &reference, &code).await;
        assert_eq!((kid(&new_staff), kid(&new_citizen)), ("session.2".to_string(), "citizen.2".to_string()));

        end_window_of_version_one(&app, Purpose::Session);
        end_window_of_version_one(&app, Purpose::Citizen);
        server_rereads_the_ring().await;
        assert_ne!(status_with(&app, "/staff", &staff_cookie).await, StatusCode::OK, "the old staff session is refused");
        assert_eq!(status_with(&app, &decision_page, &citizen_cookie).await, StatusCode::UNAUTHORIZED, "the old citizen session is refused");
        assert_eq!(status_with(&app, "/staff", &format!("redress_session={new_staff}")).await, StatusCode::OK);
        assert_eq!(status_with(&app, &decision_page, &format!("redress_decision={new_citizen}")).await, StatusCode::OK);
    }

    async fn rotating_the_session_key_touches_no_other_purpose(app) {
        let token = setup(&app).await;
        let (reference, code) = ingest(&app, &token, "HB-1").await;
        let before = stored_keyed_values(&app);
        rotate(&app, Purpose::Session);
        server_rereads_the_ring().await;

        let after = stored_keyed_values(&app);
        assert_eq!((&after.0, &after.1), (&before.0, &before.1), "no hash changed");
        assert_eq!(after.2[..before.2.len()], before.2[..], "no audit entry changed");
        for purpose in Purpose::ALL.into_iter().filter(|p| *p != Purpose::Session) {
            assert_eq!(app.keys.current(purpose).id.version, 1, "{purpose} stays at version 1");
        }
        let response = app.client.get(app.url(&format!("/api/v1/decisions/{reference}"))).bearer_auth(&token).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "an API token issued before still works");
        let fresh = app.api_token("benefits", "decisions:write").await;
        assert_eq!(kid(&fresh), "api.1", "API tokens keep their key");
        citizen_session(&app, &reference, &code).await;
        let national_id: Option<String> = decisions::table.select(decisions::subject_national_id_hash).first(&mut app.db()).unwrap();
        assert!(stored_hash::matches(&app.keys, Purpose::NationalId, "900101300123", &national_id.unwrap()), "the national id still matches");
    }

    async fn rotating_the_hash_keys_keeps_existing_values_and_hashes_new_ones_with_the_new_id(app) {
        let token = setup(&app).await;
        let (reference, code) = ingest(&app, &token, "HB-1").await;
        let (client_id, secret) = app.create_client("benefits", "decisions:write");
        let before = stored_keyed_values(&app);
        for purpose in [Purpose::AccessCode, Purpose::NationalId, Purpose::ClientSecret, Purpose::DecisionContent] {
            let rotated = rotate(&app, purpose);
            assert_eq!(rotated.old_key_verifies, OldKeyVerifies::WhileItsValuesAreStored);
        }
        server_rereads_the_ring().await;
        assert_eq!(stored_keyed_values(&app).0, before.0, "stored hashes are not rewritten");

        citizen_session(&app, &reference, &code).await;
        let response = app.client.post(app.url("/api/v1/token")).json(&json!({"client_id": client_id, "client_secret": secret})).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "a client secret hashed before still opens");
        let (_, unchanged) = ingest(&app, &token, "HB-1").await;
        assert_eq!(unchanged, "", "the same decision sent again is recognised, not a conflict");

        let (new_reference, new_code) = ingest(&app, &token, "HB-2").await;
        let (access, national): (String, Option<String>) = decisions::table.filter(decisions::reference.eq(&new_reference))
            .select((decisions::access_code_hash, decisions::subject_national_id_hash)).first(&mut app.db()).unwrap();
        assert!(access.starts_with("access-code.2:"), "{access}");
        let national = national.unwrap();
        assert!(national.starts_with("national-id.2:"), "{national}");
        assert!(stored_hash::matches(&app.keys, Purpose::NationalId, "900101300123", &national));
        assert!(stored_hash::matches(&app.keys, Purpose::NationalId, "900101300123", before.0[0].2.as_deref().unwrap()));
        citizen_session(&app, &new_reference, &new_code).await;
        let (_, new_secret) = app.create_client("benefits", "decisions:write");
        let secret_hash: String = api_clients::table.order(api_clients::id.desc()).select(api_clients::secret_hash).first(&mut app.db()).unwrap();
        assert!(secret_hash.starts_with("client-secret.2:") && !new_secret.is_empty());
    }

    async fn audit_entries_after_rotating_the_audit_key_carry_its_id_and_the_chain_verifies(app) {
        use server::db::models::audit_checkpoint;
        setup(&app).await;
        staff_session(&app).await;
        let signed_before = audit_checkpoint::write(&mut app.db(), &app.keys, chrono::Utc::now().naive_utc(), true).unwrap().unwrap();
        assert_eq!(signed_before.key_id, "audit.1");
        let rotated = rotate(&app, Purpose::Audit);
        assert_eq!(rotated.new_key.to_string(), "audit.2");
        staff_session(&app).await;

        let ids: Vec<Option<String>> = audit_log::table.order(audit_log::id).select(audit_log::key_id).load(&mut app.db()).unwrap();
        let last_rotation = ids.iter().rposition(|id| id.as_deref() == Some("audit.1")).unwrap();
        assert!(ids[last_rotation + 1..].iter().all(|id| id.as_deref() == Some("audit.2")), "{ids:?}");
        let report = audit::verify_chain(&mut app.db()).unwrap();
        assert_eq!((report.first_broken, report.unkeyed), (None, 0));
        let signed_after = audit_checkpoint::write(&mut app.db(), &app.keys, chrono::Utc::now().naive_utc(), true).unwrap().unwrap();
        assert_eq!(signed_after.key_id, "audit.2");
        for checkpoint in [&signed_before, &signed_after] {
            assert_eq!(audit_checkpoint::check(&mut app.db(), &app.keys, checkpoint).unwrap(), None, "each checkpoint verifies with the key it names");
        }
    }

    async fn unkeyed_entries_pass_only_as_the_start_and_a_chain_rehashed_without_the_key_fails(app) {
        let mut conn = app.db();
        // Two entries as written before entries were keyed: plain SHA-256, no key id.
        let mut prev = audit::GENESIS.to_string();
        for n in 0..2 {
            let mut entry = legacy_entry(n, &prev);
            entry.hash = audit::entry_hash(&entry);
            insert_raw(&mut conn, &entry);
            prev = entry.hash;
        }
        setup(&app).await;
        staff_session(&app).await;
        let report = audit::verify_chain(&mut conn).unwrap();
        assert_eq!((report.first_broken, report.unkeyed), (None, 2), "the old prefix verifies by plain hash");
        assert!(report.entries > 2);

        // Someone with the database owner's rights rewrites an entry's payload and recomputes
        // a plain SHA-256 chain from there on, as the unkeyed entries were hashed.
        let lift = match app.backend {
            tests::Backend::Postgres => vec!["ALTER TABLE audit_log DISABLE TRIGGER USER"],
            tests::Backend::Sqlite => vec!["DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"],
        };
        for statement in lift {
            diesel::sql_query(statement).execute(&mut conn).unwrap();
        }
        let entries: Vec<audit::AuditEntry> = audit_log::table.select(audit::AuditEntry::as_select()).order(audit_log::id.asc()).load(&mut conn).unwrap();
        let target = entries[3].id;
        let mut prev = entries[2].hash.clone();
        for mut entry in entries.into_iter().skip(3) {
            if entry.id == target {
                entry.details_json = "{\"rewritten\":true}".into();
            }
            entry.prev_hash = prev.clone();
            entry.key_id = None;
            entry.hash = audit::entry_hash(&entry);
            diesel::update(audit_log::table.find(entry.id))
                .set((audit_log::details_json.eq(&entry.details_json), audit_log::prev_hash.eq(&entry.prev_hash),
                      audit_log::hash.eq(&entry.hash), audit_log::key_id.eq(&entry.key_id)))
                .execute(&mut conn).unwrap();
            prev = entry.hash;
        }
        assert_eq!(audit::first_broken_entry(&mut conn).unwrap(), Some(target), "an unkeyed entry after a keyed one is refused");

        // Keeping the key id and rehashing with plain SHA-256 fails too.
        diesel::update(audit_log::table.filter(audit_log::id.ge(target))).set(audit_log::key_id.eq("audit.1")).execute(&mut conn).unwrap();
        assert_eq!(audit::first_broken_entry(&mut conn).unwrap(), Some(target), "a keyed entry needs the key");
    }
}

fn legacy_entry(n: i64, prev: &str) -> audit::AuditEntry {
    audit::AuditEntry {
        id: 0,
        occurred_at: chrono::DateTime::from_timestamp_micros(1_790_000_000_000_000 + n)
            .unwrap()
            .naive_utc(),
        actor_kind: "system".into(),
        actor_id: None,
        actor_role: None,
        agency_id: None,
        action: "legacy.entry".into(),
        subject_kind: "test".into(),
        subject_id: n.to_string(),
        details_json: "{}".into(),
        prev_hash: prev.to_string(),
        hash: String::new(),
        key_id: None,
    }
}

fn insert_raw(conn: &mut server::db::DbConnection, entry: &audit::AuditEntry) {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::occurred_at.eq(entry.occurred_at),
            audit_log::actor_kind.eq(&entry.actor_kind),
            audit_log::action.eq(&entry.action),
            audit_log::subject_kind.eq(&entry.subject_kind),
            audit_log::subject_id.eq(&entry.subject_id),
            audit_log::details_json.eq(&entry.details_json),
            audit_log::prev_hash.eq(&entry.prev_hash),
            audit_log::hash.eq(&entry.hash),
        ))
        .execute(conn)
        .unwrap();
}
