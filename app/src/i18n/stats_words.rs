//! How the statistics pages write their figures: counts with the locale's digit grouping, a
//! suppressed count as "fewer than 10", rates as percentages or per 1,000, changes against the
//! previous period, months by name, and the disparity monitor's readings as sentences.

pub use super::format::month_name;
use super::regions::{language_group, region_group};
use super::{counts, format_value, Locale};
use crate::tr;
use crate::types::{DisparityMeasure, GroupDimension, GroupReading, PublicCount};

/// The minus sign, not a hyphen: it is the width of the plus sign and reads as minus aloud.
const MINUS: char = '\u{2212}';

/// A whole number grouped by thousands in the reader's way: "2,000" and "12,400" in English;
/// "2000" and "12 400" in Russian and Kazakh, whose typography leaves four digits whole.
pub fn number(locale: Locale, n: u64) -> String {
    match locale {
        Locale::En => {
            let digits = n.to_string();
            let mut grouped = String::new();
            for (i, ch) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    grouped.push(',');
                }
                grouped.push(ch);
            }
            grouped
        }
        Locale::Kk | Locale::Ru => format_value(locale, &n.to_string(), None),
    }
}

/// `value` with one decimal, in the reader's decimal separator ("1.8", "1,8").
pub fn decimal(locale: Locale, value: f64) -> String {
    format_value(locale, &format!("{value:.1}"), None)
}

/// An interval's end with two decimals ("1.05"): with one, a lower end just above 1 would read
/// as "1.0" and seem to take in "no difference".
pub fn interval_end(locale: Locale, value: f64) -> String {
    format_value(locale, &format!("{value:.2}"), None)
}

/// A fraction as a percentage with one decimal ("12.5%", "12,5 %").
pub fn percent(locale: Locale, fraction: f64) -> String {
    let value = decimal(locale, fraction * 100.0);
    match locale {
        Locale::En => format!("{value}%"),
        // Russian and Kazakh typography separates the sign with a no-break space.
        Locale::Kk | Locale::Ru => format!("{value}\u{a0}%"),
    }
}

/// A fraction per 1,000 with one decimal ("23.4").
pub fn per_thousand(locale: Locale, fraction: f64) -> String {
    decimal(locale, fraction * 1000.0)
}

/// The threshold as the "fewer than" messages take it. Kazakh puts the comparison in the
/// number's ablative ending (10-нан, 20-дан, 5-тен), which depends on how the number is read,
/// so the ending is added here rather than in the message.
pub fn threshold_words(locale: Locale, n: u64) -> String {
    match locale {
        Locale::Kk => format!("{}-{}", number(locale, n), kk_ablative(n)),
        Locale::En | Locale::Ru => number(locale, n),
    }
}

/// The Kazakh ablative ending after a number, by the last word read aloud: its last sound
/// (a nasal takes -нан/-нен, a voiceless consonant -тан/-тен, the rest -дан/-ден) and its
/// vowels (back -ан, front -ен).
fn kk_ablative(n: u64) -> &'static str {
    const UNITS: [&str; 10] = [
        "", "ден", "ден", "тен", "тен", "тен", "дан", "ден", "ден", "дан",
    ];
    const TENS: [&str; 10] = [
        "", "нан", "дан", "дан", "тан", "ден", "тан", "тен", "нен", "нан",
    ];
    if n == 0 {
        // нөл
        "ден"
    } else if !n.is_multiple_of(10) {
        UNITS[(n % 10) as usize]
    } else if !n.is_multiple_of(100) {
        TENS[((n / 10) % 10) as usize]
    } else if !n.is_multiple_of(1000) {
        // жүз
        "ден"
    } else {
        // мың, миллион
        "нан"
    }
}

/// A count as it may be shown: the number, or "fewer than 10" when it was suppressed.
pub fn count(locale: Locale, count: PublicCount) -> String {
    match count {
        PublicCount::Exact(n) => number(locale, n),
        PublicCount::FewerThan(threshold) => tr!(
            locale,
            stats_fewer_than,
            number = threshold_words(locale, threshold)
        ),
    }
}

