//! Appeals and their history, pauses and evidence (docs/appeals.md): rows and the queries the
//! appeal services run. The rules live in `domain::appeal` and `services::appeals`.

use crate::db::schema::{appeal_attachments, appeal_entries, appeal_pauses, appeals};
use crate::db::{lower, DbConnection};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

/// A stored appeal.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = appeals)]
pub struct AppealRow {
    pub id: i64,
    pub reference: String,
    pub decision_id: i64,
    pub agency_id: i64,
    pub state: String,
    pub grounds_json: String,
    pub statement: String,
    pub contact_email: String,
    pub language: String,
    pub idempotency_key: String,
    pub assignee_id: Option<i64>,
    pub filed_at: NaiveDateTime,
    pub filed_on: NaiveDate,
    pub acknowledge_by: NaiveDate,
    pub decide_by: NaiveDate,
    pub decide_from: NaiveDate,
    pub extended_to: Option<NaiveDate>,
    pub extension_reason: Option<String>,
    pub extensions_used: i32,
    pub acknowledged_on: Option<NaiveDate>,
    pub decided_on: Option<NaiveDate>,
    pub escalate_until: Option<NaiveDate>,
    pub proposal_json: Option<String>,
    pub outcome_json: Option<String>,
    pub finding: Option<String>,
    pub close_reason: Option<String>,
    pub receipt: String,
    pub version: i32,
    pub updated_at: NaiveDateTime,
}

/// A new appeal, as filed.
#[derive(Debug, Insertable)]
#[diesel(table_name = appeals)]
pub struct NewAppeal<'a> {
    pub reference: &'a str,
    pub decision_id: i64,
    pub agency_id: i64,
    pub state: &'a str,
    pub grounds_json: &'a str,
    pub statement: &'a str,
    pub contact_email: &'a str,
    pub language: &'a str,
    pub idempotency_key: &'a str,
    pub filed_at: NaiveDateTime,
    pub filed_on: NaiveDate,
    pub acknowledge_by: NaiveDate,
    pub decide_by: NaiveDate,
    pub decide_from: NaiveDate,
    pub receipt: &'a str,
    pub updated_at: NaiveDateTime,
}

/// The columns a step may change, written together with the version check.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = appeals, treat_none_as_null = true)]
pub struct AppealChanges {
    pub state: String,
    pub assignee_id: Option<i64>,
    pub decide_by: NaiveDate,
    pub decide_from: NaiveDate,
    pub extended_to: Option<NaiveDate>,
    pub extension_reason: Option<String>,
    pub extensions_used: i32,
    pub acknowledged_on: Option<NaiveDate>,
    pub decided_on: Option<NaiveDate>,
    pub escalate_until: Option<NaiveDate>,
    pub proposal_json: Option<String>,
    pub outcome_json: Option<String>,
    pub finding: Option<String>,
    pub close_reason: Option<String>,
}

impl AppealRow {
    /// The changeable columns as they stand, for a step to edit.
    pub fn changes(&self) -> AppealChanges {
        AppealChanges {
            state: self.state.clone(),
            assignee_id: self.assignee_id,
            decide_by: self.decide_by,
            decide_from: self.decide_from,
            extended_to: self.extended_to,
            extension_reason: self.extension_reason.clone(),
            extensions_used: self.extensions_used,
            acknowledged_on: self.acknowledged_on,
            decided_on: self.decided_on,
            escalate_until: self.escalate_until,
            proposal_json: self.proposal_json.clone(),
            outcome_json: self.outcome_json.clone(),
            finding: self.finding.clone(),
            close_reason: self.close_reason.clone(),
        }
    }
}

/// Stores a new appeal.
pub fn insert(conn: &mut DbConnection, new: &NewAppeal<'_>) -> QueryResult<()> {
    diesel::insert_into(appeals::table)
        .values(new)
        .execute(conn)
        .map(|_| ())
}

/// An appeal by reference.
pub fn find_by_reference(
    conn: &mut DbConnection,
    reference: &str,
) -> QueryResult<Option<AppealRow>> {
    appeals::table
        .filter(appeals::reference.eq(reference))
        .select(AppealRow::as_select())
        .first(conn)
        .optional()
}

