//! What a citizen signed in by email sees: their decisions and appeals, and everything the
//! portal holds about them (the right of access; docs/notifications.md).

use super::{AppealState, CalendarDate, LocalizedText, Role};
use serde::{Deserialize, Serialize};

/// A decision whose subject contact is the signed-in address.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyDecision {
    pub reference: String,
    pub agency_name: LocalizedText,
    pub system_name: LocalizedText,
    pub outcome_label: LocalizedText,
    pub decided_on: CalendarDate,
}

/// An appeal filed with the signed-in address, or on one of their decisions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyAppeal {
    pub reference: String,
    pub decision_reference: String,
    pub agency_name: LocalizedText,
    pub state: AppealState,
    pub filed_on: CalendarDate,
}

/// The citizen's home after signing in by email.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CitizenHome {
    pub email: String,
    pub decisions: Vec<MyDecision>,
    pub appeals: Vec<MyAppeal>,
}

/// One entry of an appeal's history the citizen can read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyMessage {
    /// When, as an RFC 3339 timestamp (UTC).
    pub at: String,
    /// `citizen`, `staff`, `ombudsman` or `system`.
    pub author: String,
    /// The step's wire name, or `note`.
    pub kind: String,
    pub body: String,
}

/// One evidence file: its name and size, not its content (the appeal page opens it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyFile {
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub added_at: String,
}

/// A staff role of an agency that opened a case, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldView {
    /// The decision or appeal reference that was opened.
    pub subject: String,
    pub role: Option<Role>,
    /// The agency's slug; `None` for the ombudsman's office and administrators.
    pub agency: Option<String>,
    pub at: String,
}

/// A decision as the portal holds it, with the explanation's content as the agency sent it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeldDecision {
    pub reference: String,
    pub agency: String,
    pub outcome: String,
    pub decided_at: String,
    pub subject_email: Option<String>,
    pub subject_language: Option<String>,
    /// The KATO code of the region the agency gave, if any.
    pub subject_region: Option<String>,
    /// Whether a national identity number is on record (only its keyed hash is kept).
    pub national_id_on_record: bool,
    pub content: serde_json::Value,
    pub corrected_outcome: Option<serde_json::Value>,
}

/// An appeal as the portal holds it, with the messages and file names it carries.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeldAppeal {
    pub reference: String,
    pub decision_reference: String,
    pub state: AppealState,
    pub filed_at: String,
    pub contact_email: String,
    pub language: String,
    pub grounds: serde_json::Value,
    pub statement: String,
    pub outcome: Option<serde_json::Value>,
    pub finding: Option<String>,
    pub messages: Vec<MyMessage>,
    pub files: Vec<MyFile>,
}

/// An address on record and whether it is confirmed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldAddress {
    pub email: String,
    pub confirmed_at: Option<String>,
}

/// A message the portal sent, or will send, to the citizen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldEmail {
    pub kind: String,
    pub subject: String,
    pub status: String,
    pub created_at: String,
    pub sent_at: Option<String>,
}

/// Everything the portal holds about the signed-in citizen: the page shows it and the download
/// is this, as JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyData {
    /// When the export was made, RFC 3339.
    pub generated_at: String,
    pub addresses: Vec<HeldAddress>,
    pub decisions: Vec<HeldDecision>,
    pub appeals: Vec<HeldAppeal>,
    pub emails: Vec<HeldEmail>,
    /// Staff views of the citizen's decisions and appeals, newest first.
    pub views: Vec<HeldView>,
}

/// The admin's view of the outbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxView {
    pub queued: i64,
    pub failed: i64,
    pub sent_last_day: i64,
    /// The oldest queued message's age in seconds (0 when none waits).
    pub oldest_queued_secs: i64,
    /// The status shown: `queued`, `failed` or `sent`.
    pub status: String,
    pub rows: Vec<OutboxRow>,
}

/// One message in the admin's outbox list. The address is shown masked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxRow {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub language: String,
    pub subject: String,
    pub status: String,
    pub attempts: i32,
    pub created_at: String,
    pub next_attempt_at: String,
    pub sent_at: Option<String>,
    pub last_error: Option<String>,
}
