//! Server functions behind the public pages: the register and a decision's explanation.

use super::AppError;
use crate::types::{Explanation, RegisterEntry, RegisterFilters, RegisterList};
use leptos::prelude::*;

/// The register, filtered.
#[server(prefix = "/rpc", endpoint = "register_list")]
pub async fn load_register(filters: RegisterFilters) -> Result<RegisterList, AppError> {
    crate::port::portal()?.register_list(filters).await
}

/// One register entry at a version (the current one if `None`).
#[server(prefix = "/rpc", endpoint = "register_entry")]
pub async fn load_register_entry(
    slug: String,
    version: Option<i32>,
) -> Result<RegisterEntry, AppError> {
    crate::port::portal()?.register_entry(&slug, version).await
}

/// A decision's explanation, for the citizen who opened it or staff of its agency.
#[server(prefix = "/rpc", endpoint = "explanation")]
pub async fn load_explanation(reference: String) -> Result<Explanation, AppError> {
    let viewer = crate::port::decision_viewer().ok_or(AppError::NotSignedIn)?;
    crate::port::portal()?.explanation(viewer, &reference).await
}
