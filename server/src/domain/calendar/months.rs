//! Calendar-month arithmetic for windows the law states in months: the time to challenge a
//! decision and the ceiling on extensions.

use chrono::{Months, NaiveDate};

/// `date` plus `months` calendar months, on the same day of the month, or on the month's last
/// day when that day does not exist (31 January + 1 month = 28 or 29 February).
///
/// Beyond the last date the calendar knows (the year 262143) the result stays on that date.
pub fn add_months_clamped(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::date;
    use super::*;

    #[test]
    fn the_31st_of_january_plus_a_month_is_the_last_day_of_february() {
        assert_eq!(add_months_clamped(date(2024, 1, 31), 1), date(2024, 2, 29));
        assert_eq!(add_months_clamped(date(2025, 1, 31), 1), date(2025, 2, 28));
    }

    #[test]
    fn a_day_that_exists_in_the_target_month_is_kept() {
        assert_eq!(add_months_clamped(date(2025, 3, 3), 3), date(2025, 6, 3));
        assert_eq!(add_months_clamped(date(2025, 2, 28), 1), date(2025, 3, 28));
    }

    #[test]
    fn months_carry_over_the_end_of_the_year() {
        assert_eq!(add_months_clamped(date(2025, 11, 30), 3), date(2026, 2, 28));
        assert_eq!(
            add_months_clamped(date(2025, 10, 31), 2),
            date(2025, 12, 31)
        );
        assert_eq!(
            add_months_clamped(date(2025, 12, 15), 12),
            date(2026, 12, 15)
        );
    }

    #[test]
    fn zero_months_is_the_same_date() {
        assert_eq!(add_months_clamped(date(2025, 8, 31), 0), date(2025, 8, 31));
    }

    #[test]
    fn a_date_past_the_last_known_one_stays_on_the_last_known_one() {
        assert_eq!(add_months_clamped(NaiveDate::MAX, 1), NaiveDate::MAX);
    }
}
