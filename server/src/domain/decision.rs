//! The decision document: one decision with its explanation, as an agency's system submits it
//! and as it is stored (docs/api.md, "Decisions"). Stored documents are read back into the same
//! type; the national id is never part of a stored document.

use app::i18n::Locale;
use app::types::{HumanInvolvement, LocalizedText};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One factor the system weighed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Factor {
    #[schema(min_length = 1, max_length = 64)]
    pub key: String,
    pub label: LocalizedText,
    /// The value as used, shown to the citizen as given.
    pub value: String,
    #[serde(default)]
    pub unit: Option<String>,
    /// Signed and finite; negative pushes against the outcome the citizen wanted.
    #[schema(example = -0.42)]
    pub contribution: f64,
    pub citizen_can_change: bool,
}

/// One change in a counterfactual: factor `key` set `to` a value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub key: String,
    pub to: String,
}

/// "Had these been different, the outcome would have been ...".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Counterfactual {
    pub changes: Vec<Change>,
    pub outcome: String,
    pub outcome_label: LocalizedText,
}

/// A data source the decision used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DataSource {
    pub category: LocalizedText,
    pub source: LocalizedText,
}

/// Who the decision is about: minimal contact details, every one optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    #[serde(default)]
    #[schema(format = Email, max_length = 254)]
    pub email: Option<String>,
    /// Twelve digits. Kept only as a keyed hash: [`DecisionDocument::without_national_id`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(pattern = "^[0-9]{12}$")]
    pub national_id: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<String>, pattern = "^(kk|ru|en)$")]
    pub language: Option<Locale>,
    /// Where the person lives: the KATO code of the oblast or city of republican significance
    /// (two digits, then seven zeros: `750000000` is Almaty). Used only for statistics by region.
    #[serde(default)]
    #[schema(pattern = "^[0-9]{2}0000000$")]
    pub region: Option<String>,
}

/// Whether an outcome gives the citizen what they asked for: the sign every factor's
/// contribution is read against (docs/api.md, "Quality checks").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeDirection {
    Favourable,
    Unfavourable,
}

impl OutcomeDirection {
    pub fn parse(value: &str) -> Option<OutcomeDirection> {
        match value {
            "favourable" => Some(OutcomeDirection::Favourable),
            "unfavourable" => Some(OutcomeDirection::Unfavourable),
            _ => None,
        }
    }
}

/// What the citizen should do after the decision, and by when (docs/api.md, "The action").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// What to do, in plain words.
    pub what: LocalizedText,
    /// The last day to do it, not before the day of the decision.
    #[schema(value_type = String, format = Date, example = "2026-12-08")]
    pub by: NaiveDate,
    /// The document to bring or send, if one is needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<LocalizedText>,
}

/// One decision with its explanation. Unknown fields are refused when a decision is submitted
/// (the walker names them); the type itself accepts them so that a stored decision can be
/// returned with its metadata beside it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DecisionDocument {
    /// The agency's own identifier: sending it again is idempotent.
    #[schema(min_length = 1, max_length = 200)]
    pub external_id: String,
    /// The slug of the register entry of the system that decided.
    pub system: String,
    /// The register version; none means the current one when first stored.
    #[serde(default)]
    #[schema(minimum = 1)]
    pub system_version: Option<i32>,
    /// A short code the agency defines.
    pub outcome: String,
    pub outcome_label: LocalizedText,
    /// Whether the outcome is what the citizen asked for; when omitted, read from the outcome
    /// code where the code says (`approved`, `denied`, ...). Left out of the canonical form
    /// when omitted, so documents stored before it existed compare as they did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome_direction: Option<OutcomeDirection>,
    pub decided_at: DateTime<Utc>,
    pub legal_basis: LocalizedText,
    pub summary: LocalizedText,
    #[serde(default)]
    #[schema(max_items = 50)]
    pub factors: Vec<Factor>,
    #[serde(default)]
    #[schema(max_items = 10)]
    pub counterfactuals: Vec<Counterfactual>,
    #[serde(default)]
    #[schema(max_items = 20)]
    pub data_sources: Vec<DataSource>,
    pub human_involvement: HumanInvolvement,
    /// The staff email of the person who reviewed it, if one did.
    #[serde(default)]
    #[schema(format = Email, max_length = 254)]
    pub human_reviewer: Option<String>,
    pub model_version: String,
    #[serde(default)]
    pub subject: Option<Subject>,
    /// What the citizen should do, by when. Left out of the canonical form when omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<Action>,
}

impl DecisionDocument {
    /// The canonical form compared when an item is sent again: every field in a fixed order,
    /// an omitted optional field written as `null`, so omitting and `null` compare equal.
    pub fn canonical_json(&self) -> String {
        // Serialising a struct of plain data cannot fail; an empty string would only ever
        // make a re-send a conflict, never a silent overwrite.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The canonical form and the JSON stored, written out once: the stored JSON is the
    /// canonical form without the national id. Every quote inside a JSON string is escaped, so
    /// `,"national_id":"` can only be the subject's key itself; should the entry not be found
    /// exactly once, the document is written out again without it.
    pub fn canonical_and_stored_json(&self) -> (String, String) {
        let canonical = self.canonical_json();
        let Some(id) = self.subject.as_ref().and_then(|s| s.national_id.as_deref()) else {
            return (canonical.clone(), canonical);
        };
        let entry = format!(",\"national_id\":{}", serde_json::Value::from(id));
        let stored = match canonical.match_indices(&entry).count() {
            1 => canonical.replacen(&entry, "", 1),
            _ => self.without_national_id().canonical_json(),
        };
        (canonical, stored)
    }

    /// The document as stored: the same, without the national id.
    pub fn without_national_id(&self) -> DecisionDocument {
        let mut kept = self.clone();
        if let Some(subject) = kept.subject.as_mut() {
            subject.national_id = None;
        }
        kept
    }

    /// The factor named `key`.
    pub fn factor(&self, key: &str) -> Option<&Factor> {
        self.factors.iter().find(|f| f.key == key)
    }
}

/// A batch of decisions, as `POST /api/v1/decisions` takes it: 1 to 1,000, all or nothing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionBatch {
    #[schema(min_items = 1, max_items = 1000)]
    pub decisions: Vec<DecisionDocument>,
}
