//! An agency's working-day calendar and deadline terms: reading them to count deadlines, and
//! the dated exceptions its administrators add (docs/deadlines.md). The counting itself is
//! pure and lives in `domain::calendar`; this module only loads and stores what it needs.

use super::error::{problem, ServiceError};
use crate::db::models::agency::{self, Agency};
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::models::calendar_exception::{self, NewException};
use crate::db::{write_transaction, DbConnection};
use crate::domain::calendar::{
    CalendarException, Deadline, DeadlineProfile, ExceptionKind, WorkingCalendar,
};
use crate::domain::stored;
use chrono::{NaiveDate, NaiveDateTime};

/// The longest note an exception may carry (it is shown beside the day it explains).
const NOTE_MAX_CHARS: usize = 200;

/// How an agency counts its deadlines.
pub struct AgencyCalendar {
    pub calendar: WorkingCalendar,
    pub profile: DeadlineProfile,
}

/// The calendar and terms of `agency`: the country's holiday rules with the agency's
/// exceptions, and its deadline profile. The challenge window is the agency's own column,
/// which explanations already show, so the profile takes it from there.
pub fn for_agency(conn: &mut DbConnection, agency: &Agency) -> anyhow::Result<AgencyCalendar> {
    let exceptions = calendar_exception::for_agency(conn, agency.id)?
        .into_iter()
        .map(|row| {
            let kind = ExceptionKind::parse(&row.kind)
                .ok_or_else(|| anyhow::anyhow!("stored calendar exception kind {:?}", row.kind))?;
            Ok(CalendarException {
                date: row.day,
                kind,
                note: row.note,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let mut profile: DeadlineProfile =
        stored::document(&agency.deadline_profile_json, "deadline profile")?;
    profile.challenge_window_months = agency.challenge_window_months.max(0) as u32;
    Ok(AgencyCalendar {
        calendar: WorkingCalendar::kazakhstan(exceptions),
        profile,
    })
}

/// `working_days` working days after `from` on the calendar of the agency `slug`, with the
/// days the count skipped: what `redress deadline` prints and the workflow uses.
pub fn deadline(
    conn: &mut DbConnection,
    agency_slug: &str,
    from: NaiveDate,
    working_days: u32,
) -> Result<Deadline, ServiceError> {
    let agency = agency::find_by_slug(conn, agency_slug)?.ok_or(ServiceError::NotFound)?;
    let AgencyCalendar { calendar, .. } = for_agency(conn, &agency)?;
    Ok(calendar.add_working_days(from, working_days))
}

/// Makes `day` a day off or a working day on the agency's calendar (replacing an exception
/// already on that day), audited as the actor's change.
pub fn put_exception(
    conn: &mut DbConnection,
    actor: Actor,
    agency_slug: &str,
    day: NaiveDate,
    kind: ExceptionKind,
    note: &str,
    now: NaiveDateTime,
) -> Result<(), ServiceError> {
    let note = note.trim();
    if note.is_empty() {
        return Err(ServiceError::Invalid(vec![problem(
            "note",
            "is required: say why the day changes (the decree, the holiday)",
        )]));
    }
    if note.chars().count() > NOTE_MAX_CHARS {
        return Err(ServiceError::Invalid(vec![problem(
            "note",
            format!("must be at most {NOTE_MAX_CHARS} characters"),
        )]));
    }
    let agency = agency::find_by_slug(conn, agency_slug)?.ok_or(ServiceError::NotFound)?;
    write_transaction(conn, |conn| -> Result<(), ServiceError> {
        calendar_exception::put(
            conn,
            NewException {
                agency_id: agency.id,
                day,
                kind: kind.as_str(),
                note,
                created_at: now,
            },
        )?;
        audit::append(
            conn,
            AuditEvent {
                actor,
                action: "calendar.exception_set",
                subject_kind: "agency",
                subject_id: agency.slug.clone(),
                details: serde_json::json!({
                    "day": day.to_string(),
                    "kind": kind.as_str(),
                    "note": note,
                }),
            },
            now,
        )?;
        recount_open_appeals(conn, &agency)
    })
}

/// Open appeals' deadlines follow the calendar they are counted on.
fn recount_open_appeals(conn: &mut DbConnection, agency: &Agency) -> Result<(), ServiceError> {
    let terms = for_agency(conn, agency)?;
    let changed = super::appeals::recompute::open_deadlines(conn, agency.id, &terms)?;
    if changed > 0 {
        tracing::info!(agency = %agency.slug, changed, "open appeal deadlines recounted");
    }
    Ok(())
}

/// Removes the agency's exception on `day`, audited; `NotFound` when there was none.
pub fn remove_exception(
    conn: &mut DbConnection,
    actor: Actor,
    agency_slug: &str,
    day: NaiveDate,
    now: NaiveDateTime,
) -> Result<(), ServiceError> {
    let agency = agency::find_by_slug(conn, agency_slug)?.ok_or(ServiceError::NotFound)?;
    let removed = write_transaction(conn, |conn| -> Result<bool, ServiceError> {
        if !calendar_exception::remove(conn, agency.id, day)? {
            return Ok(false);
        }
        audit::append(
            conn,
            AuditEvent {
                actor,
                action: "calendar.exception_removed",
                subject_kind: "agency",
                subject_id: agency.slug.clone(),
                details: serde_json::json!({ "day": day.to_string() }),
            },
            now,
        )?;
        recount_open_appeals(conn, &agency)?;
        Ok(true)
    })?;
    removed.then_some(()).ok_or(ServiceError::NotFound)
}
