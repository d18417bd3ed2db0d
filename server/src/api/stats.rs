//! `GET /api/v1/stats` (scope `stats:read`): the statistics of the token's state body, exact,
//! grouped one way, as JSON or as CSV (`Accept: text/csv`). The same figures as the
//! supervisor's dashboard (docs/statistics.md).

use crate::api::auth::ApiPrincipal;
use crate::api::error::ApiError;
use crate::services::error::problem;
use crate::services::stats::{self, export, StatsViewer, Strictness};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use app::types::{FigureRow, Figures, StatsFilters, StatsPeriod, StatsTable};
use serde::{Deserialize, Serialize};

/// The filters and the grouping.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct StatsQuery {
    /// Your state body's slug (the token's own; any other is refused).
    #[serde(default)]
    agency: Option<String>,
    /// Only this system (slug).
    #[serde(default)]
    system: Option<String>,
    /// First month, `YYYY-MM` (or a date, whose month is taken); twelve months before `to`
    /// when not given.
    #[serde(default)]
    from: Option<String>,
    /// Last month, `YYYY-MM`; this month when not given.
    #[serde(default)]
    to: Option<String>,
    /// `agency`, `system` (the default), `version` (needs `system`) or `month`.
    #[serde(default)]
    group_by: Option<String>,
}

/// The figures, grouped.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct StatsResponse {
    pub period: StatsPeriod,
    pub filters: StatsFilters,
    pub group_by: String,
    /// Everything selected together.
    pub total: Figures,
    pub rows: Vec<FigureRow>,
}

const GROUPINGS: [(&str, StatsTable); 4] = [
    ("agency", StatsTable::Agencies),
    ("system", StatsTable::Systems),
    ("version", StatsTable::Versions),
    ("month", StatsTable::Months),
];

#[utoipa::path(get, path = "/api/v1/stats", tag = "statistics",
    params(StatsQuery),
    security(("bearer" = ["stats:read"])),
    responses(
        (status = 200, description = "The figures of your state body's appeals and decisions, grouped (JSON, or CSV with Accept: text/csv: one row per group, rates as fractions, names in kk, ru and en)", body = StatsResponse),
        (status = 401, description = "No valid token", body = crate::api::error::ErrorBody),
        (status = 403, description = "The token lacks stats:read", body = crate::api::error::ErrorBody),
        (status = 422, description = "A filter is not understood: each problem names its parameter", body = crate::api::error::ErrorBody),
    ))]
/// The statistics of your state body.
pub async fn read(
    req: HttpRequest,
    principal: ApiPrincipal,
    state: web::Data<AppState>,
    query: web::Query<StatsQuery>,
) -> Result<HttpResponse, ApiError> {
    principal.require("stats:read")?;
    let query = query.into_inner();
    let group_by = query
        .group_by
        .as_deref()
        .map(str::trim)
        .filter(|g| !g.is_empty())
        .unwrap_or("system")
        .to_string();
    let Some((_, table)) = GROUPINGS.iter().find(|(name, _)| *name == group_by) else {
        return Err(ApiError::invalid(vec![problem(
            "group_by",
            "must be one of: agency, system, version, month",
        )]));
    };
    if *table == StatsTable::Versions && query.system.is_none() {
        return Err(ApiError::invalid(vec![problem(
            "group_by",
            "version needs a system",
        )]));
    }
    let table = *table;
    let filters = StatsFilters {
        agency: query.agency,
        system: query.system,
        from: query.from,
        to: query.to,
    };
    let viewer = StatsViewer {
        audience: app::types::StatsAudience::Agency,
        agency_id: Some(principal.agency_id()),
    };
    let settings = state.settings.stats.clone();
    let report = web::block(move || {
        let mut conn = state.pool.get().map_err(anyhow::Error::from)?;
        stats::report(
            &mut conn,
            &viewer,
            &filters,
            settings.today(chrono::Utc::now()),
            &settings,
            Strictness::Refuse,
        )
    })
    .await
    .map_err(|e| {
        ApiError::from(crate::services::ServiceError::Unexpected(anyhow::anyhow!(
            e
        )))
    })??;
    let wants_csv = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/csv"));
    if wants_csv {
        return Ok(HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .body(export::table_csv(&report, table)));
    }
    let rows = match table {
        StatsTable::Agencies => report.agencies,
        StatsTable::Versions => report.versions,
        StatsTable::Months => report.months,
        _ => report.systems,
    };
    Ok(HttpResponse::Ok().json(StatsResponse {
        period: report.period,
        filters: report.filters,
        group_by,
        total: report.headline,
        rows,
    }))
}
