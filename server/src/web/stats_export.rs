//! The statistics pages' downloads: `GET /stats/export/{table}.{csv|json}` for anyone (small
//! counts suppressed, as on the public page) and `GET /staff/stats/export/{table}.{csv|json}`
//! for the staff who see the dashboard (exact, held to a supervisor's own state body). The
//! filters are the page's query string.

use crate::services::stats::{self, export, StatsViewer, Strictness};
use crate::services::ServiceError;
use crate::state::AppState;
use crate::web::error::WebError;
use crate::web::forms::{locale, with_connection};
use actix_web::http::header;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use app::port::StaffPrincipal;
use app::types::{StatsFilters, StatsTable};

/// `GET /stats/export/{file}`.
pub async fn public(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    filters: web::Query<StatsFilters>,
) -> Result<HttpResponse, WebError> {
    download(
        req,
        state,
        StatsViewer::public(),
        path.into_inner(),
        filters.into_inner(),
    )
    .await
}

/// `GET /staff/stats/export/{file}`: not found for anyone without the dashboard.
pub async fn staff(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    filters: web::Query<StatsFilters>,
) -> Result<HttpResponse, WebError> {
    let principal = req.extensions().get::<StaffPrincipal>().cloned();
    let Some(viewer) = principal.and_then(|p| StatsViewer::staff(p.role, p.agency_id).ok()) else {
        return Ok(HttpResponse::NotFound().finish());
    };
    download(req, state, viewer, path.into_inner(), filters.into_inner()).await
}

async fn download(
    req: HttpRequest,
    state: web::Data<AppState>,
    viewer: StatsViewer,
    file: String,
    filters: StatsFilters,
) -> Result<HttpResponse, WebError> {
    let Some((table, extension)) = file
        .rsplit_once('.')
        .and_then(|(name, ext)| Some((StatsTable::parse(name)?, ext.to_string())))
        .filter(|(_, ext)| ext == "csv" || ext == "json")
    else {
        return Ok(HttpResponse::NotFound().finish());
    };
    let settings = state.settings.stats.clone();
    let report = with_connection(&state, locale(&req), move |conn| {
        match stats::report(
            conn,
            &viewer,
            &filters,
            settings.today(chrono::Utc::now()),
            &settings,
            Strictness::LeaveOut,
        ) {
            Ok(report) => Ok(report),
            Err(ServiceError::Unexpected(error)) => Err(error),
            Err(other) => Err(anyhow::anyhow!("statistics export refused: {other:?}")),
        }
    })
    .await?;
    let name = export::file_name(&report, table, &extension);
    let (content_type, body) = if extension == "csv" {
        ("text/csv; charset=utf-8", export::table_csv(&report, table))
    } else {
        (
            "application/json",
            serde_json::to_string_pretty(&export::table_json(&report, table))
                .map_err(|e| WebError::unexpected(e, locale(&req)))?,
        )
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}
