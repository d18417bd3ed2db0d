//! The agency calendar page for administrators: the year's days off on the agency's calendar,
//! with why each is off, and the dated exceptions they may add or remove
//! (`services::calendar::put_exception` / `remove_exception`, which recount open deadlines).

use super::appeals::clock::calendar_date;
use super::calendar::for_agency;
use super::ServiceError;
use crate::db::models::agency;
use crate::db::schema::appeals;
use crate::db::DbConnection;
use crate::domain::calendar::{DayOffReason, ExceptionKind};
use crate::domain::stored;
use app::port::StaffPrincipal;
use app::types::{AgencyCalendarView, CalendarExceptionView, Role, SkippedView, SkippedWhy};
use chrono::Datelike;
use diesel::prelude::*;

/// The calendar of `slug` for `year` (0: this year where the agency works); administrators
/// only (`NotFound` for everyone else).
pub fn view(
    conn: &mut DbConnection,
    principal: &StaffPrincipal,
    slug: &str,
    year: i32,
) -> Result<AgencyCalendarView, ServiceError> {
    if principal.role != Role::Admin {
        return Err(ServiceError::NotFound);
    }
    let owner = agency::find_by_slug(conn, slug)?.ok_or(ServiceError::NotFound)?;
    let year = match year {
        0 => super::appeals::case::local_today(chrono::Utc::now(), &owner.time_zone).year(),
        // Holidays are entered from 2024; a year far outside any deadline is not asked for.
        year => year.clamp(2000, 2100),
    };
    let terms = for_agency(conn, &owner)?;
    let days_off = terms
        .calendar
        .days_off_in(year)
        .into_iter()
        .map(|day| SkippedView {
            first: calendar_date(day.date),
            last: calendar_date(day.date),
            why: match day.reason {
                DayOffReason::Holiday(key) => SkippedWhy::Holiday { key },
                DayOffReason::MovedFrom { key, .. } => SkippedWhy::MovedHoliday { key },
                DayOffReason::Exception(note) => SkippedWhy::AgencyDayOff { note },
            },
        })
        .collect();
    let exceptions = terms
        .calendar
        .exceptions()
        .filter(|e| e.date.year() == year)
        .map(|e| CalendarExceptionView {
            date: e.date.format("%Y-%m-%d").to_string(),
            day: calendar_date(e.date),
            day_off: e.kind == ExceptionKind::DayOff,
            note: e.note.clone(),
        })
        .collect();
    let open_appeals = appeals::table
        .filter(appeals::agency_id.eq(owner.id))
        .filter(appeals::state.ne_all(["closed", "withdrawn"]))
        .count()
        .get_result(conn)?;
    Ok(AgencyCalendarView {
        agency_slug: owner.slug,
        agency_name: stored::document(&owner.name_json, "agency name")?,
        year,
        days_off,
        exceptions,
        open_appeals,
    })
}
