//! `POST /api/v1/token`: client credentials (JSON or form) for a short-lived bearer token.

use super::error::{ApiError, Detail};
use crate::auth::api_token::LIFETIME_SECS;
use crate::db::models::{api_client, rate_limit};
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};

/// Client credentials, as JSON or as a form.
#[derive(utoipa::ToSchema)]
pub struct TokenRequest {
    client_id: String,
    client_secret: String,
}

/// A bearer token for the API.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct TokenResponse {
    pub access_token: String,
    #[schema(example = "Bearer")]
    pub token_type: String,
    /// Seconds until it expires.
    #[schema(example = 900)]
    pub expires_in: i64,
    /// The scopes it carries, separated by spaces.
    pub scope: String,
}

/// Issues a token for valid, unrevoked client credentials.
#[utoipa::path(post, path = "/api/v1/token", tag = "token",
    request_body(content = TokenRequest, content_type = "application/json",
        description = "Also accepted as application/x-www-form-urlencoded."),
    responses(
        (status = 200, description = "A bearer token valid for 15 minutes", body = TokenResponse),
        (status = 400, description = "The body is not JSON", body = crate::api::error::ErrorBody),
        (status = 401, description = "Wrong or revoked credentials", body = crate::api::error::ErrorBody),
        (status = 413, description = "The body is over 4 KiB", body = crate::api::error::ErrorBody),
        (status = 415, description = "Neither JSON nor a form", body = crate::api::error::ErrorBody),
        (status = 422, description = "A credential is missing", body = crate::api::error::ErrorBody),
        (status = 429, description = "Too many failed attempts from this address lately", body = crate::api::error::ErrorBody),
    ))]
#[tracing::instrument(skip_all)]
pub async fn issue(
    req: HttpRequest,
    state: web::Data<AppState>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let media_type = super::body::media_type(&req);
    let credentials = match media_type.as_str() {
        "application/x-www-form-urlencoded" => {
            let body =
                super::body::read_body(&req, payload, super::body::MAX_TOKEN_BODY_BYTES).await?;
            credentials_from_pairs(
                url::form_urlencoded::parse(&body)
                    .map(|(k, v)| (k.into_owned(), serde_json::Value::String(v.into_owned()))),
            )?
        }
        "application/json" => {
            let body =
                super::body::read_body(&req, payload, super::body::MAX_TOKEN_BODY_BYTES).await?;
            match super::body::parse_strict(&body)? {
                serde_json::Value::Object(map) => credentials_from_pairs(map)?,
                _ => return Err(ApiError::invalid(vec![missing("client_id")])),
            }
        }
        _ => {
            return Err(ApiError::unsupported_media_type(
                "send the credentials as application/json or application/x-www-form-urlencoded",
            ))
        }
    };
    let source = crate::web::client_address::client_key(&req);
    let state_for_work = state.clone();
    let issued = web::block(move || -> anyhow::Result<Issued> {
        let mut conn = state_for_work.pool.get()?;
        let limits = state_for_work.settings.rate_limit.clone();
        let now = chrono::Utc::now();
        let since = now.naive_utc() - chrono::Duration::minutes(limits.window_minutes);
        let failures =
            rate_limit::failures(&mut conn, GUESS, &credentials.client_id, &source, since)?;
        if !crate::domain::attempts::may_attempt(failures, limits.token()) {
            tracing::warn!(%source, ?failures, "API token rate limit reached");
            return Ok(Issued::RateLimited);
        }
        let client = api_client::find_by_client_id(&mut conn, &credentials.client_id)?;
        let secret_ok = client.as_ref().is_some_and(|client| {
            crate::keys::stored_hash::matches(
                &state_for_work.keys,
                crate::keys::Purpose::ClientSecret,
                &credentials.client_secret,
                &client.secret_hash,
            ) && client.revoked_at.is_none()
        });
        let Some(client) = client.filter(|_| secret_ok) else {
            rate_limit::record_failure(
                &mut conn,
                GUESS,
                &credentials.client_id,
                &source,
                now.naive_utc(),
            )?;
            return Ok(Issued::Refused);
        };
        let scopes = client.scope_list();
        let token = state_for_work.api_tokens.issue(
            &client.client_id,
            client.agency_id,
            &scopes,
            now.timestamp(),
        )?;
        Ok(Issued::Token(token, scopes))
    })
    .await??;
    let (token, scopes) = match issued {
        Issued::Token(token, scopes) => (token, scopes),
        Issued::Refused => return Err(ApiError::invalid_client()),
        Issued::RateLimited => {
            return Err(ApiError::too_many_attempts(
                "too many failed attempts from this address lately; try again later",
            ))
        }
    };
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(TokenResponse {
            access_token: token,
            token_type: "Bearer".into(),
            expires_in: LIFETIME_SECS,
            scope: scopes.join(" "),
        }))
}

/// The kind of guess the rate limits count (`domain::attempts`).
const GUESS: &str = "api_token";

/// What the credentials came to.
enum Issued {
    Token(String, Vec<String>),
    Refused,
    RateLimited,
}

fn missing(field: &str) -> Detail {
    Detail {
        index: None,
        field: field.into(),
        reason: "is required and must be a non-empty string".into(),
    }
}

/// The credentials among `pairs`, naming each one that is missing or not a string.
fn credentials_from_pairs(
    pairs: impl IntoIterator<Item = (String, serde_json::Value)>,
) -> Result<TokenRequest, ApiError> {
    let mut client_id = None;
    let mut client_secret = None;
    for (key, value) in pairs {
        let text = value.as_str().filter(|t| !t.is_empty()).map(String::from);
        match key.as_str() {
            "client_id" => client_id = text,
            "client_secret" => client_secret = text,
            _ => {}
        }
    }
    match (client_id, client_secret) {
        (Some(client_id), Some(client_secret)) => Ok(TokenRequest {
            client_id,
            client_secret,
        }),
        (id, secret) => Err(ApiError::invalid(
            [
                ("client_id", id.is_none()),
                ("client_secret", secret.is_none()),
            ]
            .into_iter()
            .filter(|(_, absent)| *absent)
            .map(|(field, _)| missing(field))
            .collect(),
        )),
    }
}
