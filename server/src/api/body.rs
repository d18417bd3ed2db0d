//! Reading request bodies: at most [`MAX_BODY_BYTES`] (413), `application/json` only (415),
//! well-formed JSON with no key given twice in one object (400).

use super::error::ApiError;
use crate::domain::strict_json;
use actix_web::{error::PayloadError, http::header, web, HttpRequest};
use serde_json::Value;

/// Request bodies above this are refused with 413 (docs/api.md).
pub const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// The body of `POST /api/v1/token`, which anyone may send: credentials fit in far less.
pub const MAX_TOKEN_BODY_BYTES: usize = 4 * 1024;

/// Bodies larger than this are parsed on a blocking thread, so a large batch does not hold
/// up the request workers that answer everyone else.
const PARSE_INLINE_BYTES: usize = 64 * 1024;

/// Reads a request body of at most `limit` bytes, answering 413 in the API's JSON shape. A
/// declared `Content-Length` over the limit is refused before anything is read.
pub async fn read_body(
    req: &HttpRequest,
    mut payload: web::Payload,
    limit: usize,
) -> Result<web::Bytes, ApiError> {
    use futures_util::StreamExt;
    let too_large =
        || ApiError::too_large(format!("the request body is larger than {}", size(limit)));
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let mut body = web::BytesMut::with_capacity(declared.unwrap_or(0).min(limit));
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e: PayloadError| ApiError::malformed(e.to_string()))?;
        if body.len() + chunk.len() > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// `limit` as people write it: "16 MiB", "4 KiB".
fn size(limit: usize) -> String {
    if limit >= 1024 * 1024 {
        format!("{} MiB", limit / (1024 * 1024))
    } else {
        format!("{} KiB", limit / 1024)
    }
}

/// The request's media type, lower-cased, without parameters.
pub fn media_type(req: &HttpRequest) -> String {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default()
}

/// 415 unless the body is declared as JSON.
pub fn require_json(req: &HttpRequest) -> Result<(), ApiError> {
    if media_type(req) == "application/json" {
        Ok(())
    } else {
        Err(ApiError::unsupported_media_type(
            "send the body as application/json",
        ))
    }
}

/// Reads a JSON body of a request declared as JSON.
pub async fn json_body(req: &HttpRequest, payload: web::Payload) -> Result<Value, ApiError> {
    require_json(req)?;
    let body = read_body(req, payload, MAX_BODY_BYTES).await?;
    if body.len() <= PARSE_INLINE_BYTES {
        return parse_strict(&body);
    }
    web::block(move || parse_strict(&body))
        .await
        .map_err(ApiError::unexpected)?
}

/// Parses JSON strictly ([`strict_json::parse`]), answering 400 when it is not.
pub fn parse_strict(body: &[u8]) -> Result<Value, ApiError> {
    strict_json::parse(body).map_err(ApiError::malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_keys_are_refused_at_any_depth() {
        assert!(parse_strict(br#"{"a": 1, "b": {"c": 2}}"#).is_ok());
        let error = parse_strict(br#"{"a": 1, "b": {"c": 2, "c": 3}}"#).unwrap_err();
        assert!(
            error.message.contains("\"c\" appears twice"),
            "{}",
            error.message
        );
        assert!(parse_strict(br#"[{"x": 1, "x": 1}]"#).is_err());
    }

    #[test]
    fn numbers_and_trailing_text_behave_like_json() {
        assert_eq!(parse_strict(b"2.0").unwrap(), serde_json::json!(2.0));
        assert_eq!(parse_strict(b"-7").unwrap(), serde_json::json!(-7));
        assert!(parse_strict(b"{} x").is_err());
    }
}
