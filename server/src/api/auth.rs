//! The bearer-token extractor: a verified, unrevoked API client with its agency and scopes.

use super::error::ApiError;
use crate::auth::api_token::ApiClaims;
use crate::db::models::api_client;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::{http::header, web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;

/// The calling agency system.
#[derive(Debug, Clone)]
pub struct ApiPrincipal {
    pub claims: ApiClaims,
}

impl ApiPrincipal {
    /// The agency the client belongs to.
    pub fn agency_id(&self) -> i64 {
        self.claims.agency
    }

    /// The client as the audit log records it.
    pub fn actor(&self) -> crate::db::models::audit::Actor {
        crate::db::models::audit::Actor::api_client(&self.claims.sub, self.claims.agency)
    }

    /// Fails with 403 unless the token grants `scope`.
    pub fn require(&self, scope: &str) -> Result<(), ApiError> {
        if self.claims.has_scope(scope) {
            Ok(())
        } else {
            Err(ApiError::forbidden_scope(scope))
        }
    }
}

impl FromRequest for ApiPrincipal {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<ApiPrincipal, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(|t| t.trim().to_string());
        Box::pin(async move {
            let state = state
                .ok_or_else(|| ApiError::unexpected(anyhow::anyhow!("no application state")))?;
            let token = token.ok_or_else(|| {
                ApiError::unauthorized("send a token as Authorization: Bearer <token>")
            })?;
            let claims = state
                .api_tokens
                .verify(&token)
                .ok_or_else(|| ApiError::unauthorized("the token is invalid or has expired"))?;
            // A revoked client's tokens stop working at once, not when they expire.
            let client_id = claims.sub.clone();
            let pool = state.pool.clone();
            let client = web::block(move || -> anyhow::Result<_> {
                let mut conn = pool.get()?;
                Ok(api_client::find_by_client_id(&mut conn, &client_id)?)
            })
            .await??;
            match client {
                Some(c) if c.revoked_at.is_none() && c.agency_id == claims.agency => {
                    Ok(ApiPrincipal { claims })
                }
                _ => Err(ApiError::unauthorized(
                    "the client of this token was revoked",
                )),
            }
        })
    }
}
