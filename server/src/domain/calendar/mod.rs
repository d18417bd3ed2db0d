//! Working days and deadlines on an agency's calendar.
//!
//! Agencies must answer a challenge within terms counted in working days, and a working day
//! is not a weekday: holidays close offices, a state holiday that falls on a weekend gives a
//! day off on the next working day, religious days off are not moved, and the Government
//! swaps working days and days off by yearly decree. A citizen who is told "15 working days"
//! must get the same date the agency gets, so the arithmetic lives here, once, as pure
//! functions of dates the caller passes: no clock, no storage.
//!
//! - [`day_rules`]: holidays as dated rules, with Kazakhstan's from 2024 on.
//! - [`exceptions`]: administrators' dated exceptions (decree swaps, newly announced dates).
//! - [`weekend`]: the weekly days off, configurable per country.
//! - [`days_off`]: a year's days off, with the weekend replacement rule.
//! - [`working_calendar`]: which days are worked.
//! - [`deadline`]: counting working days from the day after an event, with the skipped days.
//! - [`pauses`]: stopping the clock while the agency waits for information.
//! - [`months`]: calendar-month windows.
//! - [`period`]: periods in working days, calendar days or months.
//! - [`profile`]: an agency's terms as data.

pub mod day_rules;
pub mod days_off;
pub mod deadline;
pub mod exceptions;
pub mod months;
pub mod pauses;
pub mod period;
pub mod profile;
#[cfg(test)]
mod test_support;
pub mod weekend;
pub mod working_calendar;

pub use day_rules::{
    holidays_in, kazakhstan_rules, HolidayDate, HolidayKind, HolidayOccurrence, HolidayRule,
    KAZAKHSTAN_RULES_FROM,
};
pub use days_off::{DayOff, DayOffReason};
pub use deadline::{group_skipped_days, Deadline, SkippedDay, SkippedRange, SkippedReason};
pub use exceptions::{CalendarException, ExceptionKind};
pub use months::add_months_clamped;
pub use pauses::{ClockStatus, OnHold, Pause};
pub use period::{count_period, count_period_with_pauses, Period, PeriodDeadline, PeriodUnit};
pub use profile::{DeadlineProfile, ExtensionRefusal};
pub use weekend::{Weekend, WeekendError};
pub use working_calendar::{DayKind, WorkingCalendar};