/// The appeal a filing form already created, found by its one-time token.
pub fn find_by_idempotency_key(
    conn: &mut DbConnection,
    decision_id: i64,
    key: &str,
) -> QueryResult<Option<AppealRow>> {
    appeals::table
        .filter(appeals::decision_id.eq(decision_id))
        .filter(appeals::idempotency_key.eq(key))
        .select(AppealRow::as_select())
        .first(conn)
        .optional()
}

/// The appeals filed on one decision, oldest first: (reference, state).
pub fn on_decision(
    conn: &mut DbConnection,
    decision_id: i64,
) -> QueryResult<Vec<(String, String)>> {
    appeals::table
        .filter(appeals::decision_id.eq(decision_id))
        .order(appeals::id.asc())
        .select((appeals::reference, appeals::state))
        .load(conn)
}

/// Whether some appeal already uses `reference`.
pub fn reference_taken(conn: &mut DbConnection, reference: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        appeals::table.filter(appeals::reference.eq(reference)),
    ))
    .get_result(conn)
}

/// Writes `changes` if the appeal is still at `version`, bumping it. False when someone else
/// changed the appeal first: the caller refuses rather than overwrite their step.
pub fn update_if_version(
    conn: &mut DbConnection,
    id: i64,
    version: i32,
    changes: &AppealChanges,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let updated = diesel::update(
        appeals::table
            .filter(appeals::id.eq(id))
            .filter(appeals::version.eq(version)),
    )
    .set((
        changes,
        appeals::version.eq(version + 1),
        appeals::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Stores recomputed deadlines (after a calendar change) without touching the version: the
/// page a reviewer has open stays valid.
pub fn set_deadlines(
    conn: &mut DbConnection,
    id: i64,
    acknowledge_by: NaiveDate,
    decide_by: NaiveDate,
) -> QueryResult<()> {
    diesel::update(appeals::table.filter(appeals::id.eq(id)))
        .set((
            appeals::acknowledge_by.eq(acknowledge_by),
            appeals::decide_by.eq(decide_by),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The open appeals of an agency, for recomputing their deadlines.
pub fn open_of_agency(conn: &mut DbConnection, agency_id: i64) -> QueryResult<Vec<AppealRow>> {
    appeals::table
        .filter(appeals::agency_id.eq(agency_id))
        .filter(appeals::state.ne_all(["closed", "withdrawn"]))
        .select(AppealRow::as_select())
        .load(conn)
}

/// One entry of a case's history.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = appeal_entries)]
pub struct EntryRow {
    pub id: i64,
    pub appeal_id: i64,
    pub occurred_at: NaiveDateTime,
    pub author: String,
    pub author_user_id: Option<i64>,
    pub kind: String,
    pub visibility: String,
    pub body: String,
}

/// A new entry.
#[derive(Debug, Insertable)]
#[diesel(table_name = appeal_entries)]
pub struct NewEntry<'a> {
    pub appeal_id: i64,
    pub occurred_at: NaiveDateTime,
    pub author: &'a str,
    pub author_user_id: Option<i64>,
    pub kind: &'a str,
    pub visibility: &'a str,
    pub body: &'a str,
}

/// Appends an entry to the case history.
pub fn add_entry(conn: &mut DbConnection, entry: &NewEntry<'_>) -> QueryResult<()> {
    diesel::insert_into(appeal_entries::table)
        .values(entry)
        .execute(conn)
        .map(|_| ())
}

/// The case history, oldest first.
pub fn entries(conn: &mut DbConnection, appeal_id: i64) -> QueryResult<Vec<EntryRow>> {
    appeal_entries::table
        .filter(appeal_entries::appeal_id.eq(appeal_id))
        .order(appeal_entries::id.asc())
        .select(EntryRow::as_select())
        .load(conn)
}

/// The pauses of the decide clock, oldest first.
pub fn pauses(
    conn: &mut DbConnection,
    appeal_id: i64,
) -> QueryResult<Vec<crate::domain::calendar::Pause>> {
    let rows: Vec<(NaiveDate, Option<NaiveDate>)> = appeal_pauses::table
        .filter(appeal_pauses::appeal_id.eq(appeal_id))
        .order(appeal_pauses::id.asc())
        .select((appeal_pauses::started_on, appeal_pauses::ended_on))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(from, until)| crate::domain::calendar::Pause { from, until })
        .collect())
}

/// The pauses of several appeals in one query: each appeal's pauses in the order [`pauses`]
/// gives them (oldest first). Appeals without a pause are absent.
pub fn pauses_of(
    conn: &mut DbConnection,
    appeal_ids: &[i64],
) -> QueryResult<std::collections::HashMap<i64, Vec<crate::domain::calendar::Pause>>> {
    let rows: Vec<(i64, NaiveDate, Option<NaiveDate>)> = appeal_pauses::table
        .filter(appeal_pauses::appeal_id.eq_any(appeal_ids))
        .order((appeal_pauses::appeal_id.asc(), appeal_pauses::id.asc()))
        .select((
            appeal_pauses::appeal_id,
            appeal_pauses::started_on,
            appeal_pauses::ended_on,
        ))
        .load(conn)?;
    let mut pauses: std::collections::HashMap<i64, Vec<crate::domain::calendar::Pause>> =
        std::collections::HashMap::new();
    for (appeal_id, from, until) in rows {
        pauses
            .entry(appeal_id)
            .or_default()
            .push(crate::domain::calendar::Pause { from, until });
    }
    Ok(pauses)
}

/// Stops the decide clock from `on`.
pub fn start_pause(conn: &mut DbConnection, appeal_id: i64, on: NaiveDate) -> QueryResult<()> {
    diesel::insert_into(appeal_pauses::table)
        .values((
            appeal_pauses::appeal_id.eq(appeal_id),
            appeal_pauses::started_on.eq(on),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Ends the open pause: the clock runs again from `on`.
pub fn end_pause(conn: &mut DbConnection, appeal_id: i64, on: NaiveDate) -> QueryResult<()> {
    diesel::update(
        appeal_pauses::table
            .filter(appeal_pauses::appeal_id.eq(appeal_id))
            .filter(appeal_pauses::ended_on.is_null()),
    )
    .set(appeal_pauses::ended_on.eq(on))
    .execute(conn)
    .map(|_| ())
}

/// An evidence file's record.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = appeal_attachments)]
pub struct AttachmentRow {
    pub id: i64,
    pub appeal_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub blob_key: String,
    pub added_by: String,
    pub added_at: NaiveDateTime,
}

/// A new evidence file's record.
#[derive(Debug, Insertable)]
#[diesel(table_name = appeal_attachments)]
pub struct NewAttachment<'a> {
    pub appeal_id: i64,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub sha256: &'a str,
    pub blob_key: &'a str,
    pub added_by: &'a str,
    pub added_at: NaiveDateTime,
}

/// Records evidence files; a file already on the appeal (same SHA-256) is kept once.
pub fn add_attachments(conn: &mut DbConnection, rows: &[NewAttachment<'_>]) -> QueryResult<()> {
    for row in rows {
        let exists: bool = diesel::select(diesel::dsl::exists(
            appeal_attachments::table
                .filter(appeal_attachments::appeal_id.eq(row.appeal_id))
                .filter(appeal_attachments::sha256.eq(row.sha256)),
        ))
        .get_result(conn)?;
        if !exists {
            diesel::insert_into(appeal_attachments::table)
                .values(row)
                .execute(conn)?;
        }
    }
    Ok(())
}

/// An appeal's evidence, in the order it arrived.
pub fn attachments(conn: &mut DbConnection, appeal_id: i64) -> QueryResult<Vec<AttachmentRow>> {
    appeal_attachments::table
        .filter(appeal_attachments::appeal_id.eq(appeal_id))
        .order(appeal_attachments::id.asc())
        .select(AttachmentRow::as_select())
        .load(conn)
}

/// The appeals filed with the contact address `email` (in lower case) or on one of the
/// decisions `decision_ids`, oldest first.
pub fn of_citizen(
    conn: &mut DbConnection,
    email: &str,
    decision_ids: &[i64],
) -> QueryResult<Vec<AppealRow>> {
    appeals::table
        .filter(
            lower(appeals::contact_email.nullable())
                .eq(email)
                .or(appeals::decision_id.eq_any(decision_ids)),
        )
        .order(appeals::id)
        .select(AppealRow::as_select())
        .load(conn)
}

/// Whether any appeal was filed with the contact address `email` (in lower case).
pub fn contact_known(conn: &mut DbConnection, email: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        appeals::table.filter(lower(appeals::contact_email.nullable()).eq(email)),
    ))
    .get_result(conn)
}
