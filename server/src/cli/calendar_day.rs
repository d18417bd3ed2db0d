//! `redress set-calendar-day` and `clear-calendar-day`: an agency admin's dated exceptions to
//! the holiday rules (the government's yearly swap of days, a newly announced holiday).

use crate::config::Settings;
use crate::db::models::audit::Actor;
use crate::domain::calendar::ExceptionKind;
use crate::services::{calendar, ServiceError};
use chrono::NaiveDate;

fn parse_date(text: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| anyhow::anyhow!("--date must be a date as YYYY-MM-DD"))
}

/// Makes `date` a day off or a working day for the agency.
pub fn set(
    settings: &Settings,
    agency: &str,
    date: &str,
    kind: &str,
    note: &str,
) -> anyhow::Result<()> {
    let date = parse_date(date)?;
    let kind = ExceptionKind::parse(kind)
        .ok_or_else(|| anyhow::anyhow!("--kind must be day-off or working-day"))?;
    let mut conn = super::connection(settings)?;
    let now = chrono::Utc::now().naive_utc();
    calendar::put_exception(
        &mut conn,
        Actor::operator("set-calendar-day"),
        agency,
        date,
        kind,
        note,
        now,
    )
    .map_err(super::agency_refusal(agency))?;
    println!(
        "{date} is now a {} for {agency}",
        kind.as_str().replace('_', " ")
    );
    Ok(())
}

/// Removes the agency's exception on `date`, so the holiday rules apply again.
pub fn clear(settings: &Settings, agency: &str, date: &str) -> anyhow::Result<()> {
    let date = parse_date(date)?;
    let mut conn = super::connection(settings)?;
    let now = chrono::Utc::now().naive_utc();
    match calendar::remove_exception(
        &mut conn,
        Actor::operator("clear-calendar-day"),
        agency,
        date,
        now,
    ) {
        Ok(()) => {
            println!("{date} follows the holiday rules again for {agency}");
            Ok(())
        }
        Err(ServiceError::NotFound) => {
            anyhow::bail!("{agency} has no exception on {date} (or --agency is not an agency)")
        }
        Err(other) => Err(super::refusal(other)),
    }
}
