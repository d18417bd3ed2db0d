//! `POST /api/v1/systems` (scope `systems:write`).

use crate::api::auth::ApiPrincipal;
use crate::api::body::json_body;
use crate::api::error::ApiError;
use crate::domain::register_walk::read_register_entry;
use crate::domain::validator::Validator;
#[allow(unused_imports)]
use crate::services::register::Saved;
use crate::services::register::{self, SaveStatus};
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use app::types::RegisterEntryContent;

/// Registers an entry or a new version of it; identical content makes none.
#[utoipa::path(post, path = "/api/v1/systems", tag = "register",
    request_body = RegisterEntryContent,
    security(("bearer" = ["systems:write"])),
    responses(
        (status = 201, description = "A new version was published", body = Saved),
        (status = 200, description = "Identical to the current version: none was made", body = Saved),
        (status = 400, description = "The body is not JSON, or repeats a key", body = crate::api::error::ErrorBody),
        (status = 401, description = "No valid token", body = crate::api::error::ErrorBody),
        (status = 403, description = "The token lacks systems:write", body = crate::api::error::ErrorBody),
        (status = 409, description = "The slug belongs to another agency", body = crate::api::error::ErrorBody),
        (status = 413, description = "Over 16 MiB", body = crate::api::error::ErrorBody),
        (status = 415, description = "Not application/json", body = crate::api::error::ErrorBody),
        (status = 422, description = "Every invalid field", body = crate::api::error::ErrorBody),
    ))]
#[tracing::instrument(skip_all, fields(agency = principal.agency_id()))]
pub async fn create(
    principal: ApiPrincipal,
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    principal.require("systems:write")?;
    let document = json_body(&req, payload).await?;
    let mut validator = Validator::new(None);
    let Some(content) = read_register_entry(&document, &mut validator) else {
        return Err(ApiError::invalid(validator.details));
    };
    let agency_id = principal.agency_id();
    let actor = principal.actor();
    let pool = state.pool.clone();
    let saved = web::block(move || -> Result<_, ApiError> {
        let mut conn = pool.get().map_err(anyhow::Error::from)?;
        Ok(register::save_entry(
            &mut conn,
            agency_id,
            actor,
            &content,
            chrono::Utc::now(),
        )?)
    })
    .await??;
    Ok(match saved.status {
        SaveStatus::Created => HttpResponse::Created().json(saved),
        SaveStatus::Unchanged => HttpResponse::Ok().json(saved),
    })
}
