//! A decision's explanation, as the citizen reads it.

use crate::types::{AgencyContact, HumanInvolvement, LocalizedText, RiskLevel};
use serde::{Deserialize, Serialize};

/// A calendar date, already in the agency's time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// One factor the system weighed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FactorView {
    pub key: String,
    pub label: LocalizedText,
    pub value: String,
    pub unit: Option<String>,
    pub contribution: f64,
    pub citizen_can_change: bool,
}

/// One change in a counterfactual, with the factor's label and the value used.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChangeView {
    pub label: LocalizedText,
    pub from: String,
    pub to: String,
    pub unit: Option<String>,
}

/// "If these had been different, the outcome would have been ...".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CounterfactualView {
    pub changes: Vec<ChangeView>,
    pub outcome_label: LocalizedText,
}

/// A data source the decision used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataSourceView {
    pub category: LocalizedText,
    pub source: LocalizedText,
}

/// What the citizen should do after the decision, and by when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionView {
    pub what: LocalizedText,
    /// The last day to do it.
    pub by: CalendarDate,
    /// The document to bring or send, if the agency named one.
    pub document: Option<LocalizedText>,
}

/// Everything the explanation page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    pub reference: String,
    pub agency_name: LocalizedText,
    pub agency_contact: AgencyContact,
    pub system_slug: String,
    pub system_name: LocalizedText,
    pub system_version: i32,
    pub system_risk_level: RiskLevel,
    pub outcome: String,
    pub outcome_label: LocalizedText,
    pub decided_on: CalendarDate,
    pub legal_basis: LocalizedText,
    pub summary: LocalizedText,
    /// Every factor, ordered by the absolute size of its contribution.
    pub factors: Vec<FactorView>,
    pub counterfactuals: Vec<CounterfactualView>,
    pub data_sources: Vec<DataSourceView>,
    pub human_involvement: HumanInvolvement,
    pub challenge_until: CalendarDate,
    pub challenge_window_months: i32,
    pub challenge_open: bool,
    /// Months the state body keeps the case's personal data after its last activity.
    pub retention_months: i32,
    /// Whether a staff member is looking (not the citizen).
    pub viewed_by_staff: bool,
    /// Appeals filed on this decision, oldest first: (reference, state). The decision's access
    /// code opens them too.
    pub appeals: Vec<(String, super::AppealState)>,
    /// What the agency asks the citizen to do next, if anything.
    pub action: Option<ActionView>,
}

/// Staff search over their agency's decisions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionFilters {
    pub reference: String,
    pub system: String,
    pub outcome: String,
    pub page: u32,
}

/// One row of the staff decision list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRow {
    pub reference: String,
    pub external_id: String,
    pub system_slug: String,
    /// The system's name in its current published version.
    pub system_name: LocalizedText,
    pub outcome: String,
    pub outcome_label: LocalizedText,
    pub decided_on: CalendarDate,
}

/// A filter choice: the value the form sends (a slug, an outcome code) and what the reader
/// sees instead (a name, an outcome's label), in the agency's languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelledChoice {
    pub value: String,
    pub label: LocalizedText,
}

/// A page of the staff decision list with the filter choices.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionList {
    pub rows: Vec<DecisionRow>,
    pub total: i64,
    pub page: u32,
    pub page_size: u32,
    /// The systems to filter by, named.
    pub systems: Vec<LabelledChoice>,
    /// The outcomes to filter by, each with the label its newest decision gave it.
    pub outcomes: Vec<LabelledChoice>,
}

/// An error report on a register entry, for the agency's supervisors.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterFlagView {
    pub id: i64,
    pub system_slug: String,
    /// The system's name in its current published version.
    pub system_name: LocalizedText,
    pub version: i32,
    pub message: String,
    pub contact_email: Option<String>,
    pub reported_at: String,
    pub status: crate::types::FlagStatus,
    /// The agency's reply, which the public reads on the entry page.
    pub reply: Option<String>,
}

/// An error report as the public reads it on the entry page: never the reporter's address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicFlag {
    /// `YYYY-MM-DD` in UTC.
    pub reported_on: String,
    pub version: i32,
    pub message: String,
    pub status: crate::types::FlagStatus,
    pub reply: Option<String>,
}
