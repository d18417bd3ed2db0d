//! The ingest benchmark's direct baseline (`redress bench-ingest`): it must really store rows
//! shaped like ingest's, or its rate would flatter the API's ratio, and it must leave the
//! database as it found it; on both backends.

use diesel::prelude::*;
use serde_json::{json, Value};
use server::cli::bench_ingest::{insert_rounds, remove};
use server::db::models::decision;
use server::db::schema::decisions;
use tests::on_both_backends;

fn item(external_id: &str) -> Value {
    json!({
        "external_id": external_id,
        "system": "housing-benefit-eligibility",
        "outcome": "denied",
        "outcome_label": {"en": "Application denied"},
        "decided_at": "2026-11-02T10:15:00Z",
        "legal_basis": {"en": "Law on Housing Relations, Article 97"},
        "summary": {"en": "Your declared monthly income is above the limit."},
        "factors": [{"key": "income", "label": {"en": "Income"}, "value": "412000", "contribution": -0.42, "citizen_can_change": true}],
        "human_involvement": "none",
        "model_version": "hb-2026.10.1",
        "subject": {"email": "citizen@example.kz", "national_id": "900101300123", "language": "ru"}
    })
}

fn stored_count(conn: &mut server::db::DbConnection) -> i64 {
    decisions::table.count().get_result(conn).unwrap()
}

on_both_backends! {
    async fn the_direct_baseline_stores_rows_as_ingest_does_and_removes_them_again(app) {
        let mut conn = app.db();
        server::cli::seed_demo::seed(&mut conn, &app.keys).unwrap();
        let before = stored_count(&mut conn);
        let items: Vec<Value> = (0..250).map(|i| item(&format!("B-{i:04}"))).collect();

        let (timing, references) = insert_rounds(&mut conn, &app.keys, &items, 2).unwrap();
        assert_eq!(timing.decisions, 500);
        assert!(timing.per_second() > 0.0);
        assert_eq!(references.len(), 500, "every row has its own reference");
        assert_eq!(stored_count(&mut conn), before + 500);
        let reference = references.iter().next().unwrap();
        let row = decision::find_by_reference(&mut conn, reference).unwrap().unwrap();
        assert!(row.external_id.starts_with("DIRECT-"), "{}", row.external_id);
        assert_eq!(row.outcome, "denied");
        assert_eq!(row.subject_language.as_deref(), Some("ru"));
        assert!(!row.content_json.contains("900101300123"), "the national id is not kept in clear");
        assert_eq!(row.subject_national_id_hash.as_deref().map(str::len), Some(64));

        remove(&mut conn, &references).unwrap();
        assert_eq!(stored_count(&mut conn), before, "the run leaves nothing behind");
    }

    async fn the_direct_baseline_names_a_system_that_does_not_exist(app) {
        let mut conn = app.db();
        let error = insert_rounds(&mut conn, &app.keys, &[item("B-1")], 1).unwrap_err();
        assert!(error.to_string().contains("housing-benefit-eligibility"), "{error}");
    }
}