/// Why a rate is not shown: on public figures it was built on a suppressed count; on staff
/// figures there was nothing to divide by.
pub fn missing_rate(locale: Locale, public: bool, threshold: u64) -> String {
    if public {
        tr!(
            locale,
            stats_withheld,
            number = threshold_words(locale, threshold)
        )
    } else {
        tr!(locale, stats_no_data).to_string()
    }
}

fn signed(magnitude: String, negative: bool) -> String {
    let sign = if negative { MINUS } else { '+' };
    format!("{sign}{magnitude}")
}

/// The change of a count: "+1,204", "−35", or "no change".
pub fn count_change(locale: Locale, now: PublicCount, before: PublicCount) -> Option<String> {
    let (now, before) = (now.exact()?, before.exact()?);
    if now == before {
        return Some(tr!(locale, stats_no_change).to_string());
    }
    Some(signed(number(locale, now.abs_diff(before)), now < before))
}

/// The change of a rate in percentage points: "+3.1 points", "−0.4 п. п.".
pub fn points_change(locale: Locale, now: Option<f64>, before: Option<f64>) -> Option<String> {
    let delta = (now? - before?) * 100.0;
    let shown = decimal(locale, delta.abs());
    if shown == decimal(locale, 0.0) {
        return Some(tr!(locale, stats_no_change).to_string());
    }
    let value = signed(shown, delta < 0.0);
    Some(tr!(locale, stats_change_points, value = value))
}

/// The change of a rate per 1,000: "+2.3 per 1,000".
pub fn per_thousand_change(
    locale: Locale,
    now: Option<f64>,
    before: Option<f64>,
) -> Option<String> {
    let delta = (now? - before?) * 1000.0;
    let shown = decimal(locale, delta.abs());
    if shown == decimal(locale, 0.0) {
        return Some(tr!(locale, stats_no_change).to_string());
    }
    let value = signed(shown, delta < 0.0);
    Some(tr!(locale, stats_change_per_thousand, value = value))
}

/// The change of a number of working days: "−2 working days".
pub fn days_change(locale: Locale, now: Option<u32>, before: Option<u32>) -> Option<String> {
    let (now, before) = (now?, before?);
    if now == before {
        return Some(tr!(locale, stats_no_change).to_string());
    }
    let days = counts::working_days(locale, now.abs_diff(before));
    Some(signed(days, now < before))
}

/// What a disparity table compares, as the subject of its sentences: "Appeals", "Decisions
/// with the outcome “denied”".
pub fn measure_words(locale: Locale, measure: &DisparityMeasure) -> String {
    match measure {
        DisparityMeasure::Outcome { code } => {
            tr!(locale, stats_measure_outcome, code = code.clone())
        }
        DisparityMeasure::Appeal => tr!(locale, stats_measure_appeal).to_string(),
        DisparityMeasure::Overturn => tr!(locale, stats_measure_overturn).to_string(),
    }
}

/// A table's title: "Appeals, by region".
pub fn measure_title(locale: Locale, measure: &DisparityMeasure, by: GroupDimension) -> String {
    let what = match measure {
        DisparityMeasure::Outcome { code } => {
            tr!(locale, stats_measure_outcome_title, code = code.clone())
        }
        DisparityMeasure::Appeal => tr!(locale, stats_measure_appeal_title).to_string(),
        DisparityMeasure::Overturn => tr!(locale, stats_measure_overturn_title).to_string(),
    };
    match by {
        GroupDimension::Region => tr!(locale, stats_by_region, what = what),
        GroupDimension::Language => tr!(locale, stats_by_language, what = what),
    }
}

/// A group's people as a sentence names them.
pub fn group_words(locale: Locale, by: GroupDimension, group: &str) -> String {
    match by {
        GroupDimension::Region => region_group(locale, group),
        GroupDimension::Language => language_group(locale, group),
    }
}

