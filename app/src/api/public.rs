//! Server functions behind the public pages: the register, a decision's explanation and the
//! public statistics.

use super::AppError;
use crate::types::{
    Explanation, RegisterEntry, RegisterFilters, RegisterList, StatsFilters, StatsReport,
};
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

/// The quality score of a system in the register.
#[server(prefix = "/rpc", endpoint = "system_quality")]
pub async fn load_system_quality(slug: String) -> Result<crate::types::SystemQuality, AppError> {
    crate::port::portal()?.system_quality(&slug).await
}

/// A decision's explanation, for the citizen who opened it or staff of its agency.
#[server(prefix = "/rpc", endpoint = "explanation")]
pub async fn load_explanation(reference: String) -> Result<Explanation, AppError> {
    let viewer = crate::port::decision_viewer().ok_or(AppError::NotSignedIn)?;
    crate::port::portal()?.explanation(viewer, &reference).await
}

/// The redress statistics as anyone may see them: small counts suppressed, even for a signed-in
/// staff member (their exact figures are on the staff dashboard).
#[server(prefix = "/rpc", endpoint = "stats_report")]
pub async fn load_stats_report(filters: StatsFilters) -> Result<StatsReport, AppError> {
    crate::port::portal()?.stats(None, filters).await
}
