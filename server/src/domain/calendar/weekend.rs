//! The days of the week on which an agency does not work. Kazakhstan rests on Saturday and
//! Sunday; other countries rest on other days, so the weekend is configuration, not code.

use chrono::Weekday;
use std::fmt;

/// The days of the week, from Monday on.
pub const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// The weekly days off. At least one day of the week is always a working day, so every count
/// of working days ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weekend {
    /// Indexed by days from Monday.
    resting: [bool; 7],
}

/// Why a weekend was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeekendError {
    /// Every day of the week was given as a day off: no deadline could ever fall due.
    NoWorkingWeekday,
}

impl fmt::Display for WeekendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoWorkingWeekday => f.write_str("a weekend must leave at least one working day"),
        }
    }
}

impl std::error::Error for WeekendError {}

impl Weekend {
    /// Saturday and Sunday, as in Kazakhstan.
    pub fn saturday_and_sunday() -> Self {
        Self {
            resting: [false, false, false, false, false, true, true],
        }
    }

    /// The given days; repeats are ignored and an empty list means a seven-day working week.
    pub fn of(days: &[Weekday]) -> Result<Self, WeekendError> {
        let mut resting = [false; 7];
        for day in days {
            resting[day.num_days_from_monday() as usize] = true;
        }
        if resting.iter().all(|rests| *rests) {
            return Err(WeekendError::NoWorkingWeekday);
        }
        Ok(Self { resting })
    }

    /// Whether `day` is a weekly day off.
    pub fn contains(&self, day: Weekday) -> bool {
        self.resting[day.num_days_from_monday() as usize]
    }

    /// The weekly days off, from Monday on.
    pub fn days(&self) -> Vec<Weekday> {
        WEEK.into_iter().filter(|day| self.contains(*day)).collect()
    }
}

impl Default for Weekend {
    fn default() -> Self {
        Self::saturday_and_sunday()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_weekend_is_saturday_and_sunday() {
        let weekend = Weekend::default();
        assert_eq!(weekend.days(), vec![Weekday::Sat, Weekday::Sun]);
        assert!(!weekend.contains(Weekday::Fri));
    }

    #[test]
    fn a_friday_and_saturday_weekend_leaves_sunday_working() {
        let weekend = Weekend::of(&[Weekday::Fri, Weekday::Sat]).unwrap();
        assert!(weekend.contains(Weekday::Fri));
        assert!(weekend.contains(Weekday::Sat));
        assert!(!weekend.contains(Weekday::Sun));
    }

    #[test]
    fn a_weekend_of_all_seven_days_is_refused() {
        let all = WEEK;
        assert_eq!(Weekend::of(&all), Err(WeekendError::NoWorkingWeekday));
        assert!(Weekend::of(&all[..6]).is_ok());
    }

    #[test]
    fn an_empty_weekend_means_every_day_is_worked_and_repeats_are_ignored() {
        assert!(Weekend::of(&[]).unwrap().days().is_empty());
        assert_eq!(
            Weekend::of(&[Weekday::Sun, Weekday::Sun]).unwrap().days(),
            vec![Weekday::Sun]
        );
    }
}
