//! `GET /api/v1/decisions/{reference}`: the stored decision, to its own agency only.

use crate::api::auth::ApiPrincipal;
use crate::api::error::ApiError;
use crate::db::models::decision;
use crate::db::schema::{ai_system_versions, ai_systems};
use crate::domain::reference::DecisionReference;
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use serde_json::{json, Value};

/// Returns the decision as submitted, with its reference and the system version that decided.
pub async fn read(
    principal: ApiPrincipal,
    state: web::Data<AppState>,
    reference: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    principal.require("decisions:write")?;
    let not_found = || ApiError::not_found("no decision of your agency has this reference");
    let reference = DecisionReference::parse(&reference).ok_or_else(not_found)?;
    let agency_id = principal.agency_id();
    let pool = state.pool.clone();
    let found = web::block(
        move || -> anyhow::Result<Option<(decision::Decision, String, i32)>> {
            let mut conn = pool.get()?;
            let Some(stored) = decision::find_owned(&mut conn, agency_id, reference.as_str())?
            else {
                return Ok(None);
            };
            let (slug, version): (String, i32) = ai_system_versions::table
                .inner_join(ai_systems::table)
                .filter(ai_system_versions::id.eq(stored.system_version_id))
                .select((ai_systems::slug, ai_system_versions::version))
                .first(&mut conn)?;
            Ok(Some((stored, slug, version)))
        },
    )
    .await??;
    let (stored, slug, version) = found.ok_or_else(not_found)?;
    let mut body: Value =
        serde_json::from_str(&stored.content_json).map_err(anyhow::Error::from)?;
    if let Some(object) = body.as_object_mut() {
        // The national id is never stored in clear, so it is never returned either.
        if let Some(subject) = object.get_mut("subject").and_then(Value::as_object_mut) {
            if subject.remove("national_id").is_some() {
                subject.insert("national_id_stored".into(), json!("keyed hash only"));
            }
        }
        object.insert("reference".into(), json!(stored.reference));
        object.insert("system".into(), json!(slug));
        object.insert("system_version".into(), json!(version));
        object.insert(
            "received_at".into(),
            json!(stored.created_at.and_utc().to_rfc3339()),
        );
    }
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(body))
}
