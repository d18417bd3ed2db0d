//! Server functions behind the staff pages.

use super::AppError;
use crate::types::{AgencyOverview, StaffHome};
use leptos::prelude::*;

/// The signed-in person's home: their agency (or every agency) and its AI systems.
#[server(prefix = "/rpc", endpoint = "staff_home")]
pub async fn load_staff_home() -> Result<StaffHome, AppError> {
    let (portal, principal) = crate::port::portal_and_principal()?;
    portal.staff_home(&principal).await
}

/// One agency and its AI systems, if the signed-in person may see it.
#[server(prefix = "/rpc", endpoint = "staff_agency")]
pub async fn load_staff_agency(slug: String) -> Result<AgencyOverview, AppError> {
    let (portal, principal) = crate::port::portal_and_principal()?;
    portal.staff_agency(&principal, &slug).await
}

/// A system's quality score with its worst examples, for its agency's supervisors.
#[server(prefix = "/rpc", endpoint = "quality_review")]
pub async fn load_quality_review(slug: String) -> Result<crate::types::QualityReview, AppError> {
    let (portal, principal) = crate::port::portal_and_principal()?;
    portal.quality_review(&principal, &slug).await
}

/// A page of the agency's decisions.
#[server(prefix = "/rpc", endpoint = "staff_decisions")]
pub async fn load_staff_decisions(
    filters: crate::types::DecisionFilters,
) -> Result<crate::types::DecisionList, AppError> {
    let (portal, principal) = crate::port::portal_and_principal()?;
    portal.staff_decisions(&principal, filters).await
}

/// Error reports on the agency's register entries.
#[server(prefix = "/rpc", endpoint = "register_flags")]
pub async fn load_register_flags() -> Result<Vec<crate::types::RegisterFlagView>, AppError> {
    let (portal, principal) = crate::port::portal_and_principal()?;
    portal.register_flags(&principal).await
}

/// The register drafts of the signed-in supervisor's agency.
#[server(prefix = "/rpc", endpoint = "register_drafts")]
pub async fn load_register_drafts() -> Result<Vec<crate::types::DraftSummary>, AppError> {
    let (portal, principal) = crate::port::portal_and_principal()?;
    portal.register_drafts(&principal).await
}

/// One draft of the signed-in supervisor's agency, with what it changes.
#[server(prefix = "/rpc", endpoint = "register_draft")]
pub async fn load_register_draft(slug: String) -> Result<crate::types::DraftReview, AppError> {
    let (portal, principal) = crate::port::portal_and_principal()?;
    portal.register_draft(&principal, &slug).await
}

/// The current version of an entry, if the signed-in supervisor's agency owns it.
#[server(prefix = "/rpc", endpoint = "editable_entry")]
pub async fn load_editable_entry(slug: String) -> Result<crate::types::RegisterEntry, AppError> {
    let (portal, principal) = crate::port::portal_and_principal()?;
    portal.editable_entry(&principal, &slug).await
}

/// An agency's calendar for a year, for administrators.
#[server(prefix = "/rpc", endpoint = "agency_calendar")]
pub async fn load_agency_calendar(
    slug: String,
    year: i32,
) -> Result<crate::types::AgencyCalendarView, AppError> {
    let (portal, principal) = crate::port::portal_and_principal()?;
    portal.agency_calendar(&principal, &slug, year).await
}

/// The redress statistics in the signed-in person's scope, exact: every state body for the
/// Human Rights Commissioner's office and administrators, their own for a supervisor.
#[server(prefix = "/rpc", endpoint = "staff_stats_report")]
pub async fn load_staff_stats_report(
    filters: crate::types::StatsFilters,
) -> Result<crate::types::StatsReport, AppError> {
    let (portal, principal) = crate::port::portal_and_principal()?;
    portal.stats(Some(&principal), filters).await
}

/// The strength meter of the change-password page (0 to 4); the policy itself is applied when
/// the form is posted.
#[server(prefix = "/rpc", endpoint = "password_strength")]
pub async fn password_strength(candidate: String) -> Result<u8, AppError> {
    let (portal, principal) = crate::port::portal_and_principal()?;
    portal.password_strength(&principal, &candidate).await
}

/// The staff member's own two-factor page, or the enrolment a sign-in waits on.
#[server(prefix = "/rpc", endpoint = "two_factor")]
pub async fn load_two_factor() -> Result<crate::types::TwoFactorView, AppError> {
    let portal = crate::port::portal()?;
    let viewer = crate::port::two_factor_viewer().ok_or(AppError::NotSignedIn)?;
    portal.two_factor(viewer).await
}

/// The staff accounts and their two-factor state, for an admin.
#[server(prefix = "/rpc", endpoint = "staff_accounts")]
pub async fn load_staff_accounts() -> Result<crate::types::StaffAccounts, AppError> {
    let (portal, principal) = crate::port::portal_and_principal()?;
    portal.staff_accounts(&principal).await
}
