//! A year's days off under the rules: holidays, the days that replace state holidays falling
//! on a weekend, and the administrators' exceptions on top.

use super::day_rules::{holidays_in, HolidayKind, HolidayOccurrence, HolidayRule};
use super::exceptions::{CalendarException, ExceptionKind};
use super::weekend::Weekend;
use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Why a date is a day off, so a page can name it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayOffReason {
    /// The holiday itself, by rule key (also when it falls on a weekend).
    Holiday(String),
    /// A working day given off because the state holiday `key` fell on the weekend day `date`.
    MovedFrom { key: String, date: NaiveDate },
    /// An administrator's exception, with its note.
    Exception(String),
}

/// One day off of a year's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayOff {
    pub date: NaiveDate,
    pub reason: DayOffReason,
}

/// How far past a holiday its replacement day is looked for. Any real calendar finds one
/// within a week or two; the bound only keeps a rule set that fills whole months from
/// searching for ever, and such a holiday then gets no replacement.
const REPLACEMENT_SEARCH_DAYS: u64 = 366;

/// The days off dated in `year`, by date.
///
/// A state holiday on a weekend gives a day off on the next day that is not a weekend, not a
/// holiday and not already given to an earlier holiday, taking holidays in date order (so
/// Nauryz on Saturday to Monday gives Tuesday and Wednesday). Replacements are worked out
/// from the rules and the weekend alone; exceptions are applied afterwards and win, as the
/// Government's decree is itself written with the replacements known. Holidays of the
/// neighbouring years are included so a replacement crossing New Year lands right.
pub(super) fn days_off_of_year(
    rules: &[HolidayRule],
    weekend: &Weekend,
    exceptions: &BTreeMap<NaiveDate, CalendarException>,
    year: i32,
) -> BTreeMap<NaiveDate, DayOffReason> {
    let holidays = holidays_around(rules, year);
    let replacements = replacement_days(&holidays, weekend);

    let mut days_off: BTreeMap<NaiveDate, DayOffReason> = holidays
        .iter()
        .filter(|(date, _)| date.year() == year)
        .map(|(date, holiday)| (*date, DayOffReason::Holiday(holiday.key.clone())))
        .collect();
    days_off.extend(
        replacements
            .into_iter()
            .filter(|(date, _)| date.year() == year),
    );
    for exception in exceptions.values().filter(|e| e.date.year() == year) {
        match exception.kind {
            ExceptionKind::DayOff => {
                days_off.insert(
                    exception.date,
                    DayOffReason::Exception(exception.note.clone()),
                );
            }
            ExceptionKind::WorkingDay => {
                days_off.remove(&exception.date);
            }
        }
    }
    days_off
}

/// Holidays of the year before, the year and the year after, one per date (the rule listed
/// first wins when two holidays share a date, so a shared date gives one day off).
fn holidays_around(rules: &[HolidayRule], year: i32) -> BTreeMap<NaiveDate, HolidayOccurrence> {
    let mut by_date = BTreeMap::new();
    for near_year in year.saturating_sub(1)..=year.saturating_add(1) {
        for holiday in holidays_in(rules, near_year) {
            by_date.entry(holiday.date).or_insert(holiday);
        }
    }
    by_date
}

