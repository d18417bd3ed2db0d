//! `GET /api/v1/decisions/{reference}`: the stored decision, to its own agency only.

use crate::api::auth::ApiPrincipal;
use crate::api::error::ApiError;
use crate::domain::reference::DecisionReference;
use crate::services::{read_back, ServiceError};
use crate::state::AppState;
use actix_web::{web, HttpResponse};

#[utoipa::path(get, path = "/api/v1/decisions/{reference}", tag = "decisions",
    params(("reference" = String, Path, description = "The decision's reference, e.g. RD-7F3K-9QXD")),
    security(("bearer" = ["decisions:write"])),
    responses(
        (status = 200, description = "The decision as stored, without the national id", body = crate::services::read_back::StoredDecision),
        (status = 401, description = "No valid token", body = crate::api::error::ErrorBody),
        (status = 403, description = "The token lacks decisions:write", body = crate::api::error::ErrorBody),
        (status = 404, description = "No decision of your agency has this reference", body = crate::api::error::ErrorBody),
    ))]
/// Returns the decision as stored, with its reference and the system version that decided.
pub async fn read(
    principal: ApiPrincipal,
    state: web::Data<AppState>,
    reference: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    principal.require("decisions:write")?;
    let not_found = || ApiError::not_found("no decision of your agency has this reference");
    let reference = DecisionReference::parse(&reference).ok_or_else(not_found)?;
    let agency_id = principal.agency_id();
    let reader = principal.actor();
    let pool = state.pool.clone();
    let found = web::block(move || -> Result<_, ServiceError> {
        let mut conn = pool.get().map_err(anyhow::Error::from)?;
        read_back::read_back(&mut conn, agency_id, reader, &reference)
    })
    .await?
    .map_err(|e| match e {
        ServiceError::NotFound => not_found(),
        other => other.into(),
    })?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(found))
}
