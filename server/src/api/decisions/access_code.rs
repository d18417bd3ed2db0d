//! `POST /api/v1/decisions/{reference}/access-code`: a new code for a lost letter; the old one stops working.

use crate::api::auth::ApiPrincipal;
use crate::api::error::ApiError;
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::models::decision;
use crate::db::write_transaction;
use crate::domain::reference::{AccessCode, DecisionReference};
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use serde_json::json;

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
    let client_id = principal.claims.sub.clone();
    let state = state.into_inner();
    let code = AccessCode::generate();
    let hash = crate::secrets::keyed_hash(&state.keys.lookup, code.as_str());
    let wanted = reference.clone();
    let found = web::block(move || -> Result<bool, ApiError> {
        let mut conn = state.pool.get().map_err(anyhow::Error::from)?;
        write_transaction(&mut conn, |conn| {
            let Some(stored) = decision::find_owned(conn, agency_id, wanted.as_str())? else {
                return Ok(false);
            };
            decision::set_access_code_hash(conn, stored.id, &hash)?;
            audit::append(
                conn,
                AuditEvent {
                    actor: Actor {
                        kind: "api_client",
                        id: None,
                        role: Some(client_id),
                        agency_id: Some(agency_id),
                    },
                    action: "decision.access_code_reissued",
                    subject_kind: "decision",
                    subject_id: stored.reference,
                    details: json!({}),
                },
                chrono::Utc::now().naive_utc(),
            )?;
            Ok(true)
        })
    })
    .await??;
    if !found {
        return Err(not_found());
    }
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(json!({"reference": reference.as_str(), "access_code": code.as_str()})))
}
