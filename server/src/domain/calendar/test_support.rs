//! Helpers shared by the calendar's unit tests.

use super::days_off::DayOffReason;
use super::working_calendar::WorkingCalendar;
use chrono::NaiveDate;

pub fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

pub fn holiday(key: &str) -> DayOffReason {
    DayOffReason::Holiday(key.to_owned())
}

pub fn moved(key: &str, from: NaiveDate) -> DayOffReason {
    DayOffReason::MovedFrom {
        key: key.to_owned(),
        date: from,
    }
}

pub fn kazakhstan() -> WorkingCalendar {
    WorkingCalendar::kazakhstan(Vec::new())
}
