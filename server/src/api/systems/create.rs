//! `POST /api/v1/systems` (scope `systems:write`).

use super::entry;
use crate::api::auth::ApiPrincipal;
use crate::api::error::{ApiError, Detail};
use crate::api::validate::{parse_body, Validator};
use crate::db::models::ai_system::{self, SaveOutcome};
use crate::db::write_transaction;
use crate::state::AppState;
use actix_web::{web, HttpResponse};

/// Registers an entry or a new version of it; identical content makes none.
#[tracing::instrument(skip_all, fields(agency = principal.agency_id()))]
pub async fn create(
    principal: ApiPrincipal,
    state: web::Data<AppState>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    principal.require("systems:write")?;
    let body = crate::api::read_body(payload).await?;
    let document = parse_body(&body)?;
    let mut validator = Validator::new(None);
    let Some((slug, content)) = entry::validate(&document, &mut validator) else {
        return Err(ApiError::invalid(validator.details));
    };
    let agency_id = principal.agency_id();
    let pool = state.pool.clone();
    let work_slug = slug.clone();
    let outcome = web::block(move || -> anyhow::Result<SaveOutcome> {
        let mut conn = pool.get()?;
        let now = chrono::Utc::now().naive_utc();
        write_transaction(&mut conn, |conn| {
            Ok(ai_system::save_version(
                conn, agency_id, &work_slug, &content, now,
            )?)
        })
    })
    .await??;
    match outcome {
        SaveOutcome::Created { version } => Ok(HttpResponse::Created()
            .json(serde_json::json!({"slug": slug, "version": version, "status": "created"}))),
        SaveOutcome::Unchanged { version } => Ok(HttpResponse::Ok()
            .json(serde_json::json!({"slug": slug, "version": version, "status": "unchanged"}))),
        SaveOutcome::OwnedByAnother => Err(ApiError::conflict(
            format!("the slug {slug} is registered by another agency"),
            vec![Detail {
                index: None,
                field: "slug".into(),
                reason: "belongs to another agency".into(),
            }],
        )),
    }
}
