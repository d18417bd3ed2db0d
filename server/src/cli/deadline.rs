//! `redress deadline`: when is something due on an agency's calendar, and which days did the
//! count skip. The same function the workflow uses (`services::calendar::deadline`).

use crate::config::Settings;
use crate::domain::calendar::{DayOffReason, Deadline, SkippedReason};
use crate::services::calendar;
use chrono::NaiveDate;

/// Prints the due date of `working_days` working days after `from` for the agency `slug`.
pub fn run(settings: &Settings, agency: &str, from: &str, working_days: u32) -> anyhow::Result<()> {
    let from = NaiveDate::parse_from_str(from.trim(), "%Y-%m-%d")
        .map_err(|_| anyhow::anyhow!("--from must be a date as YYYY-MM-DD"))?;
    let mut conn = super::connection(settings)?;
    let deadline = calendar::deadline(&mut conn, agency, from, working_days)
        .map_err(super::agency_refusal(agency))?;
    print!("{}", describe(&deadline));
    Ok(())
}

/// The due date and how it was counted, as operators read it.
pub fn describe(deadline: &Deadline) -> String {
    let mut text = format!(
        "due: {} ({})\ncounted: {} working days after {}\n",
        deadline.due,
        deadline.due.format("%A"),
        deadline.working_days,
        deadline.start,
    );
    let ranges = deadline.skipped_ranges();
    let days_off: Vec<_> = ranges
        .iter()
        .filter(|range| range.reason != SkippedReason::Weekend)
        .collect();
    if days_off.is_empty() {
        text.push_str("days off skipped: none\n");
    } else {
        text.push_str("days off skipped:\n");
        for range in days_off {
            let dates = if range.first == range.last {
                range.first.to_string()
            } else {
                format!("{} to {}", range.first, range.last)
            };
            text.push_str(&format!("  {dates}  {}\n", reason(&range.reason)));
        }
    }
    let weekend = deadline
        .skipped
        .iter()
        .filter(|day| day.reason == SkippedReason::Weekend)
        .count();
    text.push_str(&format!("weekend days skipped: {weekend}\n"));
    text
}

fn reason(reason: &SkippedReason) -> String {
    let name = |key: &str| key.replace('_', " ");
    match reason {
        SkippedReason::Weekend => "weekend".into(),
        SkippedReason::Paused => "clock paused".into(),
        SkippedReason::DayOff(DayOffReason::Holiday(key)) => name(key),
        SkippedReason::DayOff(DayOffReason::MovedFrom { key, date }) => {
            format!("{} (moved from {date}, a weekend)", name(key))
        }
        SkippedReason::DayOff(DayOffReason::Exception(note)) => format!("day off: {note}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::WorkingCalendar;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn says_the_due_date_and_each_day_off_it_skipped() {
        let deadline =
            WorkingCalendar::kazakhstan(Vec::new()).add_working_days(date("2026-03-03"), 15);
        let text = describe(&deadline);
        assert!(
            text.starts_with(
                "due: 2026-03-30 (Monday)\ncounted: 15 working days after 2026-03-03\n"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "  2026-03-09  international womens day (moved from 2026-03-08, a weekend)\n"
            ),
            "{text}"
        );
        assert!(text.contains("nauryz meiramy"), "{text}");
        assert!(text.contains("weekend days skipped: "), "{text}");
    }
}
