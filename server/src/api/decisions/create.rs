//! `POST /api/v1/decisions` (scope `decisions:write`): 1 to 1,000 decisions, all or nothing.
//! The ingest service reads every item (422 listing every problem, 400 for what is not JSON),
//! checks the systems (422) and conflicts with stored decisions (409); nothing is stored in
//! any of these cases.

use crate::api::auth::ApiPrincipal;
use crate::api::body::{read_body, require_json, MAX_BODY_BYTES};
use crate::api::error::ApiError;
#[allow(unused_imports)]
use crate::domain::decision::DecisionBatch;
use crate::services::ingest::{self, BodyError, Ingested, Sender};
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;

/// The results, in the order the decisions were sent.
#[derive(Serialize, utoipa::ToSchema)]
pub struct IngestResults {
    pub results: Vec<Ingested>,
}

/// Ingests a batch.
#[utoipa::path(post, path = "/api/v1/decisions", tag = "decisions",
    request_body = DecisionBatch,
    security(("bearer" = ["decisions:write"])),
    responses(
        (status = 200, description = "Every decision stored or unchanged, in the order sent", body = IngestResults),
        (status = 400, description = "The body is not JSON, or repeats a key", body = crate::api::error::ErrorBody),
        (status = 401, description = "No valid token", body = crate::api::error::ErrorBody),
        (status = 403, description = "The token lacks decisions:write", body = crate::api::error::ErrorBody),
        (status = 409, description = "Some external ids were stored with other content; nothing was stored", body = crate::api::error::ErrorBody),
        (status = 413, description = "Over 16 MiB", body = crate::api::error::ErrorBody),
        (status = 415, description = "Not application/json", body = crate::api::error::ErrorBody),
        (status = 422, description = "Every problem in every item; nothing was stored", body = crate::api::error::ErrorBody),
    ))]
#[tracing::instrument(skip_all, fields(agency = principal.agency_id()))]
pub async fn create(
    principal: ApiPrincipal,
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    principal.require("decisions:write")?;
    require_json(&req)?;
    let body = read_body(&req, payload, MAX_BODY_BYTES).await?;
    let now = chrono::Utc::now();
    let agency_id = principal.agency_id();
    let client = principal.claims.sub.clone();
    let state = state.into_inner();
    // Reading and storing a batch of a thousand decisions takes tens of milliseconds: it runs
    // on a blocking thread, so the request workers stay free for everyone else.
    let results = web::block(move || -> Result<Vec<Ingested>, ApiError> {
        let mut conn = state.pool.get().map_err(anyhow::Error::from)?;
        let sender = Sender {
            agency_id,
            client: &client,
        };
        ingest::ingest_body(&mut conn, &state.keys, &sender, &body, now).map_err(|e| match e {
            BodyError::NotJson(message) => ApiError::malformed(message),
            BodyError::Service(error) => error.into(),
        })
    })
    .await??;
    Ok(HttpResponse::Ok().json(IngestResults { results }))
}
