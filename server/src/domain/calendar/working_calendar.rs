//! An agency's working calendar: holiday rules, dated exceptions and the weekly weekend,
//! answering which days are worked.

use super::day_rules::{kazakhstan_rules, HolidayRule};
use super::days_off::{days_off_of_year, DayOff, DayOffReason};
use super::exceptions::{CalendarException, ExceptionKind};
use super::weekend::Weekend;
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, HashMap};

/// What a date is on an agency's calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayKind {
    Working,
    /// A weekly day off that is not also a holiday.
    Weekend,
    /// A holiday, a replacement day or an exception day off (also when on a weekend).
    Off(DayOffReason),
}

/// Holiday rules, exceptions and weekend of one agency. Building it does no work; each
/// question computes the years it touches, so a calendar can be shared freely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingCalendar {
    rules: Vec<HolidayRule>,
    /// One exception per date: of two entered for the same date the later wins.
    exceptions: BTreeMap<NaiveDate, CalendarException>,
    weekend: Weekend,
}

impl WorkingCalendar {
    /// A calendar with a Saturday and Sunday weekend.
    pub fn new(rules: Vec<HolidayRule>, exceptions: Vec<CalendarException>) -> Self {
        Self {
            rules,
            exceptions: exceptions
                .into_iter()
                .map(|exception| (exception.date, exception))
                .collect(),
            weekend: Weekend::default(),
        }
    }

    /// Kazakhstan's holidays with the administrators' exceptions.
    pub fn kazakhstan(exceptions: Vec<CalendarException>) -> Self {
        Self::new(kazakhstan_rules(), exceptions)
    }

    /// The same calendar with another weekly weekend.
    pub fn with_weekend(mut self, weekend: Weekend) -> Self {
        self.weekend = weekend;
        self
    }

    pub fn rules(&self) -> &[HolidayRule] {
        &self.rules
    }

    pub fn weekend(&self) -> Weekend {
        self.weekend
    }

    /// The exceptions in date order.
    pub fn exceptions(&self) -> impl Iterator<Item = &CalendarException> {
        self.exceptions.values()
    }

    /// The days off dated in `year`, in date order: holidays (also those on a weekend),
    /// replacement days and exception days off. Plain weekends are not listed.
    pub fn days_off_in(&self, year: i32) -> Vec<DayOff> {
        days_off_of_year(&self.rules, &self.weekend, &self.exceptions, year)
            .into_iter()
            .map(|(date, reason)| DayOff { date, reason })
            .collect()
    }

    /// What `date` is. A working-day exception beats every rule and the weekend.
    pub fn day_kind(&self, date: NaiveDate) -> DayKind {
        self.day_lookup().kind(date)
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.day_kind(date) == DayKind::Working
    }

    /// Working days after `after` up to and including `through`: how many working days a
    /// deadline on `through` gives from an event on `after`. Zero when `through` is not later.
    pub fn working_days_between(&self, after: NaiveDate, through: NaiveDate) -> u32 {
        let count = self
            .days_after(after)
            .take_while(|(date, _)| *date <= through)
            .filter(|(_, kind)| *kind == DayKind::Working)
            .count();
        u32::try_from(count).unwrap_or(u32::MAX)
    }

    /// Every date after `start`, with what it is, up to the last date the calendar knows.
    pub(super) fn days_after(
        &self,
        start: NaiveDate,
    ) -> impl Iterator<Item = (NaiveDate, DayKind)> + '_ {
        let mut lookup = self.day_lookup();
        std::iter::successors(start.succ_opt(), NaiveDate::succ_opt).map(move |date| {
            let kind = lookup.kind(date);
            (date, kind)
        })
    }

    fn day_lookup(&self) -> DayLookup<'_> {
        DayLookup {
            calendar: self,
            years: HashMap::new(),
        }
    }
}

/// Answers day questions for one computation, working out each year's days off once.
struct DayLookup<'a> {
    calendar: &'a WorkingCalendar,
    years: HashMap<i32, BTreeMap<NaiveDate, DayOffReason>>,
}

