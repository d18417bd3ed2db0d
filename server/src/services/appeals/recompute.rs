//! Deadlines after a calendar change: a holiday added or removed moves the due dates of the
//! agency's open appeals, counted again from their start with their pauses. An extension is a
//! date a supervisor announced to the citizen, so it stays as it was.

use crate::db::models::appeal;
use crate::db::DbConnection;
use crate::domain::calendar::{ClockStatus, Pause};
use crate::services::calendar::AgencyCalendar;

/// Recounts the open appeals of `agency_id` on `terms`; returns how many changed. Call inside
/// the transaction that changed the calendar.
pub fn open_deadlines(
    conn: &mut DbConnection,
    agency_id: i64,
    terms: &AgencyCalendar,
) -> anyhow::Result<usize> {
    let mut changed = 0;
    for row in appeal::open_of_agency(conn, agency_id)? {
        let pauses: Vec<Pause> = appeal::pauses(conn, row.id)?;
        let acknowledge_by = terms
            .profile
            .acknowledge_by(row.filed_on, &terms.calendar)
            .due;
        let decide_by = match (
            row.extended_to,
            terms
                .profile
                .decide_by(row.decide_from, &pauses, &terms.calendar),
        ) {
            (Some(extended), _) => extended,
            (None, ClockStatus::Due(deadline)) => deadline.due,
            // While the clock is stopped the stored date stands; the answer recounts it.
            (None, ClockStatus::OnHold(_)) => row.decide_by,
        };
        if (acknowledge_by, decide_by) != (row.acknowledge_by, row.decide_by) {
            appeal::set_deadlines(conn, row.id, acknowledge_by, decide_by)?;
            crate::services::stats::upkeep::refresh_appeal(conn, row.id)?;
            changed += 1;
        }
    }
    Ok(changed)
}
