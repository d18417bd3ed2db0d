//! `POST /api/v1/decisions` (scope `decisions:write`): 1 to 1,000 decisions, all or nothing.
//! Every item is validated first (422 listing every problem); only then are conflicts with
//! stored decisions checked (409 listing their indexes); nothing is stored in either case.

use super::item::{check, CheckedItem};
use crate::api::auth::ApiPrincipal;
use crate::api::error::{ApiError, Detail};
use crate::api::validate::{parse_body, Validator};
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::models::decision::{self, NewDecision};
use crate::db::schema::{ai_system_versions, ai_systems};
use crate::db::{write_transaction, DbConnection};
use crate::domain::reference::{AccessCode, DecisionReference};
use crate::secrets::keyed_hash;
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use serde_json::{json, Value};
use std::collections::HashMap;

/// The most decisions one call may carry.
pub const MAX_BATCH: usize = 1_000;

/// Ingests a batch.
#[tracing::instrument(skip_all, fields(agency = principal.agency_id()))]
pub async fn create(
    principal: ApiPrincipal,
    state: web::Data<AppState>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    principal.require("decisions:write")?;
    let body = crate::api::read_body(payload).await?;
    let document = parse_body(&body)?;
    let items = check_batch(&document)?;
    let agency_id = principal.agency_id();
    let client_id = principal.claims.sub.clone();
    let state = state.into_inner();
    let results = web::block(move || -> Result<Vec<Value>, ApiError> {
        let mut conn = state.pool.get().map_err(anyhow::Error::from)?;
        write_transaction(&mut conn, |conn| {
            store_batch(conn, &state.keys, agency_id, &client_id, &items)
        })
    })
    .await??;
    Ok(HttpResponse::Ok().json(json!({ "results": results })))
}

/// The document's items, each checked; every problem (duplicates inside the batch too) is a 422.
pub fn check_batch(document: &Value) -> Result<Vec<CheckedItem>, ApiError> {
    let field_error = |reason: &str| {
        ApiError::invalid(vec![Detail {
            index: None,
            field: "decisions".into(),
            reason: reason.into(),
        }])
    };
    let list = document
        .get("decisions")
        .and_then(Value::as_array)
        .ok_or_else(|| field_error("is required and must be a list"))?;
    if list.is_empty() || list.len() > MAX_BATCH {
        return Err(field_error("must hold between 1 and 1000 decisions"));
    }
    let mut details = Vec::new();
    let mut items = Vec::with_capacity(list.len());
    let mut first_index: HashMap<String, usize> = HashMap::new();
    for (index, raw) in list.iter().enumerate() {
        let mut validator = Validator::new(Some(index));
        let checked = check(index, raw, &mut validator);
        if let Some(external_id) = raw.get("external_id").and_then(Value::as_str) {
            if let Some(first) = first_index.get(external_id) {
                validator.fail(
                    &format!("decisions[{index}].external_id"),
                    format!("appears more than once in this batch (first at index {first})"),
                );
            } else {
                first_index.insert(external_id.to_string(), index);
            }
        }
        if validator.details.is_empty() {
            items.extend(checked);
        }
        details.extend(validator.details);
    }
    if details.is_empty() {
        Ok(items)
    } else {
        Err(ApiError::invalid(details))
    }
}

/// The canonical form of what was submitted (keys sorted), hashed for the idempotency check.
/// Keyed, because the submitted item holds the national id, which a plain hash would expose
/// to a search over the few possible values.
fn content_hash(key: &[u8], item: &Value) -> String {
    keyed_hash(key, &item.to_string())
}

/// The item as kept: everything submitted except the national id, which is kept only as a keyed hash.
fn stored_content(item: &Value) -> Value {
    let mut kept = item.clone();
    if let Some(subject) = kept.get_mut("subject").and_then(Value::as_object_mut) {
        subject.remove("national_id");
    }
    kept
}

