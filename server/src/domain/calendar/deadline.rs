//! Deadlines in working days, with the days they skipped, so a page can say "15 working days
//! from 3 March, skipping 8 March and 21–23 March".
//!
//! Convention: counting starts the day after the event. "15 working days from 3 March" is the
//! 15th working day after 3 March, whatever 3 March itself is; zero working days is the
//! event's own date.

use super::days_off::DayOffReason;
use super::pauses::{clock_at, ClockAt, ClockStatus, OnHold, Pause};
use super::working_calendar::{DayKind, WorkingCalendar};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Why a day between the event and the due date was not counted.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkippedReason {
    /// A weekly day off that is not also a holiday.
    Weekend,
    /// A holiday, a replacement day or an exception day off.
    DayOff(DayOffReason),
    /// A working day on which the clock was paused.
    Paused,
}

/// A day not counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedDay {
    pub date: NaiveDate,
    pub reason: SkippedReason,
}

/// Consecutive skipped days with one reason, for a sentence such as "skipping 21–23 March".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedRange {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub reason: SkippedReason,
}

/// A due date and how it was reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// The event the count starts after (filing, decision).
    pub start: NaiveDate,
    pub working_days: u32,
    /// The last day to act: the `working_days`-th counted day after `start`.
    pub due: NaiveDate,
    /// Every day after `start` and before `due` that was not counted, in date order.
    pub skipped: Vec<SkippedDay>,
}

impl Deadline {
    /// The skipped days other than plain weekends, grouped into ranges.
    pub fn skipped_ranges(&self) -> Vec<SkippedRange> {
        group_skipped_days(&self.skipped)
    }
}

/// Groups skipped days other than plain weekends into ranges of consecutive dates with the
/// same reason. Two replacement days stay apart when they replace different holiday days, so
/// each range still says which day it replaces.
pub fn group_skipped_days(skipped: &[SkippedDay]) -> Vec<SkippedRange> {
    let mut ranges: Vec<SkippedRange> = Vec::new();
    for day in skipped {
        if day.reason == SkippedReason::Weekend {
            continue;
        }
        match ranges.last_mut() {
            Some(range)
                if range.reason == day.reason && range.last.succ_opt() == Some(day.date) =>
            {
                range.last = day.date;
            }
            _ => ranges.push(SkippedRange {
                first: day.date,
                last: day.date,
                reason: day.reason.clone(),
            }),
        }
    }
    ranges
}

/// A count that either reached its due date or met a pause that has not ended.
pub(super) struct Count {
    /// The due date when reached; otherwise the last day counted so far.
    pub(super) deadline: Deadline,
    pub(super) held: Option<OnHold>,
}

impl WorkingCalendar {
    /// The `working_days`-th working day after `start`, with the days skipped on the way.
    ///
    /// Counting never runs past the last date the calendar knows (the year 262143), which no
    /// real deadline reaches.
    pub fn add_working_days(&self, start: NaiveDate, working_days: u32) -> Deadline {
        self.count_working_days(start, working_days, &[]).deadline
    }

    /// As [`WorkingCalendar::add_working_days`], but working days on which the clock is
    /// paused do not count (see the pause convention in [`Pause`]). When the count reaches a
    /// pause that has not ended, the due date is unknown and [`ClockStatus::OnHold`] says how
    /// many days were counted and how many remain.
    pub fn add_working_days_with_pauses(
        &self,
        start: NaiveDate,
        working_days: u32,
        pauses: &[Pause],
    ) -> ClockStatus<Deadline> {
        let count = self.count_working_days(start, working_days, pauses);
        match count.held {
            Some(held) => ClockStatus::OnHold(held),
            None => ClockStatus::Due(count.deadline),
        }
    }

