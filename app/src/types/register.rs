//! The public register of AI systems, as pages show it.

use crate::types::{LocalizedText, PublicCount, RegisterEntryContent, RiskLevel, SystemStatus};
use serde::{Deserialize, Serialize};

/// Filters of the register list; every one is optional and kept in the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterFilters {
    pub query: String,
    pub agency: String,
    pub risk: String,
    pub status: String,
    /// 1-based; 0 is read as 1.
    #[serde(default)]
    pub page: u32,
}

/// One row of the register list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterRow {
    pub slug: String,
    pub name: LocalizedText,
    pub description: LocalizedText,
    pub agency_name: LocalizedText,
    pub risk_level: RiskLevel,
    pub status: SystemStatus,
    pub version: i32,
}

/// An agency as a register filter choice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyChoice {
    pub slug: String,
    pub name: LocalizedText,
}

/// The register list page's data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterList {
    /// This page's entries.
    pub rows: Vec<RegisterRow>,
    pub agencies: Vec<AgencyChoice>,
    /// How many entries match the filters, on every page.
    pub total: i64,
    pub page: u32,
    pub page_size: u32,
}

/// One version in an entry's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionSummary {
    pub version: i32,
    /// Date published, `YYYY-MM-DD` in UTC.
    pub published_on: String,
}

/// One register entry at one version, with its history and live figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegisterEntry {
    pub slug: String,
    pub agency_slug: String,
    pub agency_name: LocalizedText,
    pub version: i32,
    pub current_version: i32,
    /// The entry's fields as registered.
    pub content: RegisterEntryContent,
    pub history: Vec<VersionSummary>,
    pub decisions: PublicCount,
}

/// The register editor's form: text fields written in each language, posted as `field.lang`.
pub const EDITOR_TEXT_FIELDS: [&str; 5] = [
    "name",
    "description",
    "purpose",
    "legal_basis",
    "human_oversight",
];
/// The editor's plain fields, posted under these names.
pub const EDITOR_PLAIN_FIELDS: [&str; 10] = [
    "risk_level",
    "human_final_decision",
    "status",
    "model_type",
    "explanation_method",
    "supplier",
    "contact_email",
    "impact_assessment.date",
    "impact_assessment.url",
    "bias_audit.date",
];
/// The editor's assessment summaries, written in each language, posted as `field.lang`.
pub const EDITOR_SUMMARY_FIELDS: [&str; 2] = ["impact_assessment.summary", "bias_audit.summary"];
/// The form the editor's flash belongs to.
pub const EDITOR_FORM: &str = "register_edit";