/// Stores checked items for `agency_id` in the caller's transaction: 422 for unknown systems or
/// versions, 409 for conflicts, else the results in order. `actor` names who sent them.
pub fn store_batch(
    conn: &mut DbConnection,
    keys: &crate::secrets::Keys,
    agency_id: i64,
    actor: &str,
    items: &[CheckedItem],
) -> Result<Vec<Value>, ApiError> {
    let versions = resolve_versions(conn, agency_id, items)?;
    let external_ids: Vec<String> = items.iter().map(|i| i.external_id.clone()).collect();
    let existing = decision::existing_by_external_ids(conn, agency_id, &external_ids)?;
    let conflicts: Vec<Detail> = items
        .iter()
        .enumerate()
        .filter(|(_, item)| {
            existing
                .get(&item.external_id)
                .is_some_and(|(_, hash)| *hash != content_hash(&keys.lookup, &item.submitted))
        })
        .map(|(index, item)| Detail {
            index: Some(index),
            field: format!("decisions[{index}].external_id"),
            reason: format!("{} was already stored with other content", item.external_id),
        })
        .collect();
    if !conflicts.is_empty() {
        return Err(ApiError::conflict(
            format!(
                "{} decision(s) conflict with stored ones; nothing was stored",
                conflicts.len()
            ),
            conflicts,
        ));
    }
    let now = chrono::Utc::now().naive_utc();
    let mut rows = Vec::new();
    let mut results = Vec::with_capacity(items.len());
    for (item, version_id) in items.iter().zip(versions) {
        if let Some((reference, _)) = existing.get(&item.external_id) {
            results.push(json!({"external_id": item.external_id, "reference": reference, "status": "unchanged"}));
            continue;
        }
        let reference = unused_reference(conn, &rows)?;
        let code = AccessCode::generate();
        rows.push(NewDecision {
            reference: reference.as_str().to_string(),
            agency_id,
            system_version_id: version_id,
            external_id: item.external_id.clone(),
            access_code_hash: keyed_hash(&keys.lookup, code.as_str()),
            outcome: item.outcome.clone(),
            decided_at: item.decided_at,
            content_json: stored_content(&item.submitted).to_string(),
            content_hash: content_hash(&keys.lookup, &item.submitted),
            subject_email: item.subject_email.clone(),
            subject_national_id_hash: item
                .subject_national_id
                .as_deref()
                .map(|id| keyed_hash(&keys.lookup, id)),
            subject_language: item.subject_language.clone(),
            created_at: now,
        });
        results.push(json!({"external_id": item.external_id, "reference": reference.as_str(), "access_code": code.as_str(), "status": "created"}));
    }
    decision::insert_all(conn, &rows)?;
    if !rows.is_empty() {
        audit::append(
            conn,
            AuditEvent {
                actor: Actor {
                    kind: "api_client",
                    id: None,
                    role: Some(actor.to_string()),
                    agency_id: Some(agency_id),
                },
                action: "decisions.ingested",
                subject_kind: "decision_batch",
                subject_id: rows
                    .first()
                    .map(|r| r.reference.clone())
                    .unwrap_or_default(),
                details: json!({"created": rows.len(), "unchanged": items.len() - rows.len()}),
            },
            now,
        )?;
    }
    Ok(results)
}

/// A reference not used by a stored decision nor by this batch (collisions are rare at 40 bits).
fn unused_reference(
    conn: &mut DbConnection,
    batch: &[NewDecision],
) -> Result<DecisionReference, ApiError> {
    for _ in 0..8 {
        let candidate = DecisionReference::generate();
        if !batch.iter().any(|r| r.reference == candidate.as_str())
            && !decision::reference_exists(conn, candidate.as_str())?
        {
            return Ok(candidate);
        }
    }
    Err(ApiError::unexpected(anyhow::anyhow!(
        "could not find an unused decision reference"
    )))
}

/// The system version each item pins: its `system_version`, else the current one. An unknown
/// system, another agency's, or a version that does not exist is a 422 for that item.
fn resolve_versions(
    conn: &mut DbConnection,
    agency_id: i64,
    items: &[CheckedItem],
) -> Result<Vec<i64>, ApiError> {
    let mut slugs: Vec<&str> = items.iter().map(|i| i.system.as_str()).collect();
    slugs.sort_unstable();
    slugs.dedup();
    let systems: Vec<(String, i64, i32)> = ai_systems::table
        .filter(ai_systems::agency_id.eq(agency_id))
        .filter(ai_systems::slug.eq_any(&slugs))
        .select((
            ai_systems::slug,
            ai_systems::id,
            ai_systems::current_version,
        ))
        .load(conn)?;
    let systems: HashMap<String, (i64, i32)> =
        systems.into_iter().map(|(s, id, v)| (s, (id, v))).collect();
    let system_ids: Vec<i64> = systems.values().map(|(id, _)| *id).collect();
    let versions: Vec<(i64, i32, i64)> = ai_system_versions::table
        .filter(ai_system_versions::system_id.eq_any(&system_ids))
        .select((
            ai_system_versions::system_id,
            ai_system_versions::version,
            ai_system_versions::id,
        ))
        .load(conn)?;
    let versions: HashMap<(i64, i32), i64> = versions
        .into_iter()
        .map(|(s, v, id)| ((s, v), id))
        .collect();
    let mut details = Vec::new();
    let mut resolved = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let Some((system_id, current)) = systems.get(&item.system) else {
            details.push(Detail {
                index: Some(index),
                field: format!("decisions[{index}].system"),
                reason: format!(
                    "{} is not an AI system registered by your agency",
                    item.system
                ),
            });
            continue;
        };
        let wanted = item.system_version.unwrap_or(*current);
        match versions.get(&(*system_id, wanted)) {
            Some(id) => resolved.push(*id),
            None => details.push(Detail {
                index: Some(index),
                field: format!("decisions[{index}].system_version"),
                reason: format!("version {wanted} of {} does not exist", item.system),
            }),
        }
    }
    if details.is_empty() {
        Ok(resolved)
    } else {
        Err(ApiError::invalid(details))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_objects_serialise_with_sorted_keys_so_hashes_are_canonical() {
        let value = serde_json::json!({"b": 1, "a": {"d": 2, "c": 3}});
        assert_eq!(value.to_string(), r#"{"a":{"c":3,"d":2},"b":1}"#);
    }
}
