//! `GET /api/v1/appeals` and `GET /api/v1/appeals/{reference}`: an agency's case system pulls
//! its appeals (scope `appeals:read`), scoped to the token's agency.

use crate::api::auth::ApiPrincipal;
use crate::api::error::ApiError;
use crate::domain::reference::AppealReference;
use crate::services::appeals::agency_feed::{self, AgencyAppeal, AgencyAppealList};
use crate::services::error::problem;
use crate::services::ServiceError;
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use app::types::AppealState;
use chrono::{DateTime, NaiveDate, NaiveDateTime};
use serde::Deserialize;

/// The list's filters.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// Only appeals in this state (submitted, under_review, awaiting_citizen, pending_approval,
    /// decided, escalated, resolved, closed, withdrawn).
    #[serde(default)]
    state: Option<String>,
    /// Only appeals changed at or after this time (RFC 3339) or date (YYYY-MM-DD, UTC).
    #[serde(default)]
    since: Option<String>,
}

fn parse_since(value: &str) -> Option<NaiveDateTime> {
    DateTime::parse_from_rfc3339(value)
        .map(|t| t.naive_utc())
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(value, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })
}

#[utoipa::path(get, path = "/api/v1/appeals", tag = "appeals",
    params(ListQuery),
    security(("bearer" = ["appeals:read"])),
    responses(
        (status = 200, description = "Your agency's appeals, oldest change first (at most 500; page on with `since` set to the last `updated_at`)", body = AgencyAppealList),
        (status = 401, description = "No valid token", body = crate::api::error::ErrorBody),
        (status = 403, description = "The token lacks appeals:read", body = crate::api::error::ErrorBody),
        (status = 422, description = "`state` or `since` is not understood", body = crate::api::error::ErrorBody),
    ))]
/// Lists the agency's appeals.
pub async fn list(
    principal: ApiPrincipal,
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
    principal.require("appeals:read")?;
    let query = query.into_inner();
    let wanted_state = match query
        .state
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(value) => Some(AppealState::parse(value).ok_or_else(|| {
            ApiError::invalid(vec![problem(
                "state",
                format!("must be one of: {}", AppealState::choices()),
            )])
        })?),
        None => None,
    };
    let since = match query
        .since
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(value) => Some(parse_since(value).ok_or_else(|| {
            ApiError::invalid(vec![problem(
                "since",
                "must be an RFC 3339 time or a YYYY-MM-DD date",
            )])
        })?),
        None => None,
    };
    let agency_id = principal.agency_id();
    let pool = state.pool.clone();
    let found = web::block(move || -> Result<_, ServiceError> {
        let mut conn = pool.get().map_err(anyhow::Error::from)?;
        agency_feed::list(&mut conn, agency_id, wanted_state, since)
    })
    .await??;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(found))
}

#[utoipa::path(get, path = "/api/v1/appeals/{reference}", tag = "appeals",
    params(("reference" = String, Path, description = "The appeal's reference, e.g. AP-3M7Q-K2ZD")),
    security(("bearer" = ["appeals:read"])),
    responses(
        (status = 200, description = "The appeal", body = AgencyAppeal),
        (status = 401, description = "No valid token", body = crate::api::error::ErrorBody),
        (status = 403, description = "The token lacks appeals:read", body = crate::api::error::ErrorBody),
        (status = 404, description = "No appeal of your agency has this reference", body = crate::api::error::ErrorBody),
    ))]
/// Returns one of the agency's appeals.
pub async fn read(
    principal: ApiPrincipal,
    state: web::Data<AppState>,
    reference: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    principal.require("appeals:read")?;
    let not_found = || ApiError::not_found("no appeal of your agency has this reference");
    let reference = AppealReference::parse(&reference).ok_or_else(not_found)?;
    let agency_id = principal.agency_id();
    let pool = state.pool.clone();
    let found = web::block(move || -> Result<_, ServiceError> {
        let mut conn = pool.get().map_err(anyhow::Error::from)?;
        agency_feed::one(&mut conn, agency_id, &reference)
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