/// A group's difference, flagged or not, in one sentence.
pub fn flagged_sentence(
    locale: Locale,
    measure: &DisparityMeasure,
    by: GroupDimension,
    group: &str,
    ratio: f64,
) -> String {
    let what = measure_words(locale, measure);
    let group = group_words(locale, by, group);
    let ratio_text = decimal(locale, ratio);
    if ratio >= 1.0 {
        tr!(
            locale,
            stats_reading_higher,
            what = what,
            group = group,
            ratio = ratio_text
        )
    } else {
        tr!(
            locale,
            stats_reading_lower,
            what = what,
            group = group,
            ratio = ratio_text
        )
    }
}

/// The plain-language reading of one group of a disparity table.
pub fn reading(
    locale: Locale,
    measure: &DisparityMeasure,
    by: GroupDimension,
    group: &str,
    reading: GroupReading,
) -> String {
    match reading {
        GroupReading::Hidden => tr!(locale, stats_reading_hidden).to_string(),
        GroupReading::NoClearDifference => tr!(locale, stats_reading_no_difference).to_string(),
        GroupReading::Higher { ratio } | GroupReading::Lower { ratio } => {
            flagged_sentence(locale, measure, by, group, ratio)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suppressed_counts_name_their_threshold_in_each_language() {
        let few = PublicCount::FewerThan(10);
        assert_eq!(count(Locale::En, few), "fewer than 10");
        assert_eq!(count(Locale::Ru, few), "менее 10");
        assert_eq!(count(Locale::Kk, few), "10-нан аз");
        assert_eq!(count(Locale::Kk, PublicCount::FewerThan(5)), "5-тен аз");
        assert_eq!(count(Locale::Kk, PublicCount::FewerThan(20)), "20-дан аз");
        assert_eq!(count(Locale::Kk, PublicCount::FewerThan(100)), "100-ден аз");
        assert_eq!(count(Locale::En, PublicCount::Exact(12400)), "12,400");
        assert_eq!(count(Locale::En, PublicCount::Exact(2000)), "2,000");
        assert_eq!(count(Locale::Ru, PublicCount::Exact(2000)), "2000");
        assert_eq!(count(Locale::En, PublicCount::Exact(999)), "999");
        assert_eq!(count(Locale::Ru, PublicCount::Exact(12400)), "12\u{a0}400");
    }

    #[test]
    fn rates_and_changes_read_in_the_readers_way() {
        assert_eq!(percent(Locale::En, 0.125), "12.5%");
        assert_eq!(percent(Locale::Ru, 0.125), "12,5\u{a0}%");
        assert_eq!(per_thousand(Locale::En, 0.0234), "23.4");
        assert_eq!(
            points_change(Locale::En, Some(0.20), Some(0.169)).as_deref(),
            Some("+3.1 points")
        );
        assert_eq!(
            days_change(Locale::En, Some(10), Some(12)).as_deref(),
            Some("\u{2212}2 working days")
        );
        assert_eq!(
            count_change(
                Locale::En,
                PublicCount::Exact(1500),
                PublicCount::Exact(1000)
            )
            .as_deref(),
            Some("+500")
        );
        assert_eq!(
            count_change(
                Locale::En,
                PublicCount::Exact(15),
                PublicCount::FewerThan(10)
            ),
            None,
            "no change is shown against a suppressed count"
        );
        assert_eq!(points_change(Locale::En, None, Some(0.1)), None);
        assert_eq!(
            points_change(Locale::En, Some(0.1), Some(0.1)).as_deref(),
            Some("no change")
        );
    }

    #[test]
    fn months_are_named() {
        assert_eq!(month_name(Locale::En, "2026-03"), "March 2026");
        assert_eq!(month_name(Locale::Ru, "2026-03"), "март 2026 г.");
        assert_eq!(month_name(Locale::Kk, "2026-03"), "2026 жылғы наурыз");
        assert_eq!(month_name(Locale::En, "2026-13"), "2026-13");
    }
}
