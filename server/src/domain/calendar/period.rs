//! Periods as data: an amount and a unit. Kazakhstan counts most administrative terms in
//! working days, other systems in calendar days or months, and an agency's profile says which.

use super::deadline::{group_skipped_days, SkippedDay, SkippedRange, SkippedReason};
use super::months::add_months_clamped;
use super::pauses::{clock_at, ClockAt, ClockStatus, OnHold, Pause};
use super::working_calendar::WorkingCalendar;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What a period counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodUnit {
    /// Days worked on the agency's calendar, from the day after the event.
    WorkingDays,
    /// Every day, from the day after the event.
    CalendarDays,
    /// Calendar months, to the same day of the month or the month's last day.
    Months,
}

/// A length of time, such as 15 working days or one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    pub amount: u32,
    pub unit: PeriodUnit,
}

impl Period {
    pub const fn working_days(amount: u32) -> Self {
        Self {
            amount,
            unit: PeriodUnit::WorkingDays,
        }
    }

    pub const fn calendar_days(amount: u32) -> Self {
        Self {
            amount,
            unit: PeriodUnit::CalendarDays,
        }
    }

    pub const fn months(amount: u32) -> Self {
        Self {
            amount,
            unit: PeriodUnit::Months,
        }
    }
}

/// A due date reached by counting a period, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodDeadline {
    pub start: NaiveDate,
    pub period: Period,
    pub due: NaiveDate,
    /// Days not counted, in date order: weekends and days off for working days, paused days
    /// for every unit.
    pub skipped: Vec<SkippedDay>,
}

impl PeriodDeadline {
    /// The skipped days other than plain weekends, grouped into ranges.
    pub fn skipped_ranges(&self) -> Vec<SkippedRange> {
        group_skipped_days(&self.skipped)
    }
}

/// The end of `period` after `start` with no pauses.
pub fn count_period(
    calendar: &WorkingCalendar,
    start: NaiveDate,
    period: Period,
) -> PeriodDeadline {
    count(calendar, start, period, &[]).0
}

/// The end of `period` after `start`, not counting paused days.
///
/// Working days follow [`WorkingCalendar::add_working_days_with_pauses`]. Calendar days lose
/// every paused day. A period in months is first turned into the calendar days it spans from
/// `start` and then counted as calendar days, so without pauses it ends exactly on the same
/// day of the month, and each paused day pushes it one day later; an [`OnHold`] then counts
/// calendar days.
pub fn count_period_with_pauses(
    calendar: &WorkingCalendar,
    start: NaiveDate,
    period: Period,
    pauses: &[Pause],
) -> ClockStatus<PeriodDeadline> {
    match count(calendar, start, period, pauses) {
        (_, Some(held)) => ClockStatus::OnHold(held),
        (deadline, None) => ClockStatus::Due(deadline),
    }
}

/// The deadline (or the last day counted, when held) and the hold, if any.
fn count(
    calendar: &WorkingCalendar,
    start: NaiveDate,
    period: Period,
    pauses: &[Pause],
) -> (PeriodDeadline, Option<OnHold>) {
    match period.unit {
        PeriodUnit::WorkingDays => {
            let counted = calendar.count_working_days(start, period.amount, pauses);
            let deadline = PeriodDeadline {
                start,
                period,
                due: counted.deadline.due,
                skipped: counted.deadline.skipped,
            };
            (deadline, counted.held)
        }
        PeriodUnit::CalendarDays => count_calendar_days(start, period, period.amount, pauses),
        PeriodUnit::Months => {
            let end = add_months_clamped(start, period.amount);
            let spanned = u32::try_from((end - start).num_days()).unwrap_or(u32::MAX);
            count_calendar_days(start, period, spanned, pauses)
        }
    }
}

