//! `POST /api/v1/decisions/{reference}/access-code`: a new code for a lost letter; the old one stops working.

use crate::api::auth::ApiPrincipal;
use crate::api::error::ApiError;
use crate::domain::reference::DecisionReference;
use crate::services::{access, ServiceError};
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use serde::Serialize;

/// The new code, shown once.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ReissuedCode {
    pub reference: String,
    pub access_code: String,
}

#[utoipa::path(post, path = "/api/v1/decisions/{reference}/access-code", tag = "decisions",
    params(("reference" = String, Path, description = "The decision's reference")),
    security(("bearer" = ["decisions:write"])),
    responses(
        (status = 200, description = "The new code; the old one no longer works", body = ReissuedCode),
        (status = 401, description = "No valid token", body = crate::api::error::ErrorBody),
        (status = 403, description = "The token lacks decisions:write", body = crate::api::error::ErrorBody),
        (status = 404, description = "No decision of your agency has this reference", body = crate::api::error::ErrorBody),
    ))]
/// Issues a new access code for one of the agency's decisions.
pub async fn reissue(
    principal: ApiPrincipal,
    state: web::Data<AppState>,
    reference: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    principal.require("decisions:write")?;
    let not_found = || ApiError::not_found("no decision of your agency has this reference");
    let reference = DecisionReference::parse(&reference).ok_or_else(not_found)?;
    let agency_id = principal.agency_id();
    let actor = principal.actor();
    let state = state.into_inner();
    let wanted = reference.clone();
    let code = web::block(move || -> Result<_, ServiceError> {
        let mut conn = state.pool.get().map_err(anyhow::Error::from)?;
        access::reissue_code(
            &mut conn,
            &state.keys,
            agency_id,
            actor,
            &wanted,
            chrono::Utc::now(),
        )
    })
    .await?
    .map_err(|e| match e {
        ServiceError::NotFound => not_found(),
        other => other.into(),
    })?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(ReissuedCode {
            reference: reference.as_str().to_string(),
            access_code: code.as_str().to_string(),
        }))
}
