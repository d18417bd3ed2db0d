//! Holiday rules as data. Laws add, move and drop holidays, so every rule carries the years it
//! is in force, and a year's holidays come from the rules in force that year.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// How a holiday behaves when it falls on a weekend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HolidayKind {
    /// National and state holidays: one that falls on a weekend gives a day off on the next
    /// working day (Law of the Republic of Kazakhstan "On holidays in the Republic of
    /// Kazakhstan" of 13 December 2001 No. 267-II, Art. 5).
    State,
    /// Religious days off: one that falls on a weekend is not moved (Labour Code of the
    /// Republic of Kazakhstan, Art. 84).
    Religious,
}

/// When in the year a holiday begins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HolidayDate {
    /// The same month and day every year. A day that does not exist in a year (29 February)
    /// gives no holiday that year.
    Fixed { month: u32, day: u32 },
    /// A date announced each year, as for feasts of the lunar calendar. A year that is not
    /// listed has no such holiday until it is entered.
    SetEachYear(Vec<NaiveDate>),
}

/// One holiday as the law defines it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidayRule {
    /// Stable snake_case identifier that pages translate into the reader's language.
    pub key: String,
    /// The first day of the holiday.
    pub date: HolidayDate,
    /// How many days in a row the holiday lasts, counting its first day.
    pub consecutive_days: u32,
    pub kind: HolidayKind,
    /// The first year the rule is in force.
    pub first_year: i32,
    /// The last year the rule is in force; `None` while the law still stands.
    pub last_year: Option<i32>,
}

/// One day of a holiday in a given year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayOccurrence {
    pub date: NaiveDate,
    pub key: String,
    pub kind: HolidayKind,
}

impl HolidayRule {
    /// A holiday on the same month and day every year.
    pub fn fixed(
        key: &str,
        month: u32,
        day: u32,
        consecutive_days: u32,
        kind: HolidayKind,
        first_year: i32,
    ) -> Self {
        Self {
            key: key.to_owned(),
            date: HolidayDate::Fixed { month, day },
            consecutive_days,
            kind,
            first_year,
            last_year: None,
        }
    }

    /// Whether the law behind the rule applies in `year`.
    pub fn in_force(&self, year: i32) -> bool {
        self.first_year <= year && self.last_year.is_none_or(|last| year <= last)
    }

    /// The days of this holiday in `year`: none when the rule is not in force or no date is
    /// known for that year. Days of a multi-day holiday may run into the next year.
    pub fn occurrences_in(&self, year: i32) -> Vec<HolidayOccurrence> {
        if !self.in_force(year) {
            return Vec::new();
        }
        let first_day = match &self.date {
            HolidayDate::Fixed { month, day } => NaiveDate::from_ymd_opt(year, *month, *day),
            HolidayDate::SetEachYear(dates) => {
                dates.iter().copied().find(|date| date.year() == year)
            }
        };
        let Some(first_day) = first_day else {
            return Vec::new();
        };
        (0..self.consecutive_days)
            .filter_map(|offset| first_day.checked_add_days(Days::new(u64::from(offset))))
            .map(|date| HolidayOccurrence {
                date,
                key: self.key.clone(),
                kind: self.kind,
            })
            .collect()
    }
}

/// Builds a table date at compile time; only used in constants, so an impossible date stops
/// the build instead of reaching a citizen.
const fn table_date(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("a holiday table date must exist"),
    }
}

/// First days of Kurban Ait, set each year by decree of the Government of the Republic of
/// Kazakhstan from the Islamic calendar. Later years are entered by administrators, as a
/// dated exception or a rule, once the date is announced.
const KURBAN_AIT_FIRST_DAYS: [NaiveDate; 3] = [
    table_date(2024, 6, 16),
    table_date(2025, 6, 6),
    table_date(2026, 5, 27),
];

/// The year from which the Kazakhstan rules are entered. Earlier years are not covered: the
/// portal computes no deadline before it.
pub const KAZAKHSTAN_RULES_FROM: i32 = 2024;