/// The working days given off in place of state holidays that fell on a weekend.
fn replacement_days(
    holidays: &BTreeMap<NaiveDate, HolidayOccurrence>,
    weekend: &Weekend,
) -> BTreeMap<NaiveDate, DayOffReason> {
    let mut replacements = BTreeMap::new();
    let moved_holidays = holidays.values().filter(|holiday| {
        holiday.kind == HolidayKind::State && weekend.contains(holiday.date.weekday())
    });
    for holiday in moved_holidays {
        let free_day = (1..=REPLACEMENT_SEARCH_DAYS)
            .filter_map(|offset| holiday.date.checked_add_days(Days::new(offset)))
            .find(|day| {
                !weekend.contains(day.weekday())
                    && !holidays.contains_key(day)
                    && !replacements.contains_key(day)
            });
        if let Some(free_day) = free_day {
            replacements.insert(
                free_day,
                DayOffReason::MovedFrom {
                    key: holiday.key.clone(),
                    date: holiday.date,
                },
            );
        }
    }
    replacements
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{date, holiday, moved};
    use super::*;
    use chrono::Weekday;

    fn no_exceptions() -> BTreeMap<NaiveDate, CalendarException> {
        BTreeMap::new()
    }

    #[test]
    fn a_three_day_holiday_starting_on_saturday_ends_on_wednesday() {
        // 21 March 2026 is a Saturday.
        let rules = [HolidayRule::fixed(
            "nauryz_meiramy",
            3,
            21,
            3,
            HolidayKind::State,
            2020,
        )];
        let days = days_off_of_year(&rules, &Weekend::default(), &no_exceptions(), 2026);
        assert_eq!(
            days.into_iter().collect::<Vec<_>>(),
            vec![
                (date(2026, 3, 21), holiday("nauryz_meiramy")),
                (date(2026, 3, 22), holiday("nauryz_meiramy")),
                (date(2026, 3, 23), holiday("nauryz_meiramy")),
                (
                    date(2026, 3, 24),
                    moved("nauryz_meiramy", date(2026, 3, 21))
                ),
                (
                    date(2026, 3, 25),
                    moved("nauryz_meiramy", date(2026, 3, 22))
                ),
            ]
        );
    }

    #[test]
    fn a_religious_day_on_a_weekend_gives_no_extra_day() {
        // 7 January 2024 is a Sunday.
        let rules = [HolidayRule::fixed(
            "orthodox_christmas",
            1,
            7,
            1,
            HolidayKind::Religious,
            2020,
        )];
        let days = days_off_of_year(&rules, &Weekend::default(), &no_exceptions(), 2024);
        assert_eq!(
            days.into_iter().collect::<Vec<_>>(),
            vec![(date(2024, 1, 7), holiday("orthodox_christmas"))]
        );
    }

    #[test]
    fn a_replacement_skips_a_religious_holiday_in_its_way() {
        // 6 July 2024 is a Saturday; a religious day on Monday 8 July pushes the
        // replacement to Tuesday.
        let rules = [
            HolidayRule::fixed("capital_day", 7, 6, 1, HolidayKind::State, 2020),
            HolidayRule::fixed("feast", 7, 8, 1, HolidayKind::Religious, 2020),
        ];
        let days = days_off_of_year(&rules, &Weekend::default(), &no_exceptions(), 2024);
        assert_eq!(
            days.get(&date(2024, 7, 9)),
            Some(&moved("capital_day", date(2024, 7, 6)))
        );
        assert_eq!(days.get(&date(2024, 7, 8)), Some(&holiday("feast")));
    }

    #[test]
    fn a_replacement_crossing_new_year_lands_after_the_new_year_holidays() {
        // 31 December 2022 is a Saturday; 1–2 January 2023 are themselves holidays.
        let rules = [
            HolidayRule::fixed("year_end", 12, 31, 1, HolidayKind::State, 2020),
            HolidayRule::fixed("new_year", 1, 1, 2, HolidayKind::State, 2020),
        ];
        let days_2023 = days_off_of_year(&rules, &Weekend::default(), &no_exceptions(), 2023);
        assert_eq!(
            days_2023
                .into_iter()
                .filter(|(day, _)| day.month() == 1)
                .collect::<Vec<_>>(),
            vec![
                (date(2023, 1, 1), holiday("new_year")),
                (date(2023, 1, 2), holiday("new_year")),
                (date(2023, 1, 3), moved("year_end", date(2022, 12, 31))),
                (date(2023, 1, 4), moved("new_year", date(2023, 1, 1))),
            ]
        );
        let days_2022 = days_off_of_year(&rules, &Weekend::default(), &no_exceptions(), 2022);
        assert!(days_2022.keys().all(|day| day.year() == 2022));
    }

    #[test]
    fn two_holidays_on_one_date_give_one_day_off_named_after_the_first_rule() {
        let rules = [
            HolidayRule::fixed("first", 5, 4, 1, HolidayKind::State, 2020),
            HolidayRule::fixed("second", 5, 4, 1, HolidayKind::Religious, 2020),
        ];
        // 4 May 2024 is a Saturday: one replacement, on Monday 6 May.
        let days = days_off_of_year(&rules, &Weekend::default(), &no_exceptions(), 2024);
        assert_eq!(
            days.into_iter().collect::<Vec<_>>(),
            vec![
                (date(2024, 5, 4), holiday("first")),
                (date(2024, 5, 6), moved("first", date(2024, 5, 4))),
            ]
        );
    }

    #[test]
    fn exceptions_override_holidays_and_replacements() {
        let rules = [HolidayRule::fixed(
            "capital_day",
            7,
            6,
            1,
            HolidayKind::State,
            2020,
        )];
        let exceptions: BTreeMap<NaiveDate, CalendarException> = [
            CalendarException::working_day(date(2024, 7, 8), "decree: worked"),
            CalendarException::day_off(date(2024, 7, 6), "decree: named"),
            CalendarException::day_off(date(2024, 7, 12), "decree: bridge"),
            CalendarException::day_off(date(2025, 1, 3), "next year"),
        ]
        .into_iter()
        .map(|exception| (exception.date, exception))
        .collect();
        let days = days_off_of_year(&rules, &Weekend::default(), &exceptions, 2024);
        assert_eq!(
            days.into_iter().collect::<Vec<_>>(),
            vec![
                (
                    date(2024, 7, 6),
                    DayOffReason::Exception("decree: named".to_owned())
                ),
                (
                    date(2024, 7, 12),
                    DayOffReason::Exception("decree: bridge".to_owned())
                ),
            ]
        );
    }

    #[test]
    fn the_replacement_follows_the_configured_weekend() {
        // With a Friday–Saturday weekend, a holiday on Friday 8 March 2024 is replaced on
        // Sunday 10 March.
        let rules = [HolidayRule::fixed(
            "international_womens_day",
            3,
            8,
            1,
            HolidayKind::State,
            2020,
        )];
        let weekend = Weekend::of(&[Weekday::Fri, Weekday::Sat]).unwrap();
        let days = days_off_of_year(&rules, &weekend, &no_exceptions(), 2024);
        assert_eq!(
            days.get(&date(2024, 3, 10)),
            Some(&moved("international_womens_day", date(2024, 3, 8)))
        );
    }

    #[test]
    fn a_rule_set_that_leaves_no_free_day_gives_no_replacement() {
        let rules = [
            HolidayRule::fixed("weekend_feast", 1, 6, 1, HolidayKind::State, 2020),
            HolidayRule::fixed("long_rest", 1, 7, 400, HolidayKind::Religious, 2020),
        ];
        // 6 January 2024 is a Saturday and the next 400 days are holidays.
        let days = days_off_of_year(&rules, &Weekend::default(), &no_exceptions(), 2024);
        assert!(days
            .values()
            .all(|reason| !matches!(reason, DayOffReason::MovedFrom { .. })));
    }
}
