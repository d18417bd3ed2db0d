//! `POST /api/v1/token`: client credentials (JSON or form) for a short-lived bearer token.

use super::error::ApiError;
use crate::auth::api_token::LIFETIME_SECS;
use crate::db::models::api_client;
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
struct Credentials {
    client_id: String,
    client_secret: String,
}

/// Issues a token for valid, unrevoked client credentials.
#[tracing::instrument(skip_all)]
pub async fn issue(
    req: HttpRequest,
    state: web::Data<AppState>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let body = crate::api::read_body(payload).await?;
    let is_form = req
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let credentials: Credentials = if is_form {
        serde_urlencoded_form(&body)?
    } else {
        let value = super::validate::parse_body(&body)?;
        serde_json::from_value(value).map_err(|_| {
            ApiError::invalid(vec![super::error::Detail {
                index: None,
                field: "client_id".into(),
                reason: "client_id and client_secret are required strings".into(),
            }])
        })?
    };
    let state_for_work = state.clone();
    let issued = web::block(move || -> anyhow::Result<Option<(String, Vec<String>)>> {
        let mut conn = state_for_work.pool.get()?;
        let Some(client) = api_client::find_by_client_id(&mut conn, &credentials.client_id)? else {
            return Ok(None);
        };
        let secret_ok = crate::secrets::keyed_hash_matches(
            &state_for_work.keys.lookup,
            &credentials.client_secret,
            &client.secret_hash,
        );
        if !secret_ok || client.revoked_at.is_some() {
            return Ok(None);
        }
        let scopes = client.scope_list();
        let token = state_for_work.api_tokens.issue(
            &client.client_id,
            client.agency_id,
            &scopes,
            chrono::Utc::now().timestamp(),
        )?;
        Ok(Some((token, scopes)))
    })
    .await??;
    let (token, scopes) = issued.ok_or_else(ApiError::invalid_client)?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(serde_json::json!({
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": LIFETIME_SECS,
            "scope": scopes.join(" "),
        })))
}

fn serde_urlencoded_form(body: &[u8]) -> Result<Credentials, ApiError> {
    let mut client_id = None;
    let mut client_secret = None;
    for (key, value) in url::form_urlencoded::parse(body) {
        match key.as_ref() {
            "client_id" => client_id = Some(value.into_owned()),
            "client_secret" => client_secret = Some(value.into_owned()),
            _ => {}
        }
    }
    match (client_id, client_secret) {
        (Some(client_id), Some(client_secret)) => Ok(Credentials {
            client_id,
            client_secret,
        }),
        _ => Err(ApiError::invalid(vec![super::error::Detail {
            index: None,
            field: "client_id".into(),
            reason: "client_id and client_secret are required".into(),
        }])),
    }
}