/// Kazakhstan's holidays from 2024 on.
///
/// National and state holidays are those of the Law "On holidays in the Republic of
/// Kazakhstan" of 13 December 2001 No. 267-II; the religious days off (Orthodox Christmas and
/// the first day of Kurban Ait) are those named with it and in the Labour Code, Art. 84. The
/// yearly Government decree that swaps working days and days off is not a rule: it is entered
/// as dated exceptions.
pub fn kazakhstan_rules() -> Vec<HolidayRule> {
    use HolidayKind::{Religious, State};
    let from = KAZAKHSTAN_RULES_FROM;
    vec![
        // Law No. 267-II: New Year, state holiday, two days.
        HolidayRule::fixed("new_year", 1, 1, 2, State, from),
        // Orthodox Christmas: religious day off, not moved from a weekend.
        HolidayRule::fixed("orthodox_christmas", 1, 7, 1, Religious, from),
        // Law No. 267-II: International Women's Day, state holiday.
        HolidayRule::fixed("international_womens_day", 3, 8, 1, State, from),
        // Law No. 267-II: Nauryz meiramy, state holiday, three days.
        HolidayRule::fixed("nauryz_meiramy", 3, 21, 3, State, from),
        // Law No. 267-II: Kazakhstan People's Unity Day, state holiday.
        HolidayRule::fixed("peoples_unity_day", 5, 1, 1, State, from),
        // Law No. 267-II: Defender of the Fatherland Day, state holiday.
        HolidayRule::fixed("defender_of_the_fatherland_day", 5, 7, 1, State, from),
        // Law No. 267-II: Victory Day, state holiday.
        HolidayRule::fixed("victory_day", 5, 9, 1, State, from),
        // Law No. 267-II: Capital Day, state holiday.
        HolidayRule::fixed("capital_day", 7, 6, 1, State, from),
        // Law No. 267-II: Constitution Day, state holiday.
        HolidayRule::fixed("constitution_day", 8, 30, 1, State, from),
        // Law No. 267-II: Republic Day, national holiday.
        HolidayRule::fixed("republic_day", 10, 25, 1, State, from),
        // Law No. 267-II: Independence Day, national holiday.
        HolidayRule::fixed("independence_day", 12, 16, 1, State, from),
        // Kurban Ait, first day: religious day off, not moved from a weekend; the date is
        // set each year.
        HolidayRule {
            key: "kurban_ait".to_owned(),
            date: HolidayDate::SetEachYear(KURBAN_AIT_FIRST_DAYS.to_vec()),
            consecutive_days: 1,
            kind: Religious,
            first_year: from,
            last_year: None,
        },
    ]
}

/// Every holiday day of `year` under `rules`, in date order, with the earlier rule first when
/// two fall on one day.
pub fn holidays_in(rules: &[HolidayRule], year: i32) -> Vec<HolidayOccurrence> {
    let mut occurrences: Vec<HolidayOccurrence> = rules
        .iter()
        .flat_map(|rule| rule.occurrences_in(year))
        .collect();
    occurrences.sort_by_key(|occurrence| occurrence.date);
    occurrences
}

#[cfg(test)]
mod tests {
    use super::super::test_support::date;
    use super::*;

    fn keys_on(rules: &[HolidayRule], day: NaiveDate) -> Vec<String> {
        holidays_in(rules, day.year())
            .into_iter()
            .filter(|occurrence| occurrence.date == day)
            .map(|occurrence| occurrence.key)
            .collect()
    }