impl DayLookup<'_> {
    fn kind(&mut self, date: NaiveDate) -> DayKind {
        let calendar = self.calendar;
        if calendar
            .exceptions
            .get(&date)
            .is_some_and(|exception| exception.kind == ExceptionKind::WorkingDay)
        {
            return DayKind::Working;
        }
        let days_off = self.years.entry(date.year()).or_insert_with(|| {
            days_off_of_year(
                &calendar.rules,
                &calendar.weekend,
                &calendar.exceptions,
                date.year(),
            )
        });
        if let Some(reason) = days_off.get(&date) {
            DayKind::Off(reason.clone())
        } else if calendar.weekend.contains(date.weekday()) {
            DayKind::Weekend
        } else {
            DayKind::Working
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{date, holiday, moved};
    use super::*;
    use chrono::Weekday;

    fn listed(days: Vec<DayOff>) -> Vec<(NaiveDate, DayOffReason)> {
        days.into_iter().map(|day| (day.date, day.reason)).collect()
    }

    #[test]
    fn kazakhstan_2024_days_off_follow_the_law_before_any_decree_swap() {
        let days = WorkingCalendar::kazakhstan(Vec::new()).days_off_in(2024);
        assert_eq!(
            listed(days),
            vec![
                (date(2024, 1, 1), holiday("new_year")),
                (date(2024, 1, 2), holiday("new_year")),
                (date(2024, 1, 7), holiday("orthodox_christmas")),
                (date(2024, 3, 8), holiday("international_womens_day")),
                (date(2024, 3, 21), holiday("nauryz_meiramy")),
                (date(2024, 3, 22), holiday("nauryz_meiramy")),
                (date(2024, 3, 23), holiday("nauryz_meiramy")),
                (
                    date(2024, 3, 25),
                    moved("nauryz_meiramy", date(2024, 3, 23))
                ),
                (date(2024, 5, 1), holiday("peoples_unity_day")),
                (date(2024, 5, 7), holiday("defender_of_the_fatherland_day")),
                (date(2024, 5, 9), holiday("victory_day")),
                (date(2024, 6, 16), holiday("kurban_ait")),
                (date(2024, 7, 6), holiday("capital_day")),
                (date(2024, 7, 8), moved("capital_day", date(2024, 7, 6))),
                (date(2024, 8, 30), holiday("constitution_day")),
                (date(2024, 10, 25), holiday("republic_day")),
                (date(2024, 12, 16), holiday("independence_day")),
            ]
        );
    }

    #[test]
    fn the_weekdays_of_2024_holidays_are_as_the_calendar_shows() {
        assert_eq!(date(2024, 3, 21).weekday(), Weekday::Thu);
        assert_eq!(date(2024, 3, 23).weekday(), Weekday::Sat);
        assert_eq!(date(2024, 3, 25).weekday(), Weekday::Mon);
        assert_eq!(date(2024, 5, 7).weekday(), Weekday::Tue);
        assert_eq!(date(2024, 5, 9).weekday(), Weekday::Thu);
        assert_eq!(date(2024, 12, 16).weekday(), Weekday::Mon);
        assert_eq!(date(2024, 1, 7).weekday(), Weekday::Sun);
    }

    #[test]
    fn nauryz_2024_ending_on_saturday_gives_monday_25_march_off() {
        let calendar = WorkingCalendar::kazakhstan(Vec::new());
        assert!(!calendar.is_working_day(date(2024, 3, 25)));
        assert!(calendar.is_working_day(date(2024, 3, 26)));
        assert!(calendar.is_working_day(date(2024, 3, 20)));
    }

    #[test]
    fn orthodox_christmas_on_a_sunday_is_not_moved_to_monday() {
        let calendar = WorkingCalendar::kazakhstan(Vec::new());
        assert_eq!(
            calendar.day_kind(date(2024, 1, 7)),
            DayKind::Off(holiday("orthodox_christmas"))
        );
        assert!(calendar.is_working_day(date(2024, 1, 8)));
    }

    #[test]
    fn the_2025_days_off_move_every_weekend_state_holiday_to_monday() {
        let days = listed(WorkingCalendar::kazakhstan(Vec::new()).days_off_in(2025));
        let replacements: Vec<(NaiveDate, DayOffReason)> = days
            .into_iter()
            .filter(|(_, reason)| matches!(reason, DayOffReason::MovedFrom { .. }))
            .collect();
        assert_eq!(
            replacements,
            vec![
                (
                    date(2025, 3, 10),
                    moved("international_womens_day", date(2025, 3, 8))
                ),
                (
                    date(2025, 3, 24),
                    moved("nauryz_meiramy", date(2025, 3, 22))
                ),
                (
                    date(2025, 3, 25),
                    moved("nauryz_meiramy", date(2025, 3, 23))
                ),
                (date(2025, 7, 7), moved("capital_day", date(2025, 7, 6))),
                (
                    date(2025, 9, 1),
                    moved("constitution_day", date(2025, 8, 30))
                ),
                (
                    date(2025, 10, 27),
                    moved("republic_day", date(2025, 10, 25))
                ),
            ]
        );
    }

    #[test]
    fn republic_day_2025_on_a_saturday_gives_monday_27_october_off() {
        let calendar = WorkingCalendar::kazakhstan(Vec::new());
        assert_eq!(date(2025, 10, 25).weekday(), Weekday::Sat);
        assert_eq!(
            calendar.day_kind(date(2025, 10, 27)),
            DayKind::Off(moved("republic_day", date(2025, 10, 25)))
        );
        assert!(calendar.is_working_day(date(2025, 10, 28)));
    }

    #[test]
    fn nauryz_2026_from_saturday_gives_monday_tuesday_and_wednesday_off() {
        let calendar = WorkingCalendar::kazakhstan(Vec::new());
        assert_eq!(date(2026, 3, 21).weekday(), Weekday::Sat);
        let off: Vec<bool> = (21..=26)
            .map(|day| calendar.is_working_day(date(2026, 3, day)))
            .collect();
        assert_eq!(off, vec![false, false, false, false, false, true]);
        assert_eq!(
            calendar.day_kind(date(2026, 3, 25)),
            DayKind::Off(moved("nauryz_meiramy", date(2026, 3, 22)))
        );
    }

    #[test]
    fn new_year_2028_on_a_weekend_gives_3_and_4_january_off() {
        let calendar = WorkingCalendar::kazakhstan(Vec::new());
        assert_eq!(date(2028, 1, 1).weekday(), Weekday::Sat);
        let days: Vec<(NaiveDate, DayOffReason)> = listed(calendar.days_off_in(2028))
            .into_iter()
            .take(5)
            .collect();
        assert_eq!(
            days,
            vec![
                (date(2028, 1, 1), holiday("new_year")),
                (date(2028, 1, 2), holiday("new_year")),
                (date(2028, 1, 3), moved("new_year", date(2028, 1, 1))),
                (date(2028, 1, 4), moved("new_year", date(2028, 1, 2))),
                (date(2028, 1, 7), holiday("orthodox_christmas")),
            ]
        );
        assert!(calendar.is_working_day(date(2028, 1, 5)));
    }

    #[test]
    fn kurban_ait_is_a_day_off_only_in_the_years_whose_date_is_known() {
        let calendar = WorkingCalendar::kazakhstan(Vec::new());
        assert_eq!(
            calendar.day_kind(date(2025, 6, 6)),
            DayKind::Off(holiday("kurban_ait"))
        );
        assert_eq!(
            calendar.day_kind(date(2026, 5, 27)),
            DayKind::Off(holiday("kurban_ait"))
        );
        assert!(calendar
            .days_off_in(2027)
            .iter()
            .all(|day| day.reason != holiday("kurban_ait")));
    }

    #[test]
    fn an_administrator_can_enter_a_new_kurban_ait_as_an_exception() {
        let announced = date(2027, 5, 17);
        let calendar =
            WorkingCalendar::kazakhstan(vec![CalendarException::day_off(announced, "Kurban Ait")]);
        assert_eq!(
            calendar.day_kind(announced),
            DayKind::Off(DayOffReason::Exception("Kurban Ait".to_owned()))
        );
    }

    #[test]
    fn a_decree_swap_makes_a_saturday_working_and_a_wednesday_off() {
        let calendar = WorkingCalendar::kazakhstan(vec![
            CalendarException::working_day(date(2024, 5, 18), "working Saturday by decree"),
            CalendarException::day_off(date(2024, 5, 8), "day off moved by decree"),
        ]);
        assert_eq!(date(2024, 5, 18).weekday(), Weekday::Sat);
        assert!(calendar.is_working_day(date(2024, 5, 18)));
        assert!(!calendar.is_working_day(date(2024, 5, 8)));
        let may: Vec<u32> = calendar
            .days_off_in(2024)
            .iter()
            .filter(|day| day.date.month() == 5)
            .map(|day| day.date.day())
            .collect();
        assert_eq!(may, vec![1, 7, 8, 9]);
    }

    #[test]
    fn a_working_day_exception_on_a_holiday_makes_it_worked() {
        let calendar = WorkingCalendar::kazakhstan(vec![CalendarException::working_day(
            date(2024, 3, 8),
            "worked",
        )]);
        assert!(calendar.is_working_day(date(2024, 3, 8)));
        assert!(calendar
            .days_off_in(2024)
            .iter()
            .all(|day| day.date != date(2024, 3, 8)));
    }

    #[test]
    fn the_later_of_two_exceptions_for_one_date_wins() {
        let calendar = WorkingCalendar::kazakhstan(vec![
            CalendarException::day_off(date(2024, 5, 8), "first thought"),
            CalendarException::working_day(date(2024, 5, 8), "corrected"),
        ]);
        assert!(calendar.is_working_day(date(2024, 5, 8)));
        assert_eq!(calendar.exceptions().count(), 1);
    }

    #[test]
    fn a_friday_and_saturday_weekend_works_on_sunday_and_rests_on_friday() {
        let weekend = Weekend::of(&[Weekday::Fri, Weekday::Sat]).unwrap();
        let calendar = WorkingCalendar::new(Vec::new(), Vec::new()).with_weekend(weekend);
        // 5–7 January 2024 are Friday to Sunday.
        assert_eq!(calendar.day_kind(date(2024, 1, 5)), DayKind::Weekend);
        assert_eq!(calendar.day_kind(date(2024, 1, 6)), DayKind::Weekend);
        assert!(calendar.is_working_day(date(2024, 1, 7)));
        assert_eq!(calendar.weekend().days(), vec![Weekday::Fri, Weekday::Sat]);
    }

    #[test]
    fn a_calendar_without_rules_rests_only_at_weekends() {
        let calendar = WorkingCalendar::new(Vec::new(), Vec::new());
        assert!(calendar.days_off_in(2024).is_empty());
        assert!(calendar.is_working_day(date(2024, 1, 1)));
        assert_eq!(calendar.day_kind(date(2024, 1, 6)), DayKind::Weekend);
    }

    #[test]
    fn a_holiday_on_a_weekend_is_reported_as_the_holiday() {
        let calendar = WorkingCalendar::kazakhstan(Vec::new());
        assert_eq!(
            calendar.day_kind(date(2024, 3, 23)),
            DayKind::Off(holiday("nauryz_meiramy"))
        );
        assert_eq!(calendar.day_kind(date(2024, 3, 24)), DayKind::Weekend);
    }

    #[test]
    fn working_days_between_counts_from_the_day_after() {
        let calendar = WorkingCalendar::kazakhstan(Vec::new());
        // Monday 4 March to Friday 8 March 2024 (a holiday): Tue, Wed, Thu.
        assert_eq!(
            calendar.working_days_between(date(2024, 3, 4), date(2024, 3, 8)),
            3
        );
        assert_eq!(
            calendar.working_days_between(date(2024, 3, 4), date(2024, 3, 4)),
            0
        );
        assert_eq!(
            calendar.working_days_between(date(2024, 3, 8), date(2024, 3, 4)),
            0
        );
    }

    #[test]
    fn the_last_date_the_calendar_knows_has_no_day_after() {
        let calendar = WorkingCalendar::new(Vec::new(), Vec::new());
        assert_eq!(calendar.days_after(NaiveDate::MAX).count(), 0);
    }
}
