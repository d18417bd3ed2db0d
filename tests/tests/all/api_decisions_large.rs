//! Batches large enough to be stored chunk by chunk while later items are still being read
//! (docs/performance.md, "Ingest"): a problem anywhere, even in the last chunk after the first
//! ones were inserted, still refuses the whole batch with every problem named, 422 before 409,
//! and leaves nothing stored; a re-sent large batch is answered unchanged. On both backends.

use crate::api_decisions::{decision, send, setup, stored_count};
use reqwest::StatusCode;
use serde_json::{json, Value};
use tests::on_both_backends;

/// Items per test batch: more than two of the chunks of 100 the service reads at a time, the
/// last one partial.
const ITEMS: usize = 250;

fn batch(prefix: &str) -> Vec<Value> {
    (0..ITEMS)
        .map(|i| decision(&format!("{prefix}-{i:03}")))
        .collect()
}

/// The (index, field) of each problem answered.
fn fields(body: &Value) -> Vec<(u64, String)> {
    body["details"]
        .as_array()
        .unwrap_or_else(|| panic!("no details in {body}"))
        .iter()
        .map(|d| {
            (
                d["index"].as_u64().unwrap(),
                d["field"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

on_both_backends! {
    async fn a_problem_in_the_last_chunk_refuses_the_whole_large_batch(app) {
        let token = setup(&app).await;

        let mut unreadable = batch("L");
        unreadable[230]["factors"][0]["contribution"] = json!("a lot");
        unreadable[150]["summary"] = json!({"fr": "non"});
        let (status, body) = send(&app, &token, unreadable).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(fields(&body), vec![
            (150, "decisions[150].summary.fr".to_string()),
            (230, "decisions[230].factors[0].contribution".to_string()),
        ]);
        assert_eq!(stored_count(&app), 0);

        let mut repeated = batch("L");
        repeated[240]["external_id"] = json!("L-010");
        let (status, body) = send(&app, &token, repeated).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(fields(&body), vec![(240, "decisions[240].external_id".to_string())]);
        assert_eq!(stored_count(&app), 0, "a repeat across chunks is found before anything stays");

        // Readable, but its system is unknown: found by the transaction once the items before
        // it were inserted, which are rolled back.
        let mut unknown_system = batch("L");
        unknown_system[220]["system"] = json!("not-ours");
        unknown_system[249]["system"] = json!("not-ours-either");
        let (status, body) = send(&app, &token, unknown_system).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(fields(&body), vec![
            (220, "decisions[220].system".to_string()),
            (249, "decisions[249].system".to_string()),
        ]);
        assert_eq!(stored_count(&app), 0, "the chunks inserted before the problem are rolled back");
    }

    async fn a_conflict_in_a_later_chunk_is_a_409_after_any_422_and_stores_nothing(app) {
        let token = setup(&app).await;
        let (status, _) = send(&app, &token, vec![decision("L-245")]).await;
        assert_eq!(status, StatusCode::OK);

        let mut changed = batch("L");
        changed[245]["outcome_label"]["en"] = json!("Denied after all");
        let (status, body) = send(&app, &token, changed.clone()).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert_eq!(fields(&body), vec![(245, "decisions[245].external_id".to_string())]);
        assert_eq!(stored_count(&app), 1, "only the decision stored before");

        changed[30]["system"] = json!("not-ours");
        let (status, body) = send(&app, &token, changed).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "422 before 409: {body}");
        assert_eq!(fields(&body), vec![(30, "decisions[30].system".to_string())]);
        assert_eq!(stored_count(&app), 1);
    }

    async fn a_large_batch_is_stored_in_order_and_a_resend_changes_nothing(app) {
        let token = setup(&app).await;
        let (status, first) = send(&app, &token, batch("L")).await;
        assert_eq!(status, StatusCode::OK, "{first}");
        let first = first["results"].as_array().unwrap().clone();
        assert_eq!(first.len(), ITEMS);
        for (i, result) in first.iter().enumerate() {
            assert_eq!(result["external_id"], format!("L-{i:03}"), "in the order sent");
            assert_eq!(result["status"], "created");
            assert_eq!(result["access_code"].as_str().map(str::len), Some(9));
        }
        assert_eq!(stored_count(&app), ITEMS as i64);

        // The same batch and a few new decisions: the stored ones unchanged, with the
        // references given first; the new ones created.
        let mut again = batch("L");
        again.extend((0..30).map(|i| decision(&format!("M-{i:03}"))));
        let (status, body) = send(&app, &token, again).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let results = body["results"].as_array().unwrap();
        for (i, result) in results.iter().enumerate().take(ITEMS) {
            assert_eq!(result["status"], "unchanged", "item {i}");
            assert_eq!(result["reference"], first[i]["reference"], "item {i}");
            assert!(result.get("access_code").is_none(), "item {i}");
        }
        for result in &results[ITEMS..] {
            assert_eq!(result["status"], "created");
        }
        assert_eq!(stored_count(&app), ITEMS as i64 + 30);
    }
}
