//! A register entry's content as an agency submits it and the register publishes it
//! (docs/api.md, "AI system"). The server's walker builds it; pages read it.

use crate::types::vocab::{ExplanationMethod, RiskLevel, SystemStatus};
use crate::types::LocalizedText;
use serde::{Deserialize, Serialize};

/// One category of personal data a system uses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DataCategory {
    pub code: String,
    pub label: LocalizedText,
}

/// An impact assessment or a bias audit: when, what it found, and where to read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// `YYYY-MM-DD`.
    #[cfg_attr(feature = "ssr", schema(format = Date, example = "2026-03-01"))]
    pub date: String,
    pub summary: LocalizedText,
    /// An `https://` address; bias audits have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(pattern = "^https://"))]
    pub url: Option<String>,
}

/// Every field of one register entry version. Unknown fields are refused when an entry is
/// submitted (the walker names them); the type itself accepts them so that published versions
/// can carry their metadata beside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RegisterEntryContent {
    /// 2 to 64 lower-case letters, digits and single dashes; unique across the portal.
    #[cfg_attr(
        feature = "ssr",
        schema(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", min_length = 2, max_length = 64)
    )]
    pub slug: String,
    pub name: LocalizedText,
    /// Plain language, at most 350 characters in each language.
    pub description: LocalizedText,
    pub purpose: LocalizedText,
    pub legal_basis: LocalizedText,
    pub risk_level: RiskLevel,
    pub human_final_decision: bool,
    pub human_oversight: LocalizedText,
    pub data_categories: Vec<DataCategory>,
    pub model_type: String,
    pub explanation_method: ExplanationMethod,
    pub supplier: String,
    pub impact_assessment: Assessment,
    pub bias_audit: Assessment,
    pub status: SystemStatus,
    /// An address that can receive mail.
    #[cfg_attr(feature = "ssr", schema(format = Email, max_length = 254))]
    pub contact_email: String,
}