    #[test]
    fn kazakhstan_has_twelve_holidays_with_unique_snake_case_keys() {
        let rules = kazakhstan_rules();
        assert_eq!(rules.len(), 12);
        let mut keys: Vec<&str> = rules.iter().map(|rule| rule.key.as_str()).collect();
        assert!(keys
            .iter()
            .all(|key| key.chars().all(|c| c.is_ascii_lowercase() || c == '_')));
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), 12);
    }

    #[test]
    fn kazakhstan_holidays_of_2024_fall_on_the_days_the_law_names() {
        let holidays = holidays_in(&kazakhstan_rules(), 2024);
        let days: Vec<(NaiveDate, &str)> = holidays
            .iter()
            .map(|occurrence| (occurrence.date, occurrence.key.as_str()))
            .collect();
        assert_eq!(
            days,
            vec![
                (date(2024, 1, 1), "new_year"),
                (date(2024, 1, 2), "new_year"),
                (date(2024, 1, 7), "orthodox_christmas"),
                (date(2024, 3, 8), "international_womens_day"),
                (date(2024, 3, 21), "nauryz_meiramy"),
                (date(2024, 3, 22), "nauryz_meiramy"),
                (date(2024, 3, 23), "nauryz_meiramy"),
                (date(2024, 5, 1), "peoples_unity_day"),
                (date(2024, 5, 7), "defender_of_the_fatherland_day"),
                (date(2024, 5, 9), "victory_day"),
                (date(2024, 6, 16), "kurban_ait"),
                (date(2024, 7, 6), "capital_day"),
                (date(2024, 8, 30), "constitution_day"),
                (date(2024, 10, 25), "republic_day"),
                (date(2024, 12, 16), "independence_day"),
            ]
        );
    }

    #[test]
    fn only_religious_days_are_kept_on_a_weekend() {
        let rules = kazakhstan_rules();
        let religious: Vec<&str> = rules
            .iter()
            .filter(|rule| rule.kind == HolidayKind::Religious)
            .map(|rule| rule.key.as_str())
            .collect();
        assert_eq!(religious, vec!["orthodox_christmas", "kurban_ait"]);
    }

    #[test]
    fn kurban_ait_falls_on_the_announced_day_of_each_known_year() {
        let rules = kazakhstan_rules();
        assert_eq!(keys_on(&rules, date(2024, 6, 16)), vec!["kurban_ait"]);
        assert_eq!(keys_on(&rules, date(2025, 6, 6)), vec!["kurban_ait"]);
        assert_eq!(keys_on(&rules, date(2026, 5, 27)), vec!["kurban_ait"]);
    }

    #[test]
    fn a_year_whose_kurban_ait_is_not_yet_announced_has_no_kurban_ait() {
        let rules = kazakhstan_rules();
        assert!(holidays_in(&rules, 2027)
            .iter()
            .all(|occurrence| occurrence.key != "kurban_ait"));
        assert_eq!(holidays_in(&rules, 2027).len(), 14);
    }

    #[test]
    fn years_before_the_rules_were_entered_have_no_holidays() {
        assert!(holidays_in(&kazakhstan_rules(), 2023).is_empty());
    }

    #[test]
    fn a_rule_ended_by_law_stops_after_its_last_year() {
        let mut rule = HolidayRule::fixed("old_day", 11, 7, 1, HolidayKind::State, 2000);
        rule.last_year = Some(2024);
        assert!(rule.in_force(2000));
        assert!(rule.in_force(2024));
        assert!(!rule.in_force(2025));
        assert!(!rule.in_force(1999));
        assert!(rule.occurrences_in(2025).is_empty());
        assert_eq!(rule.occurrences_in(2024).len(), 1);
    }

    #[test]
    fn a_holiday_on_29_february_happens_only_in_leap_years() {
        let rule = HolidayRule::fixed("leap_day", 2, 29, 1, HolidayKind::State, 2020);
        assert_eq!(rule.occurrences_in(2024).len(), 1);
        assert!(rule.occurrences_in(2025).is_empty());
    }

    #[test]
    fn a_multi_day_holiday_at_the_end_of_december_runs_into_january() {
        let rule = HolidayRule::fixed("year_end", 12, 31, 2, HolidayKind::State, 2020);
        let dates: Vec<NaiveDate> = rule
            .occurrences_in(2025)
            .iter()
            .map(|occurrence| occurrence.date)
            .collect();
        assert_eq!(dates, vec![date(2025, 12, 31), date(2026, 1, 1)]);
    }

    #[test]
    fn rules_survive_a_round_trip_through_json() {
        let rules = kazakhstan_rules();
        let json = serde_json::to_string(&rules).unwrap();
        let back: Vec<HolidayRule> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, rules);
        assert!(json.contains("\"kind\":\"religious\""));
    }
}
