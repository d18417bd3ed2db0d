//! Dates a citizen reads are local to the agency. Kazakhstan has kept one time zone, UTC+5,
//! since March 2024, so every Kazakh zone name maps to it; other zones are given as `UTC±H`.

use chrono::{Duration, Months, NaiveDate, NaiveDateTime};

/// A stored UTC time as RFC 3339 to the second (`2026-11-30T16:38:00Z`): how exports and the
/// API write times.
pub fn rfc3339_utc(at: NaiveDateTime) -> String {
    at.and_utc()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The offset from UTC, in hours, of an agency time zone.
pub fn utc_offset_hours(time_zone: &str) -> i64 {
    match time_zone {
        "Asia/Almaty" | "Asia/Astana" | "Asia/Aqtobe" | "Asia/Aqtau" | "Asia/Atyrau"
        | "Asia/Oral" | "Asia/Qostanay" | "Asia/Qyzylorda" => 5,
        "UTC" | "Etc/UTC" => 0,
        other => other
            .strip_prefix("UTC")
            .and_then(|offset| offset.parse::<i64>().ok())
            .filter(|h| (-12..=14).contains(h))
            .unwrap_or(5),
    }
}

/// The local calendar date of a UTC instant.
pub fn local_date(utc: NaiveDateTime, time_zone: &str) -> NaiveDate {
    (utc + Duration::hours(utc_offset_hours(time_zone))).date()
}

/// The last day to challenge: the local decision date plus the window, in calendar months
/// (the month's last day when the date does not exist, as 31 January + 1 month = 28 February).
pub fn challenge_until(
    decided_utc: NaiveDateTime,
    time_zone: &str,
    window_months: i32,
) -> NaiveDate {
    let decided = local_date(decided_utc, time_zone);
    decided
        .checked_add_months(Months::new(window_months.max(0) as u32))
        .unwrap_or(decided)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn an_evening_decision_in_utc_is_the_next_day_in_astana() {
        assert_eq!(
            local_date(at("2026-11-02 20:30"), "Asia/Almaty"),
            NaiveDate::from_ymd_opt(2026, 11, 3).unwrap()
        );
    }

    #[test]
    fn the_challenge_window_counts_calendar_months_and_clamps_month_ends() {
        assert_eq!(
            challenge_until(at("2026-11-02 10:15"), "Asia/Almaty", 3),
            NaiveDate::from_ymd_opt(2027, 2, 2).unwrap()
        );
        assert_eq!(
            challenge_until(at("2026-11-30 10:00"), "Asia/Almaty", 3),
            NaiveDate::from_ymd_opt(2027, 2, 28).unwrap()
        );
    }
}
