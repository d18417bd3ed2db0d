//! The agency integration API at `/api/v1` (shared/API.md).

pub mod auth;
pub mod decisions;
pub mod error;
pub mod systems;
pub mod token;
pub mod validate;

use actix_web::{error::PayloadError, web};
use error::ApiError;

/// Request bodies above this are refused with 413 (API.md).
pub const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// Mounts the API's routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api/v1")
            .route("/openapi.json", web::get().to(openapi))
            .route("/token", web::post().to(token::issue))
            .route("/systems", web::post().to(systems::create::create))
            .route("/systems", web::get().to(systems::read::list))
            .route("/systems/{slug}", web::get().to(systems::read::read))
            .route("/decisions", web::post().to(decisions::create::create))
            .route(
                "/decisions/{reference}",
                web::get().to(decisions::read::read),
            )
            .route(
                "/decisions/{reference}/access-code",
                web::post().to(decisions::access_code::reissue),
            )
            .default_service(web::to(|| async {
                Err::<actix_web::HttpResponse, _>(ApiError::not_found("no such API endpoint"))
            })),
    );
}

const OPENAPI: &str = include_str!("openapi.json");

/// `GET /api/v1/openapi.json`: the contract as an OpenAPI 3.1 document.
async fn openapi() -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok()
        .content_type("application/json")
        .insert_header(("Cache-Control", "public, max-age=300"))
        .body(OPENAPI)
}

/// Reads a request body of at most [`MAX_BODY_BYTES`], answering 413 in the API's JSON shape.
pub async fn read_body(mut payload: web::Payload) -> Result<web::Bytes, ApiError> {
    use futures_util::StreamExt;
    let too_large = || ApiError::too_large("the request body is larger than 16 MiB");
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e: PayloadError| ApiError::malformed(e.to_string()))?;
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}