fn count_calendar_days(
    start: NaiveDate,
    period: Period,
    days: u32,
    pauses: &[Pause],
) -> (PeriodDeadline, Option<OnHold>) {
    let mut deadline = PeriodDeadline {
        start,
        period,
        due: start,
        skipped: Vec::new(),
    };
    let mut counted = 0;
    let mut date = start;
    while counted < days {
        let Some(next) = date.succ_opt() else {
            break;
        };
        date = next;
        match clock_at(pauses, date) {
            ClockAt::Running => {
                counted += 1;
                deadline.due = date;
            }
            ClockAt::Paused => deadline.skipped.push(SkippedDay {
                date,
                reason: SkippedReason::Paused,
            }),
            ClockAt::Stopped { since } => {
                let held = OnHold {
                    since,
                    counted,
                    remaining: days - counted,
                };
                return (deadline, Some(held));
            }
        }
    }
    (deadline, None)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{date, kazakhstan};
    use super::*;

    #[test]
    fn a_working_day_period_matches_the_calendar_count() {
        let calendar = kazakhstan();
        let deadline = count_period(&calendar, date(2024, 3, 3), Period::working_days(15));
        let plain = calendar.add_working_days(date(2024, 3, 3), 15);
        assert_eq!(deadline.due, plain.due);
        assert_eq!(deadline.skipped, plain.skipped);
        assert_eq!(deadline.period, Period::working_days(15));
    }

    #[test]
    fn a_calendar_day_period_ignores_weekends_and_holidays() {
        let deadline = count_period(&kazakhstan(), date(2024, 3, 3), Period::calendar_days(30));
        assert_eq!(deadline.due, date(2024, 4, 2));
        assert!(deadline.skipped.is_empty());
    }

    #[test]
    fn a_month_period_ends_on_the_same_day_of_the_month_or_the_last_day() {
        let calendar = kazakhstan();
        assert_eq!(
            count_period(&calendar, date(2025, 1, 31), Period::months(1)).due,
            date(2025, 2, 28)
        );
        assert_eq!(
            count_period(&calendar, date(2025, 3, 8), Period::months(1)).due,
            date(2025, 4, 8)
        );
    }

    #[test]
    fn paused_days_push_a_calendar_day_period_day_for_day() {
        let pauses = [Pause::ended(date(2025, 4, 10), date(2025, 4, 15))];
        let deadline = count_period_with_pauses(
            &kazakhstan(),
            date(2025, 4, 1),
            Period::calendar_days(10),
            &pauses,
        )
        .due()
        .unwrap();
        assert_eq!(deadline.due, date(2025, 4, 16));
        assert_eq!(deadline.skipped.len(), 5);
    }

    #[test]
    fn paused_days_push_a_month_period_day_for_day() {
        let pauses = [Pause::ended(date(2025, 4, 10), date(2025, 4, 13))];
        let deadline =
            count_period_with_pauses(&kazakhstan(), date(2025, 4, 1), Period::months(1), &pauses)
                .due()
                .unwrap();
        assert_eq!(deadline.due, date(2025, 5, 4));
    }

    #[test]
    fn an_unended_pause_holds_a_month_period_counting_calendar_days() {
        let pauses = [Pause::open(date(2025, 4, 11))];
        let status =
            count_period_with_pauses(&kazakhstan(), date(2025, 4, 1), Period::months(1), &pauses);
        assert_eq!(
            status,
            ClockStatus::OnHold(OnHold {
                since: date(2025, 4, 11),
                counted: 9,
                remaining: 21
            })
        );
    }

    #[test]
    fn an_unended_pause_holds_a_working_day_period() {
        let pauses = [Pause::open(date(2025, 4, 8))];
        let status = count_period_with_pauses(
            &kazakhstan(),
            date(2025, 4, 7),
            Period::working_days(15),
            &pauses,
        );
        assert_eq!(
            status,
            ClockStatus::OnHold(OnHold {
                since: date(2025, 4, 8),
                counted: 0,
                remaining: 15
            })
        );
    }

    #[test]
    fn a_period_reads_back_from_json_with_a_snake_case_unit() {
        let json = serde_json::to_string(&Period::working_days(15)).unwrap();
        assert_eq!(json, r#"{"amount":15,"unit":"working_days"}"#);
        let back: Period = serde_json::from_str(r#"{"amount":1,"unit":"months"}"#).unwrap();
        assert_eq!(back, Period::months(1));
    }
}
