//! Appeals as the pages and the API see them: the citizen's grounds as filed, and the case as
//! shown to the citizen, to agency staff and to the ombudsman (docs/appeals.md).

use super::appeal_vocab::{AppealState, EventKind, FindingKind, GroundKind, OutcomeKind};
use super::explanation::CalendarDate;
use super::text::LocalizedText;
use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

/// One factor of the decision the citizen says is wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ChallengedFactor {
    /// The factor's key in the decision document.
    pub key: String,
    /// What the citizen says the right value is (required for a data error).
    #[serde(default)]
    pub correct_value: String,
    /// Why the citizen says so.
    #[serde(default)]
    pub why: String,
}

/// Why the citizen challenges the decision: one or more grounds, and the factors named (none
/// means the whole decision).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Grounds {
    pub kinds: Vec<GroundKind>,
    #[serde(default)]
    pub factors: Vec<ChallengedFactor>,
}

/// Which deadline of an appeal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// The agency confirms it received the challenge.
    Acknowledge,
    /// The agency decides.
    Decide,
    /// The citizen may escalate to the ombudsman.
    Escalate,
}

/// How a period was counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    WorkingDays,
    CalendarDays,
    Months,
}

/// Why days in a row were not counted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SkippedWhy {
    /// A public holiday, by its key (`labels::holiday` names it).
    Holiday { key: String },
    /// The working day given off because the holiday `key` fell on a weekend.
    MovedHoliday { key: String },
    /// A day off the agency's calendar adds, with its note.
    AgencyDayOff { note: String },
    /// The agency waited on the citizen.
    Paused,
}

/// Consecutive days not counted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedView {
    pub first: CalendarDate,
    pub last: CalendarDate,
    pub why: SkippedWhy,
}

/// Where a deadline stands today.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum DeadlineStatus {
    /// Met on this date.
    Met { on: CalendarDate },
    /// Still ahead, more than two working days away.
    Ahead,
    /// Two working days or fewer remain.
    AtRisk,
    /// Passed without the step being taken.
    Overdue,
    /// The clock is stopped while the agency waits on the citizen.
    OnHold { since: CalendarDate, remaining: u32 },
    /// No longer relevant (the appeal ended first).
    Moot,
}

/// One deadline, with how it was computed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineView {
    pub kind: DeadlineKind,
    /// The day the count starts after.
    pub start: CalendarDate,
    pub amount: u32,
    pub period: PeriodKind,
    /// The last day; unknown while the clock is stopped.
    pub due: Option<CalendarDate>,
    pub skipped: Vec<SkippedView>,
    pub status: DeadlineStatus,
    /// Set when a supervisor extended the deadline: the reason the citizen reads.
    pub extension_reason: Option<String>,
}

/// Who wrote an entry of the case history.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryAuthor {
    Citizen,
    Staff,
    Ombudsman,
    System,
}

/// What an entry of the case history records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Filed,
    Step(EventKind),
    Assigned,
    Evidence,
    Message,
    Note,
}

/// One entry of the case history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryView {
    /// "2026-03-03 14:05", in the agency's time zone.
    pub at: String,
    pub author: EntryAuthor,
    /// The staff member's name, shown to staff only.
    pub author_name: Option<String>,
    pub kind: EntryKind,
    pub body: String,
    /// Internal notes are never sent to the citizen's page.
    pub internal: bool,
}

/// An evidence file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentView {
    pub id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
}

/// The agency's decision on the appeal, or a proposal awaiting approval.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeView {
    pub kind: OutcomeKind,
    pub reasoning: String,
    /// For an overturn: the outcome the decision now has.
    pub corrected_label: Option<String>,
}

/// A staff view of the case, as the citizen sees it: which role of which body, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseView {
    pub at: String,
    pub role: String,
    pub agency_name: Option<LocalizedText>,
}

