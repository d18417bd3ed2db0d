//! The error server functions return, shaped so pages can tell "not found" from "not signed in"
//! from a failure that the server logged under a reference id.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// Why a page's data could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The session is missing, expired or revoked.
    #[error("not signed in")]
    NotSignedIn,
    /// The record does not exist, or the person may not see it (never distinguished).
    #[error("not found")]
    NotFound,
    /// The server logged the cause under this reference.
    #[error("unexpected error, reference {reference}")]
    Unexpected { reference: String },
    /// The call itself failed (network, encoding).
    #[error("request failed: {0}")]
    Transport(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}
