//! `GET /api/v1/systems` and `GET /api/v1/systems/{slug}`: public, no token.

use super::version_json;
use crate::api::error::ApiError;
use crate::db::models::ai_system;
use crate::state::AppState;
use actix_web::{web, HttpResponse};

/// The current version of every entry.
pub async fn list(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let pool = state.pool.clone();
    let versions = web::block(move || -> anyhow::Result<_> {
        Ok(ai_system::list_current(&mut *pool.get()?)?)
    })
    .await??;
    let systems: Vec<_> = versions.iter().map(version_json).collect();
    Ok(HttpResponse::Ok().json(serde_json::json!({ "systems": systems })))
}

/// One entry: its current version and its whole history, newest first.
pub async fn read(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let pool = state.pool.clone();
    let slug = slug.into_inner();
    let wanted = slug.clone();
    let versions = web::block(move || -> anyhow::Result<_> {
        Ok(ai_system::history(&mut *pool.get()?, &wanted)?)
    })
    .await??;
    let Some(current) = versions.first() else {
        return Err(ApiError::not_found(format!(
            "no AI system with slug {slug}"
        )));
    };
    let mut body = version_json(current);
    body["versions"] = versions.iter().map(version_json).collect();
    Ok(HttpResponse::Ok().json(body))
}