    pub(super) fn count_working_days(
        &self,
        start: NaiveDate,
        working_days: u32,
        pauses: &[Pause],
    ) -> Count {
        let mut deadline = Deadline {
            start,
            working_days,
            due: start,
            skipped: Vec::new(),
        };
        let mut counted = 0;
        if working_days == 0 {
            return Count {
                deadline,
                held: None,
            };
        }
        for (date, kind) in self.days_after(start) {
            let reason = match kind {
                DayKind::Weekend => SkippedReason::Weekend,
                DayKind::Off(reason) => SkippedReason::DayOff(reason),
                DayKind::Working => match clock_at(pauses, date) {
                    ClockAt::Paused => SkippedReason::Paused,
                    ClockAt::Stopped { since } => {
                        let held = OnHold {
                            since,
                            counted,
                            remaining: working_days - counted,
                        };
                        return Count {
                            deadline,
                            held: Some(held),
                        };
                    }
                    ClockAt::Running => {
                        counted += 1;
                        deadline.due = date;
                        if counted == working_days {
                            break;
                        }
                        continue;
                    }
                },
            };
            deadline.skipped.push(SkippedDay { date, reason });
        }
        Count {
            deadline,
            held: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::exceptions::CalendarException;
    use super::super::test_support::{date, kazakhstan};
    use super::super::weekend::Weekend;
    use super::*;
    use chrono::{Datelike, Days, Weekday};

    fn holiday(key: &str) -> SkippedReason {
        SkippedReason::DayOff(DayOffReason::Holiday(key.to_owned()))
    }

    fn moved(key: &str, from: NaiveDate) -> SkippedReason {
        SkippedReason::DayOff(DayOffReason::MovedFrom {
            key: key.to_owned(),
            date: from,
        })
    }

    fn range(first: NaiveDate, last: NaiveDate, reason: SkippedReason) -> SkippedRange {
        SkippedRange {
            first,
            last,
            reason,
        }
    }

    #[test]
    fn fifteen_working_days_from_3_march_2024_skip_womens_day_and_nauryz() {
        let deadline = kazakhstan().add_working_days(date(2024, 3, 3), 15);
        assert_eq!(deadline.due, date(2024, 3, 28));
        assert_eq!(
            deadline.skipped_ranges(),
            vec![
                range(
                    date(2024, 3, 8),
                    date(2024, 3, 8),
                    holiday("international_womens_day")
                ),
                range(
                    date(2024, 3, 21),
                    date(2024, 3, 23),
                    holiday("nauryz_meiramy")
                ),
                range(
                    date(2024, 3, 25),
                    date(2024, 3, 25),
                    moved("nauryz_meiramy", date(2024, 3, 23))
                ),
            ]
        );
    }

    #[test]
    fn the_event_day_is_not_counted_even_when_it_is_a_working_day() {
        // Monday 4 March 2024: one working day later is Tuesday.
        let deadline = kazakhstan().add_working_days(date(2024, 3, 4), 1);
        assert_eq!(deadline.due, date(2024, 3, 5));
        assert!(deadline.skipped.is_empty());
    }

    #[test]
    fn a_friday_event_with_one_working_day_is_due_monday_after_the_weekend() {
        let deadline = kazakhstan().add_working_days(date(2024, 2, 2), 1);
        assert_eq!(deadline.due, date(2024, 2, 5));
        assert_eq!(
            deadline.skipped,
            vec![
                SkippedDay {
                    date: date(2024, 2, 3),
                    reason: SkippedReason::Weekend
                },
                SkippedDay {
                    date: date(2024, 2, 4),
                    reason: SkippedReason::Weekend
                },
            ]
        );
        assert!(deadline.skipped_ranges().is_empty());
    }

    #[test]
    fn zero_working_days_is_due_on_the_event_day() {
        let deadline = kazakhstan().add_working_days(date(2024, 3, 9), 0);
        assert_eq!(deadline.due, date(2024, 3, 9));
        assert!(deadline.skipped.is_empty());
    }

    #[test]
    fn fifteen_working_days_from_20_december_2025_cross_new_year_and_christmas() {
        let deadline = kazakhstan().add_working_days(date(2025, 12, 20), 15);
        assert_eq!(deadline.due, date(2026, 1, 14));
        assert_eq!(
            deadline.skipped_ranges(),
            vec![
                range(date(2026, 1, 1), date(2026, 1, 2), holiday("new_year")),
                range(
                    date(2026, 1, 7),
                    date(2026, 1, 7),
                    holiday("orthodox_christmas")
                ),
            ]
        );
    }

    #[test]
    fn a_deadline_into_new_year_2028_skips_the_replacement_days() {
        // Friday 31 December 2027; 1–2 January 2028 fall on the weekend, so 3–4 January are
        // off and 7 January (Friday) is Christmas.
        let deadline = kazakhstan().add_working_days(date(2027, 12, 31), 3);
        assert_eq!(deadline.due, date(2028, 1, 10));
        assert_eq!(
            deadline.skipped_ranges(),
            vec![
                range(date(2028, 1, 1), date(2028, 1, 2), holiday("new_year")),
                range(
                    date(2028, 1, 3),
                    date(2028, 1, 3),
                    moved("new_year", date(2028, 1, 1))
                ),
                range(
                    date(2028, 1, 4),
                    date(2028, 1, 4),
                    moved("new_year", date(2028, 1, 2))
                ),
                range(
                    date(2028, 1, 7),
                    date(2028, 1, 7),
                    holiday("orthodox_christmas")
                ),
            ]
        );
    }

    #[test]
    fn a_decree_swap_moves_the_due_date_of_a_deadline_across_it() {
        let without = kazakhstan().add_working_days(date(2024, 5, 6), 5);
        // Tue 7 and Thu 9 May are holidays: Wed 8, Fri 10, Mon 13, Tue 14, Wed 15.
        assert_eq!(without.due, date(2024, 5, 15));
        let with_swap = WorkingCalendar::kazakhstan(vec![
            CalendarException::day_off(date(2024, 5, 8), "day off by decree"),
            CalendarException::working_day(date(2024, 5, 18), "working Saturday by decree"),
        ]);
        let swapped = with_swap.add_working_days(date(2024, 5, 6), 5);
        assert_eq!(swapped.due, date(2024, 5, 16));
        let reasons: Vec<(NaiveDate, SkippedReason)> = swapped
            .skipped_ranges()
            .into_iter()
            .map(|range| (range.first, range.reason))
            .collect();
        assert_eq!(
            reasons,
            vec![
                (date(2024, 5, 7), holiday("defender_of_the_fatherland_day")),
                (
                    date(2024, 5, 8),
                    SkippedReason::DayOff(DayOffReason::Exception("day off by decree".to_owned()))
                ),
                (date(2024, 5, 9), holiday("victory_day")),
            ]
        );
        // A deadline running over the working Saturday counts it.
        let over_saturday = with_swap.add_working_days(date(2024, 5, 17), 1);
        assert_eq!(over_saturday.due, date(2024, 5, 18));
    }

    #[test]
    fn an_unannounced_kurban_ait_is_counted_as_a_working_day() {
        // Around 17 May 2027 no Kurban Ait date is known yet: the week counts in full.
        let deadline = kazakhstan().add_working_days(date(2027, 5, 14), 5);
        assert_eq!(deadline.due, date(2027, 5, 21));
        assert!(deadline.skipped_ranges().is_empty());
    }

    #[test]
    fn a_friday_and_saturday_weekend_counts_sunday() {
        let weekend = Weekend::of(&[Weekday::Fri, Weekday::Sat]).unwrap();
        let calendar = WorkingCalendar::new(Vec::new(), Vec::new()).with_weekend(weekend);
        // Thursday 4 January 2024: Fri 5 and Sat 6 rest, Sunday 7 is the first working day.
        let deadline = calendar.add_working_days(date(2024, 1, 4), 1);
        assert_eq!(deadline.due, date(2024, 1, 7));
    }

    #[test]
    fn a_seven_day_working_week_counts_every_day() {
        let calendar =
            WorkingCalendar::new(Vec::new(), Vec::new()).with_weekend(Weekend::of(&[]).unwrap());
        let deadline = calendar.add_working_days(date(2024, 1, 4), 10);
        assert_eq!(deadline.due, date(2024, 1, 14));
        assert!(deadline.skipped.is_empty());
    }

    #[test]
    fn a_count_near_the_last_known_date_stops_there() {
        let calendar =
            WorkingCalendar::new(Vec::new(), Vec::new()).with_weekend(Weekend::of(&[]).unwrap());
        let start = NaiveDate::MAX.checked_sub_days(Days::new(2)).unwrap();
        assert_eq!(calendar.add_working_days(start, 10).due, NaiveDate::MAX);
    }

    #[test]
    fn a_paused_week_pushes_the_due_date_by_a_week() {
        let calendar = kazakhstan();
        // Filed Monday 7 April 2025; 15 working days are due Monday 28 April.
        assert_eq!(
            calendar.add_working_days(date(2025, 4, 7), 15).due,
            date(2025, 4, 28)
        );
        // The agency asked for information on Monday 14 April and got it on Monday 21.
        let pauses = [Pause::ended(date(2025, 4, 14), date(2025, 4, 21))];
        let deadline = calendar
            .add_working_days_with_pauses(date(2025, 4, 7), 15, &pauses)
            .due()
            .unwrap();
        assert_eq!(deadline.due, date(2025, 5, 6));
        assert_eq!(
            deadline.skipped_ranges(),
            vec![
                range(date(2025, 4, 14), date(2025, 4, 18), SkippedReason::Paused),
                range(
                    date(2025, 5, 1),
                    date(2025, 5, 1),
                    holiday("peoples_unity_day")
                ),
            ]
        );
        assert_eq!(
            calendar.working_days_between(date(2025, 4, 7), deadline.due),
            20
        );
    }

    #[test]
    fn the_day_the_information_arrives_counts_again() {
        let calendar = kazakhstan();
        // Paused on Tuesday 8 April 2025, resumed on Wednesday 9: only the Tuesday is lost.
        let pauses = [Pause::ended(date(2025, 4, 8), date(2025, 4, 9))];
        let deadline = calendar
            .add_working_days_with_pauses(date(2025, 4, 7), 2, &pauses)
            .due()
            .unwrap();
        assert_eq!(deadline.due, date(2025, 4, 10));
    }

    #[test]
    fn a_pause_over_a_weekend_loses_no_working_day() {
        let calendar = kazakhstan();
        let pauses = [Pause::ended(date(2025, 4, 12), date(2025, 4, 14))];
        let paused = calendar
            .add_working_days_with_pauses(date(2025, 4, 7), 15, &pauses)
            .due()
            .unwrap();
        assert_eq!(paused, calendar.add_working_days(date(2025, 4, 7), 15));
    }

    #[test]
    fn an_unanswered_information_request_leaves_the_due_date_unknown() {
        let calendar = kazakhstan();
        let pauses = [Pause::open(date(2025, 4, 10))];
        let status = calendar.add_working_days_with_pauses(date(2025, 4, 7), 15, &pauses);
        assert_eq!(
            status,
            ClockStatus::OnHold(OnHold {
                since: date(2025, 4, 10),
                counted: 2,
                remaining: 13
            })
        );
    }

    #[test]
    fn a_request_made_after_the_due_date_does_not_change_it() {
        let calendar = kazakhstan();
        let pauses = [Pause::open(date(2025, 5, 20))];
        let status = calendar.add_working_days_with_pauses(date(2025, 4, 7), 15, &pauses);
        assert_eq!(
            status,
            ClockStatus::Due(calendar.add_working_days(date(2025, 4, 7), 15))
        );
    }

    #[test]
    fn a_pause_started_before_filing_only_loses_the_days_after_filing() {
        let calendar = kazakhstan();
        // Paused from Thursday 3 April to Wednesday 9 April 2025; filed Monday 7 April.
        let pauses = [Pause::ended(date(2025, 4, 3), date(2025, 4, 9))];
        let deadline = calendar
            .add_working_days_with_pauses(date(2025, 4, 7), 1, &pauses)
            .due()
            .unwrap();
        assert_eq!(deadline.due, date(2025, 4, 9));
    }

    #[test]
    fn overlapping_pauses_lose_each_working_day_once() {
        let calendar = kazakhstan();
        let pauses = [
            Pause::ended(date(2025, 4, 8), date(2025, 4, 11)),
            Pause::ended(date(2025, 4, 9), date(2025, 4, 15)),
        ];
        let deadline = calendar
            .add_working_days_with_pauses(date(2025, 4, 7), 2, &pauses)
            .due()
            .unwrap();
        // Lost: Tue 8, Wed 9, Thu 10, Fri 11, Mon 14. Counted: Tue 15, Wed 16.
        assert_eq!(deadline.due, date(2025, 4, 16));
        assert_eq!(
            deadline.skipped_ranges(),
            vec![
                range(date(2025, 4, 8), date(2025, 4, 11), SkippedReason::Paused),
                range(date(2025, 4, 14), date(2025, 4, 14), SkippedReason::Paused),
            ]
        );
    }

    #[test]
    fn replacement_days_of_different_holiday_days_are_listed_apart() {
        // Nauryz 2026 starts on Saturday 21 March.
        let deadline = kazakhstan().add_working_days(date(2026, 3, 20), 1);
        assert_eq!(deadline.due, date(2026, 3, 26));
        assert_eq!(
            deadline.skipped_ranges(),
            vec![
                range(
                    date(2026, 3, 21),
                    date(2026, 3, 23),
                    holiday("nauryz_meiramy")
                ),
                range(
                    date(2026, 3, 24),
                    date(2026, 3, 24),
                    moved("nauryz_meiramy", date(2026, 3, 21))
                ),
                range(
                    date(2026, 3, 25),
                    date(2026, 3, 25),
                    moved("nauryz_meiramy", date(2026, 3, 22))
                ),
            ]
        );
    }

    /// Every start date from the first day of 2024 to the last of 2028.
    fn every_start() -> impl Iterator<Item = NaiveDate> {
        date(2024, 1, 1)
            .iter_days()
            .take_while(|day| day.year() <= 2028)
    }

    #[test]
    fn every_deadline_falls_on_a_working_day_exactly_n_working_days_later() {
        let calendar = WorkingCalendar::kazakhstan(vec![
            CalendarException::day_off(date(2024, 5, 8), "decree"),
            CalendarException::working_day(date(2024, 5, 18), "decree"),
        ]);
        // Exactly n working days up to the due date also means no skipped day was a working
        // day, since every day in between is either counted or skipped.
        for start in every_start().step_by(3) {
            for n in [1, 2, 3, 5, 10, 15, 22, 44] {
                let deadline = calendar.add_working_days(start, n);
                assert!(calendar.is_working_day(deadline.due), "{start} + {n}");
                assert!(deadline.due > start);
                assert_eq!(calendar.working_days_between(start, deadline.due), n);
                assert!(deadline
                    .skipped
                    .iter()
                    .all(|day| day.date > start && day.date < deadline.due));
            }
        }
    }

    #[test]
    fn a_longer_count_never_ends_earlier() {
        let calendar = kazakhstan();
        for start in every_start().step_by(5) {
            let mut previous = start;
            for n in 0..=40 {
                let due = calendar.add_working_days(start, n).due;
                if n == 0 {
                    assert_eq!(due, start);
                } else {
                    assert!(due > previous, "{start} + {n}");
                }
                previous = due;
            }
        }
    }

    #[test]
    fn a_later_event_never_has_an_earlier_deadline() {
        let calendar = kazakhstan();
        for n in [1, 3, 15] {
            let mut previous: Option<NaiveDate> = None;
            for start in every_start() {
                let due = calendar.add_working_days(start, n).due;
                if let Some(previous) = previous {
                    assert!(due >= previous, "{start} + {n}");
                }
                previous = Some(due);
            }
        }
    }

    #[test]
    fn ended_pauses_never_shorten_a_deadline_and_cost_exactly_their_working_days() {
        let calendar = kazakhstan();
        for start in every_start().step_by(7) {
            let plain = calendar.add_working_days(start, 15);
            let from = start.checked_add_days(Days::new(4)).unwrap();
            let until = from.checked_add_days(Days::new(6)).unwrap();
            let pauses = [Pause::ended(from, until)];
            let paused = calendar
                .add_working_days_with_pauses(start, 15, &pauses)
                .due()
                .unwrap();
            assert!(paused.due >= plain.due);
            let lost = paused
                .skipped
                .iter()
                .filter(|day| day.reason == SkippedReason::Paused)
                .count();
            let between = calendar.working_days_between(start, paused.due);
            assert_eq!(between as usize, 15 + lost, "{start}");
        }
    }
}
