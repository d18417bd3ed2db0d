//! What a use case can answer besides success. The HTTP layers map it in one place each:
//! the JSON API to its error shape (`api::error`), the forms to field messages.

use crate::domain::validator::Problem;

/// A use case's refusal or failure.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// The input breaks a rule; every problem is named.
    #[error("{} invalid field(s)", .0.len())]
    Invalid(Vec<Problem>),
    /// The input clashes with what is stored (another owner, other content, a race).
    #[error("{message}")]
    Conflict {
        message: String,
        details: Vec<Problem>,
    },
    /// Nothing the caller may see has this name.
    #[error("not found")]
    NotFound,
    /// A bug, a broken row or the database: logged with a reference by the caller's layer.
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl From<diesel::result::Error> for ServiceError {
    fn from(error: diesel::result::Error) -> ServiceError {
        ServiceError::Unexpected(error.into())
    }
}

/// A problem on one field, outside any batch.
pub fn problem(field: &str, reason: impl Into<String>) -> Problem {
    Problem {
        index: None,
        field: field.to_string(),
        reason: reason.into(),
    }
}
