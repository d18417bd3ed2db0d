//! A deadline in words: how it was counted ("15 working days from 3 March 2026, skipping
//! 8 March (International Women's Day) and 21–23 March (Nauryz meiramy)") and where it stands.

use super::holiday;
use crate::i18n::{counts, format_date, format_day_range, Locale};
use crate::tr;
use crate::types::{
    CalendarDate, DeadlineStatus, DeadlineView, PeriodKind, SkippedView, SkippedWhy,
};

fn date(locale: Locale, d: CalendarDate) -> String {
    format_date(locale, d.year, d.month, d.day)
}

/// "15 working days", "3 месяца", "10 күнтізбелік күн".
pub fn period(locale: Locale, amount: u32, kind: PeriodKind) -> String {
    match kind {
        PeriodKind::WorkingDays => counts::working_days(locale, amount),
        PeriodKind::CalendarDays => tr!(locale, deadline_calendar_days, count = amount),
        PeriodKind::Months => tr!(locale, deadline_months, count = amount),
    }
}

/// How the deadline was counted, as a phrase the page puts in a sentence.
pub fn deadline_computed(locale: Locale, deadline: &DeadlineView) -> String {
    let counted = tr!(
        locale,
        deadline_counted,
        period = period(locale, deadline.amount, deadline.period),
        start = date(locale, deadline.start)
    );
    if deadline.skipped.is_empty() {
        return counted;
    }
    let days: Vec<String> = deadline
        .skipped
        .iter()
        .map(|s| skipped(locale, s, deadline.start.year))
        .collect();
    tr!(
        locale,
        deadline_counted_skipping,
        counted = counted,
        days = join_and(locale, &days)
    )
}

/// "8 March (International Women's Day)"; the year is written when it is not the start's.
fn skipped(locale: Locale, s: &SkippedView, start_year: i32) -> String {
    let days = format_day_range(
        locale,
        (s.first.year, s.first.month, s.first.day),
        (s.last.year, s.last.month, s.last.day),
        s.first.year != start_year,
    );
    let why = skipped_why(locale, &s.why);
    format!("{days} ({why})")
}

/// Why a day was not counted: the holiday's name, the holiday a moved day replaces, the
/// agency's note, or the pause.
pub fn skipped_why(locale: Locale, why: &SkippedWhy) -> String {
    match why {
        SkippedWhy::Holiday { key } => holiday(locale, key),
        SkippedWhy::MovedHoliday { key } => {
            tr!(
                locale,
                deadline_moved_holiday,
                holiday = holiday(locale, key)
            )
        }
        SkippedWhy::AgencyDayOff { note } if note.trim().is_empty() => {
            tr!(locale, deadline_agency_day_off).to_string()
        }
        SkippedWhy::AgencyDayOff { note } => {
            tr!(locale, deadline_agency_day_off_note, note = note.trim())
        }
        SkippedWhy::Paused => tr!(locale, deadline_paused).to_string(),
    }
}

/// "a, b and c" in the reader's language.
fn join_and(locale: Locale, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {} {last}", rest.join(", "), tr!(locale, deadline_and)),
    }
}

/// Where the deadline stands today, in words.
pub fn deadline_status(locale: Locale, status: DeadlineStatus) -> String {
    match status {
        DeadlineStatus::Met { on } => tr!(locale, deadline_status_met, date = date(locale, on)),
        DeadlineStatus::Ahead => tr!(locale, deadline_status_ahead).to_string(),
        DeadlineStatus::AtRisk => tr!(locale, deadline_status_at_risk).to_string(),
        DeadlineStatus::Overdue => tr!(locale, deadline_status_overdue).to_string(),
        DeadlineStatus::OnHold { since, remaining } => tr!(
            locale,
            deadline_status_on_hold,
            date = date(locale, since),
            days = counts::working_days(locale, remaining)
        ),
        DeadlineStatus::Moot => tr!(locale, deadline_status_moot).to_string(),
    }
}

/// The style of a status (`deadline-overdue` …); the words above always say it too.
pub fn deadline_status_class(status: DeadlineStatus) -> &'static str {
    match status {
        DeadlineStatus::Met { .. } => "deadline-met",
        DeadlineStatus::Ahead => "deadline-ahead",
        DeadlineStatus::AtRisk => "deadline-at-risk",
        DeadlineStatus::Overdue => "deadline-overdue",
        DeadlineStatus::OnHold { .. } => "deadline-on-hold",
        DeadlineStatus::Moot => "deadline-moot",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::DeadlineKind;

    fn d(year: i32, month: u32, day: u32) -> CalendarDate {
        CalendarDate { year, month, day }
    }

    fn decide(amount: u32, skipped: Vec<SkippedView>) -> DeadlineView {
        DeadlineView {
            kind: DeadlineKind::Decide,
            start: d(2026, 3, 3),
            amount,
            period: PeriodKind::WorkingDays,
            due: Some(d(2026, 3, 30)),
            skipped,
            status: DeadlineStatus::Ahead,
            extension_reason: None,
        }
    }

    fn holiday_run(first: CalendarDate, last: CalendarDate, key: &str) -> SkippedView {
        SkippedView {
            first,
            last,
            why: SkippedWhy::Holiday { key: key.into() },
        }
    }

    #[test]
    fn a_deadline_says_how_it_was_counted_and_what_it_skipped() {
        let skipped = vec![
            holiday_run(d(2026, 3, 8), d(2026, 3, 8), "international_womens_day"),
            holiday_run(d(2026, 3, 21), d(2026, 3, 23), "nauryz_meiramy"),
        ];
        let deadline = decide(15, skipped);
        assert_eq!(
            deadline_computed(Locale::En, &deadline),
            "15 working days from 3 March 2026, skipping 8 March (International Women's Day) \
             and 21\u{2013}23 March (Nauryz meiramy)"
        );
        assert_eq!(
            deadline_computed(Locale::Ru, &deadline),
            "15 рабочих дней после 3 марта 2026 г., не считая 8 марта (Международный женский \
             день) и 21\u{2013}23 марта (Наурыз мейрамы)"
        );
        assert!(deadline_computed(Locale::Kk, &deadline)
            .starts_with("2026 жылғы 3 наурыз күнінен кейінгі 15 жұмыс күні"));
        assert_eq!(
            deadline_computed(Locale::Ru, &decide(1, Vec::new())),
            "1 рабочий день после 3 марта 2026 г."
        );
        assert_eq!(
            deadline_computed(Locale::Ru, &decide(2, Vec::new())),
            "2 рабочих дня после 3 марта 2026 г."
        );
    }

    #[test]
    fn a_paused_clock_says_how_many_days_remain() {
        let status = DeadlineStatus::OnHold {
            since: d(2026, 3, 10),
            remaining: 5,
        };
        assert!(deadline_status(Locale::Ru, status).contains("5 рабочих дней"));
        assert!(deadline_status(Locale::En, status).contains("5 working days"));
        assert_eq!(period(Locale::Ru, 3, PeriodKind::Months), "3 месяца");
        assert_eq!(
            period(Locale::En, 1, PeriodKind::CalendarDays),
            "1 calendar day"
        );
    }
}
