//! Dated exceptions that administrators enter: the Government's yearly decree that swaps
//! working days and days off, or a holiday date announced after the rules were written (the
//! first day of Kurban Ait of a new year). An exception overrides every rule for its date.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What an exception makes of its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExceptionKind {
    /// The date is a day off, whatever the rules say.
    DayOff,
    /// The date is a working day, even on a weekend or holiday.
    WorkingDay,
}

impl ExceptionKind {
    /// The stored and typed code: `day_off` or `working_day`.
    pub fn as_str(self) -> &'static str {
        match self {
            ExceptionKind::DayOff => "day_off",
            ExceptionKind::WorkingDay => "working_day",
        }
    }

    /// Reads a code as stored or typed on the command line (`day-off` too).
    pub fn parse(code: &str) -> Option<ExceptionKind> {
        match code.trim().replace('-', "_").as_str() {
            "day_off" => Some(ExceptionKind::DayOff),
            "working_day" => Some(ExceptionKind::WorkingDay),
            _ => None,
        }
    }
}

/// One dated exception to the rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarException {
    pub date: NaiveDate,
    pub kind: ExceptionKind,
    /// Why, in the administrator's words (the decree, or the holiday): shown to citizens as
    /// the reason a day was skipped.
    pub note: String,
}

impl CalendarException {
    /// A date made a day off.
    pub fn day_off(date: NaiveDate, note: &str) -> Self {
        Self {
            date,
            kind: ExceptionKind::DayOff,
            note: note.to_owned(),
        }
    }

    /// A date made a working day.
    pub fn working_day(date: NaiveDate, note: &str) -> Self {
        Self {
            date,
            kind: ExceptionKind::WorkingDay,
            note: note.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exception_reads_back_from_json_as_entered() {
        let exception = CalendarException::working_day(
            NaiveDate::from_ymd_opt(2024, 5, 18).unwrap(),
            "Government decree: working Saturday",
        );
        let json = serde_json::to_string(&exception).unwrap();
        assert!(json.contains("\"kind\":\"working_day\""));
        assert!(json.contains("\"date\":\"2024-05-18\""));
        let back: CalendarException = serde_json::from_str(&json).unwrap();
        assert_eq!(back, exception);
    }

    #[test]
    fn the_two_constructors_set_the_kind_they_name() {
        let date = NaiveDate::from_ymd_opt(2024, 5, 8).unwrap();
        assert_eq!(
            CalendarException::day_off(date, "bridge").kind,
            ExceptionKind::DayOff
        );
        assert_eq!(
            CalendarException::working_day(date, "swap").kind,
            ExceptionKind::WorkingDay
        );
    }
}
