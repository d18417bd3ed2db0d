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
    /// What changed, in the publisher's words; `None` for versions published before review.
    #[serde(default)]
    pub change_note: Option<String>,
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
    /// Error reports on the entry, newest first, with where each stands.
    #[serde(default)]
    pub reports: Vec<crate::types::PublicFlag>,
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
/// The flash value that carries a previewed entry (its JSON) back to the editor.
pub const EDITOR_PREVIEW: &str = "preview_json";
/// The form the staff reply to an error report belongs to.
pub const FLAG_RESPONSE_FORM: &str = "flag_response";
/// The form the draft review's flash (publish and discard) belongs to.
pub const DRAFT_FORM: &str = "draft";

/// A field of a register entry, as the review of a draft names what changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryField {
    Name,
    Description,
    Purpose,
    LegalBasis,
    RiskLevel,
    HumanFinalDecision,
    HumanOversight,
    DataCategories,
    ModelType,
    ExplanationMethod,
    Supplier,
    ImpactAssessment,
    BiasAudit,
    Status,
    ContactEmail,
}

impl EntryField {
    /// Every field, in the order the entry page shows them.
    pub const ALL: [EntryField; 15] = [
        EntryField::Name,
        EntryField::Description,
        EntryField::Purpose,
        EntryField::LegalBasis,
        EntryField::RiskLevel,
        EntryField::HumanFinalDecision,
        EntryField::HumanOversight,
        EntryField::DataCategories,
        EntryField::ModelType,
        EntryField::ExplanationMethod,
        EntryField::Supplier,
        EntryField::ImpactAssessment,
        EntryField::BiasAudit,
        EntryField::Status,
        EntryField::ContactEmail,
    ];

    /// The field's name in the entry's JSON (docs/api.md, "AI system").
    pub fn key(self) -> &'static str {
        match self {
            EntryField::Name => "name",
            EntryField::Description => "description",
            EntryField::Purpose => "purpose",
            EntryField::LegalBasis => "legal_basis",
            EntryField::RiskLevel => "risk_level",
            EntryField::HumanFinalDecision => "human_final_decision",
            EntryField::HumanOversight => "human_oversight",
            EntryField::DataCategories => "data_categories",
            EntryField::ModelType => "model_type",
            EntryField::ExplanationMethod => "explanation_method",
            EntryField::Supplier => "supplier",
            EntryField::ImpactAssessment => "impact_assessment",
            EntryField::BiasAudit => "bias_audit",
            EntryField::Status => "status",
            EntryField::ContactEmail => "contact_email",
        }
    }
}

/// A draft in the list a supervisor reviews.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftSummary {
    pub slug: String,
    pub name: LocalizedText,
    /// The published version it changes; 0 for an entry never published.
    pub base_version: i32,
    /// When it was last saved, `YYYY-MM-DD HH:MM UTC`.
    pub saved_at: String,
}

/// A draft as its review page shows it: the entry as it would be published, the published
/// version it changes (if any) and the fields that differ.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftReview {
    pub slug: String,
    pub agency_name: LocalizedText,
    pub base_version: i32,
    pub draft: RegisterEntryContent,
    /// The current published content; `None` for an entry never published.
    pub published: Option<RegisterEntryContent>,
    /// The fields whose value differs from the published version (every field when new).
    pub changed: Vec<EntryField>,
}