/// An appeal as one viewer may see it. Staff see internal notes and names; the citizen sees
/// the roles that viewed their case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealView {
    pub reference: String,
    pub decision_reference: String,
    pub agency_name: LocalizedText,
    pub system_name: LocalizedText,
    pub system_high_risk: bool,
    pub original_outcome_label: LocalizedText,
    pub state: AppealState,
    pub grounds: Grounds,
    /// Labels of the challenged factors, with the value the decision used, by key.
    pub factor_labels: Vec<ChallengedFactorView>,
    pub statement: String,
    pub contact_email: String,
    pub language: Locale,
    pub filed_on: CalendarDate,
    pub filed_at: String,
    pub deadlines: Vec<DeadlineView>,
    pub entries: Vec<EntryView>,
    pub attachments: Vec<AttachmentView>,
    pub proposal: Option<OutcomeView>,
    pub outcome: Option<OutcomeView>,
    pub finding: Option<FindingKind>,
    /// The steps the viewer may take now.
    pub actions: Vec<EventKind>,
    /// Who of the staff looked at the case (for the citizen).
    pub views: Vec<CaseView>,
    pub assignee_name: Option<String>,
    /// Whether the viewer is staff (and may claim, assign, write notes).
    pub staff_view: bool,
    /// Whether the viewer may claim the appeal (staff of its agency, not yet assigned to them).
    pub can_claim: bool,
    /// Whether the viewer may add notes and messages (staff of the appeal's agency).
    pub can_write_notes: bool,
    /// Reviewers of the agency a supervisor may assign the appeal to: (user id, name).
    pub assignable: Vec<(i64, String)>,
    /// The filing receipt (compact JWS), for the citizen.
    pub receipt: Option<String>,
    /// The version the page shows; a change posted from it names this version.
    pub version: i32,
}

/// A challenged factor as the decision recorded it, beside what the citizen says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengedFactorView {
    pub key: String,
    pub label: LocalizedText,
    pub value_used: String,
    pub unit: Option<String>,
    pub correct_value: String,
    pub why: String,
}

/// The filing form's data: the decision's factors to choose from and the window.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChallengeForm {
    pub decision_reference: String,
    pub agency_name: LocalizedText,
    pub factors: Vec<super::explanation::FactorView>,
    pub challenge_until: CalendarDate,
    pub open: bool,
    /// Appeals already filed on this decision, by reference, with their state.
    pub existing: Vec<(String, AppealState)>,
    pub max_files: usize,
    pub max_file_mb: usize,
    /// A one-time token for this form: submitting it twice files one appeal.
    pub form_token: String,
}

/// Staff queue filters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealFilters {
    pub state: String,
    pub system: String,
    /// "me", "none", or empty for anyone.
    pub assignee: String,
    pub ground: String,
    pub page: u32,
}

/// One row of a queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealRow {
    pub reference: String,
    pub decision_reference: String,
    pub agency_name: LocalizedText,
    pub system_slug: String,
    /// The system's name in its current published version.
    #[serde(default)]
    pub system_name: LocalizedText,
    pub state: AppealState,
    pub grounds: Vec<GroundKind>,
    pub filed_on: CalendarDate,
    /// The next deadline that matters in this state, and where it stands.
    pub next_due: Option<CalendarDate>,
    pub due_status: DeadlineStatus,
    pub assignee_name: Option<String>,
}

/// A page of a queue with the filter choices.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealQueue {
    pub rows: Vec<AppealRow>,
    pub total: i64,
    pub page: u32,
    pub page_size: u32,
    /// Systems of the viewer's agencies, by slug, named, for the filter.
    pub systems: Vec<crate::types::LabelledChoice>,
    /// Whether this is the ombudsman's queue of escalations.
    pub ombudsman: bool,
}

/// What checking a pasted filing receipt found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum ReceiptCheck {
    /// Signed by this portal's key and unchanged since: what it states is what was filed.
    Genuine(ReceiptFacts),
    /// Signed by a key this portal does not hold: not issued here.
    UnknownKey,
    /// Its content was changed after signing, or the signature is broken.
    Altered,
    /// Not a receipt at all.
    Malformed,
}

/// What a genuine receipt states.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptFacts {
    pub appeal: String,
    pub decision: String,
    pub grounds: Vec<GroundKind>,
    pub statement_sha256: String,
    /// (file name, SHA-256)
    pub attachments: Vec<(String, String)>,
    /// "2026-03-03 09:14:05 UTC"
    pub filed_at: String,
}

/// An agency's working-day calendar for one year, for administrators to keep.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyCalendarView {
    pub agency_slug: String,
    pub agency_name: LocalizedText,
    pub year: i32,
    /// The year's days off with why: holidays, moved days, the agency's own days off.
    pub days_off: Vec<SkippedView>,
    /// The agency's dated exceptions in the year: (date, is a day off, note).
    pub exceptions: Vec<CalendarExceptionView>,
    /// Open appeals of the agency, whose deadlines a change here moves.
    pub open_appeals: i64,
}

/// One dated exception to the holiday rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarExceptionView {
    /// YYYY-MM-DD, as the remove form posts it back.
    pub date: String,
    pub day: CalendarDate,
    pub day_off: bool,
    pub note: String,
}
