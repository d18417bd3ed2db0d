//! `GET /api/v1/systems` and `GET /api/v1/systems/{slug}`: public, no token.

use crate::api::error::ApiError;
use crate::services::register::{self, PublishedEntry};
use crate::services::ServiceError;
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use serde::Serialize;

/// The register: the current version of every entry.
#[derive(Serialize, utoipa::ToSchema)]
pub struct SystemList {
    pub systems: Vec<PublishedEntry>,
}

/// One entry's current version with its whole history, newest first.
#[derive(Serialize, utoipa::ToSchema)]
pub struct SystemWithHistory {
    #[serde(flatten)]
    pub current: PublishedEntry,
    pub versions: Vec<PublishedEntry>,
}

#[utoipa::path(get, path = "/api/v1/systems", tag = "register",
    responses((status = 200, description = "The current version of every entry", body = SystemList)))]
/// The current version of every entry.
pub async fn list(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let pool = state.pool.clone();
    let systems = web::block(move || -> Result<_, ApiError> {
        let mut conn = pool.get().map_err(anyhow::Error::from)?;
        Ok(register::current_entries(&mut conn)?)
    })
    .await??;
    Ok(HttpResponse::Ok().json(SystemList { systems }))
}

#[utoipa::path(get, path = "/api/v1/systems/{slug}", tag = "register",
    params(("slug" = String, Path, description = "The entry's slug")),
    responses(
        (status = 200, description = "The current version with every version, newest first", body = SystemWithHistory),
        (status = 404, description = "No entry has this slug", body = crate::api::error::ErrorBody),
    ))]
/// One entry: its current version and its whole history, newest first.
pub async fn read(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let pool = state.pool.clone();
    let slug = slug.into_inner();
    let wanted = slug.clone();
    let versions = web::block(move || -> Result<_, ServiceError> {
        let mut conn = pool.get().map_err(anyhow::Error::from)?;
        register::entry_history(&mut conn, &wanted)
    })
    .await?
    .map_err(|e| match e {
        ServiceError::NotFound => ApiError::not_found(format!("no AI system with slug {slug}")),
        other => other.into(),
    })?;
    let Some(current) = versions.first().cloned() else {
        return Err(ApiError::not_found(format!(
            "no AI system with slug {slug}"
        )));
    };
    Ok(HttpResponse::Ok().json(SystemWithHistory { current, versions }))
}
