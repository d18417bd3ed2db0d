//! Error policy for the JSON API (docs/api.md, "Errors"): `{"error", "message", "details"}` with
//! 400 malformed JSON, 401 no or bad token, 403 missing scope, 404 not found (or not yours),
//! 409 conflict, 413 too large, 422 invalid with every problem listed, 500 logged with a
//! reference that the body repeats.

use crate::services::ServiceError;
use actix_web::{http::StatusCode, HttpResponse, ResponseError};

/// One problem in a request: which batch item, which field (a JSON path), and why.
pub use crate::domain::validator::Problem as Detail;

/// The most problems a 422 lists.
pub const MAX_DETAILS: usize = 100;

/// The body of every error answer.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// A snake_case kind: `validation_failed`, `conflict`, `not_found` ...
    #[schema(example = "validation_failed")]
    pub error: String,
    /// A sentence for the integrator.
    pub message: String,
    /// Every problem, for 409 and 422.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<Detail>,
}

/// An API error response.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub kind: &'static str,
    pub message: String,
    pub details: Vec<Detail>,
    /// The methods a path answers, sent as `Allow` with a 405.
    pub allow: Option<&'static str>,
}

impl ApiError {
    fn new(status: StatusCode, kind: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            kind,
            message: message.into(),
            details: Vec::new(),
            allow: None,
        }
    }

    /// 400: the body is not JSON.
    pub fn malformed(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "malformed_json", message)
    }
    /// 401: no token, or one that is invalid, expired or revoked.
    pub fn unauthorized(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", message)
    }
    /// 401 at the token endpoint.
    pub fn invalid_client() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "the client id or secret is not right, or the client was revoked",
        )
    }
    /// 403: the token lacks `scope`.
    pub fn forbidden_scope(scope: &str) -> ApiError {
        ApiError::new(
            StatusCode::FORBIDDEN,
            "insufficient_scope",
            format!("this call needs the scope {scope}"),
        )
    }
    /// 404.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }
    /// 409 with details.
    pub fn conflict(message: impl Into<String>, details: Vec<Detail>) -> ApiError {
        ApiError {
            details,
            ..ApiError::new(StatusCode::CONFLICT, "conflict", message)
        }
    }
    /// 415: the body is not declared as JSON.
    pub fn unsupported_media_type(message: impl Into<String>) -> ApiError {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            message,
        )
    }
    /// 405, naming the methods the path answers (also in `Allow`).
    pub fn method_not_allowed(allow: &'static str) -> ApiError {
        ApiError {
            allow: Some(allow),
            ..ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                format!("this path answers only {allow}"),
            )
        }
    }
    /// 413.
    pub fn too_large(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", message)
    }
    /// 422 listing the problems: the first [`MAX_DETAILS`], with the count of the rest in the
    /// message (a body of a million bad items must not become a response of a million lines).
    pub fn invalid(mut details: Vec<Detail>) -> ApiError {
        let count = details.len();
        let message = if count > MAX_DETAILS {
            details.truncate(MAX_DETAILS);
            format!(
                "the request has {count} invalid field(s); the first {MAX_DETAILS} are listed \
                 and {} more are not; nothing was stored",
                count - MAX_DETAILS
            )
        } else {
            format!("the request has {count} invalid field(s); nothing was stored")
        };
        ApiError {
            details,
            ..ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation_failed",
                message,
            )
        }
    }
    /// 429: too many failed attempts lately; try again after the window.
    pub fn too_many_attempts(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::TOO_MANY_REQUESTS, "too_many_attempts", message)
    }
    /// 500, logged with its cause under a reference the body repeats.
    pub fn unexpected(cause: impl Into<anyhow::Error>) -> ApiError {
        let reference = crate::telemetry::new_reference();
        let cause = cause.into();
        tracing::error!(%reference, error = ?cause, "unexpected API error");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            format!("an unexpected error occurred; reference {reference}"),
        )
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)
    }
}

impl From<ServiceError> for ApiError {
    fn from(error: ServiceError) -> ApiError {
        match error {
            ServiceError::Invalid(details) => ApiError::invalid(details),
            ServiceError::Conflict { message, details } => ApiError::conflict(message, details),
            ServiceError::NotFound => ApiError::not_found("nothing you may see has this name"),
            ServiceError::Unexpected(cause) => ApiError::unexpected(cause),
        }
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(error: diesel::result::Error) -> ApiError {
        ApiError::unexpected(error)
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(error: anyhow::Error) -> ApiError {
        ApiError::unexpected(error)
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(error: actix_web::error::BlockingError) -> ApiError {
        ApiError::unexpected(anyhow::anyhow!(error.to_string()))
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        let body = ErrorBody {
            error: self.kind.to_string(),
            message: self.message.clone(),
            details: self.details.clone(),
        };
        let mut response = HttpResponse::build(self.status);
        if self.status == StatusCode::UNAUTHORIZED {
            response.insert_header(("WWW-Authenticate", "Bearer"));
        }
        if let Some(allow) = self.allow {
            response.insert_header(("Allow", allow));
        }
        response
            .insert_header(("Cache-Control", "no-store"))
            .json(body)
    }
}
