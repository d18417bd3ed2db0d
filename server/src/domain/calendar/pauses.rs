//! Pauses of the clock. An agency that asks the citizen for information stops counting until
//! the answer arrives.
//!
//! Convention: a pause covers the days from `from` (inclusive) up to `until` (exclusive), so
//! the clock runs again on `until`, the day the information arrived, which counts when it is a
//! working day. Only working days are lost to a pause; a weekend or holiday inside it is
//! reported as what it is. A pause without `until` has not ended: once the count reaches it
//! the due date cannot be known, and the result says so instead of guessing.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One stop of the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    /// The first day not counted.
    pub from: NaiveDate,
    /// The day counting resumes; `None` while the clock is still stopped.
    pub until: Option<NaiveDate>,
}

/// A deadline that is either known or waiting on a pause that has not ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClockStatus<T> {
    Due(T),
    OnHold(OnHold),
}

/// Where the count stood when it met a pause that has not ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnHold {
    /// When the unended pause began.
    pub since: NaiveDate,
    /// Days counted before it, in the deadline's unit.
    pub counted: u32,
    /// Days still to count once the clock runs again.
    pub remaining: u32,
}

impl<T> ClockStatus<T> {
    /// The deadline, if it is known.
    pub fn due(self) -> Option<T> {
        match self {
            Self::Due(deadline) => Some(deadline),
            Self::OnHold(_) => None,
        }
    }
}

/// Whether the clock runs on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ClockAt {
    Running,
    Paused,
    /// Inside a pause that has not ended, which began on `since`.
    Stopped {
        since: NaiveDate,
    },
}

impl Pause {
    /// A pause that ended: the clock runs again on `until`.
    pub fn ended(from: NaiveDate, until: NaiveDate) -> Self {
        Self {
            from,
            until: Some(until),
        }
    }

    /// A pause that has not ended yet.
    pub fn open(from: NaiveDate) -> Self {
        Self { from, until: None }
    }

    /// Whether the pause covers `date`. A pause whose `until` is not after `from` covers
    /// nothing.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from <= date && self.until.is_none_or(|until| date < until)
    }
}

/// The clock on `date` under all `pauses`: an unended pause wins over an ended one, and of
/// two unended pauses the earlier start is reported.
pub(super) fn clock_at(pauses: &[Pause], date: NaiveDate) -> ClockAt {
    let covering = pauses.iter().filter(|pause| pause.covers(date));
    let mut clock = ClockAt::Running;
    for pause in covering {
        clock = match (pause.until, clock) {
            (None, ClockAt::Stopped { since }) => ClockAt::Stopped {
                since: since.min(pause.from),
            },
            (None, _) => ClockAt::Stopped { since: pause.from },
            (Some(_), ClockAt::Stopped { since }) => ClockAt::Stopped { since },
            (Some(_), _) => ClockAt::Paused,
        };
    }
    clock
}

#[cfg(test)]
mod tests {
    use super::super::test_support::date;
    use super::*;

    #[test]
    fn a_pause_counts_its_first_day_but_not_its_resume_day() {
        let pause = Pause::ended(date(2025, 4, 7), date(2025, 4, 10));
        assert!(!pause.covers(date(2025, 4, 6)));
        assert!(pause.covers(date(2025, 4, 7)));
        assert!(pause.covers(date(2025, 4, 9)));
        assert!(!pause.covers(date(2025, 4, 10)));
    }

    #[test]
    fn an_unended_pause_covers_every_later_day() {
        let pause = Pause::open(date(2025, 4, 7));
        assert!(pause.covers(date(2030, 1, 1)));
        assert!(!pause.covers(date(2025, 4, 6)));
    }

    #[test]
    fn a_pause_that_ends_before_it_starts_covers_nothing() {
        let pause = Pause::ended(date(2025, 4, 10), date(2025, 4, 7));
        assert!(!pause.covers(date(2025, 4, 8)));
        assert!(!pause.covers(date(2025, 4, 10)));
    }

    #[test]
    fn an_unended_pause_outweighs_an_ended_one_and_the_earliest_start_is_named() {
        let pauses = [
            Pause::ended(date(2025, 4, 1), date(2025, 4, 30)),
            Pause::open(date(2025, 4, 9)),
            Pause::open(date(2025, 4, 5)),
        ];
        assert_eq!(clock_at(&pauses, date(2025, 4, 2)), ClockAt::Paused);
        assert_eq!(
            clock_at(&pauses, date(2025, 4, 7)),
            ClockAt::Stopped {
                since: date(2025, 4, 5)
            }
        );
        assert_eq!(
            clock_at(&pauses, date(2025, 4, 10)),
            ClockAt::Stopped {
                since: date(2025, 4, 5)
            }
        );
        assert_eq!(clock_at(&[], date(2025, 4, 10)), ClockAt::Running);
    }

    #[test]
    fn a_pause_reads_back_from_json_with_an_empty_end_while_open() {
        let json = serde_json::to_string(&Pause::open(date(2025, 4, 7))).unwrap();
        assert_eq!(json, r#"{"from":"2025-04-07","until":null}"#);
        let back: Pause = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Pause::open(date(2025, 4, 7)));
    }

    #[test]
    fn a_known_deadline_is_given_and_an_unknown_one_is_not() {
        let known: ClockStatus<u32> = ClockStatus::Due(3);
        let unknown: ClockStatus<u32> = ClockStatus::OnHold(OnHold {
            since: date(2025, 4, 7),
            counted: 2,
            remaining: 13,
        });
        assert_eq!(known.due(), Some(3));
        assert_eq!(unknown.due(), None);
    }
}
