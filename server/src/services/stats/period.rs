//! The months a report covers, read from the filters a page or the API was given. Figures are
//! kept by month, so a period is a run of whole months (docs/statistics.md).

use crate::domain::validator::Problem;
use crate::services::error::problem;
use app::types::StatsFilters;
use chrono::{Datelike, Months, NaiveDate};

/// The longest period a report covers, so one request cannot ask for a century of months.
pub const MAX_MONTHS: u32 = 120;
/// The months shown when none are asked for: the last twelve, this one included.
pub const DEFAULT_MONTHS: u32 = 12;

/// From the first month to the last, both included, each as its first day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// The last `DEFAULT_MONTHS` months up to `today`'s.
    pub fn default_at(today: NaiveDate) -> Period {
        let to = first_of_month(today);
        Period {
            from: to - Months::new(DEFAULT_MONTHS - 1),
            to,
        }
    }

    /// How many months the period covers.
    pub fn months(&self) -> u32 {
        let span = (self.to.year() - self.from.year()) * 12 + self.to.month() as i32
            - self.from.month() as i32;
        u32::try_from(span + 1).unwrap_or(0)
    }

    /// The period of the same length just before this one.
    pub fn previous(&self) -> Period {
        let length = Months::new(self.months());
        Period {
            from: self.from - length,
            to: self.from - Months::new(1),
        }
    }

    /// Every month of the period, in order.
    pub fn each_month(&self) -> Vec<NaiveDate> {
        (0..self.months())
            .map(|offset| self.from + Months::new(offset))
            .collect()
    }
}

/// The first day of `date`'s month.
pub fn first_of_month(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

/// A month as `YYYY-MM`.
pub fn month_key(month: NaiveDate) -> String {
    format!("{:04}-{:02}", month.year(), month.month())
}

/// `YYYY-MM`, or a full date `YYYY-MM-DD` (its month is taken).
pub fn parse_month(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let month = text.get(..7)?;
    if text.len() != 7 && NaiveDate::parse_from_str(text, "%Y-%m-%d").is_err() {
        return None;
    }
    NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").ok()
}

/// The period the filters ask for, or the problems with them, each naming its filter. A
/// missing `to` is `today`'s month; a missing `from` is twelve months before `to`.
pub fn read_period(filters: &StatsFilters, today: NaiveDate) -> Result<Period, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut month = |name: &str, value: &Option<String>| match value.as_deref() {
        None | Some("") => None,
        Some(text) => {
            let parsed = parse_month(text);
            if parsed.is_none() {
                problems.push(problem(
                    name,
                    "must be a month as YYYY-MM (or a date YYYY-MM-DD)",
                ));
            }
            parsed
        }
    };
    let from = month("from", &filters.from);
    let to = month("to", &filters.to);
    if !problems.is_empty() {
        return Err(problems);
    }
    let to = to.unwrap_or_else(|| first_of_month(today));
    let from = from.unwrap_or(to - Months::new(DEFAULT_MONTHS - 1));
    let period = Period { from, to };
    if from > to {
        return Err(vec![problem("from", "must not be after to")]);
    }
    if period.months() > MAX_MONTHS {
        return Err(vec![problem(
            "from",
            format!("the period may cover at most {MAX_MONTHS} months"),
        )]);
    }
    Ok(period)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn filters(from: Option<&str>, to: Option<&str>) -> StatsFilters {
        StatsFilters {
            from: from.map(str::to_string),
            to: to.map(str::to_string),
            ..StatsFilters::default()
        }
    }

    #[test]
    fn the_default_is_the_last_twelve_months() {
        let period = read_period(&filters(None, None), date(2026, 11, 30)).unwrap();
        assert_eq!(period.from, date(2025, 12, 1));
        assert_eq!(period.to, date(2026, 11, 1));
        assert_eq!(period.months(), 12);
        let previous = period.previous();
        assert_eq!(
            (previous.from, previous.to),
            (date(2024, 12, 1), date(2025, 11, 1))
        );
    }

    #[test]
    fn months_and_dates_are_read_and_bad_ones_named() {
        let period = read_period(
            &filters(Some("2026-01"), Some("2026-03-15")),
            date(2026, 11, 30),
        )
        .unwrap();
        assert_eq!(period.each_month().len(), 3);
        assert_eq!(month_key(period.to), "2026-03");
        let problems =
            read_period(&filters(Some("January"), None), date(2026, 11, 30)).unwrap_err();
        assert_eq!(problems[0].field, "from");
        let problems = read_period(
            &filters(Some("2026-05"), Some("2026-04")),
            date(2026, 11, 30),
        )
        .unwrap_err();
        assert_eq!(problems[0].field, "from");
        assert!(read_period(&filters(Some("2000-01"), None), date(2026, 11, 30)).is_err());
    }
}
