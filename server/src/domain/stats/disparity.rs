//! The disparity monitor: within one automated system, does one group of citizens (a region,
//! a language) get an outcome (a denial, an overturn) more or less often than everyone else?
//!
//! Each group is compared with the rest of the system's citizens pooled, not with the
//! average including itself, so a large group is not compared with mostly itself.
//!
//! - Rate ratio: the group's rate over the rest's rate, `(a / n1) / (c / n2)`, where `a` of
//!   the group's `n1` and `c` of the rest's `n2` had the outcome. 2.0 means twice as often.
//! - 95 % interval: on the log scale by Katz's method (Katz, Baptista, Azen and Pike,
//!   Biometrics 34 (1978) 469–474): standard error `√(1/a − 1/n1 + 1/c − 1/n2)`, interval
//!   `exp(ln ratio ± 1.96 × se)` (1.96 is [`super::normal::Z_95_TWO_SIDED`], 1.959964).
//! - Zero counts: when `a` or `c` is 0 the ratio or its standard error cannot be computed, so
//!   0.5 is added to each of the four cells of the table (had / had not the outcome, for the
//!   group and for the rest), which adds 1 to each total (the Haldane correction). The result
//!   says when this was done. Zeros among those who did not have the outcome need no
//!   correction: neither the ratio nor its standard error divides by them.
//! - Reading: the difference is "unlikely to be chance" when the interval lies wholly above 1
//!   (higher for the group) or wholly below 1 (lower), and the uncorrected rates differ in the
//!   same direction. The last condition matters only with the correction: adding 0.5 to a
//!   small group with no such outcome at all can lift its rate above a large rest's, and a
//!   count of zero must never be read as "higher". With no outcome in either there is no
//!   ratio to give.
//! - Small groups: a group or a rest of fewer citizens than the suppression threshold is
//!   hidden, since its rate would point at individuals and its interval is too wide to say
//!   anything. The figures of a shown comparison are exact; a public page passes its counts
//!   through [`super::suppression`] as for any other count.

use super::normal::Z_95_TWO_SIDED;
use super::suppression::is_suppressed;
use serde::{Deserialize, Serialize};

/// How many of a group had the outcome, out of how many.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
pub struct OutcomeCounts {
    outcome: u64,
    total: u64,
}

impl OutcomeCounts {
    /// `None` when more had the outcome than there were.
    pub fn new(outcome: u64, total: u64) -> Option<Self> {
        (outcome <= total).then_some(Self { outcome, total })
    }

    pub fn outcome(&self) -> u64 {
        self.outcome
    }

    pub fn total(&self) -> u64 {
        self.total
    }

    /// The counts of both together, saturating (still consistent: the outcome stays within
    /// the total).
    fn plus(self, other: Self) -> Self {
        Self {
            outcome: self.outcome.saturating_add(other.outcome),
            total: self.total.saturating_add(other.total),
        }
    }
}

/// What the comparison says, as data; pages put it into words in each language.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reading {
    /// The group has the outcome `ratio` times as often as the rest, unlikely to be chance.
    HigherFor { ratio: f64 },
    /// The group has the outcome `ratio` times as often as the rest (below 1), unlikely to be
    /// chance.
    LowerFor { ratio: f64 },
    /// No difference the counts can tell from chance.
    NoClearDifference,
}

/// The figures of one group against the rest.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Comparison {
    /// The group's rate, uncorrected.
    pub group_rate: f64,
    /// The rest's rate, uncorrected.
    pub rest_rate: f64,
    /// The rate ratio (with the Haldane correction when `corrected`); `None` when neither
    /// the group nor the rest had the outcome.
    pub ratio: Option<f64>,
    /// The 95 % interval of the ratio, `(low, high)`; `None` with the ratio.
    pub interval: Option<(f64, f64)>,
    /// Whether 0.5 was added to each cell because the group or the rest had no outcome.
    pub corrected: bool,
    /// Whether the interval excludes 1 in the direction of the uncorrected rates.
    pub unlikely_to_be_chance: bool,
    pub reading: Reading,
}

/// A group's comparison, or nothing when the group or the rest is too small to show.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Disparity {
    Hidden,
    Shown(Comparison),
}

/// One group of a system with its comparison against the system's other groups.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupDisparity<K> {
    pub group: K,
    pub disparity: Disparity,
}

/// Each group against all the others pooled, in the order given. Keys are whatever names the
/// groups (a region code, a language code).
pub fn disparities<K: Clone>(
    groups: &[(K, OutcomeCounts)],
    threshold: u64,
) -> Vec<GroupDisparity<K>> {
    groups
        .iter()
        .enumerate()
        .map(|(index, (key, counts))| {
            let rest = groups
                .iter()
                .enumerate()
                .filter(|(other, _)| *other != index)
                .fold(OutcomeCounts::default(), |sum, (_, (_, other))| {
                    sum.plus(*other)
                });
            GroupDisparity {
                group: key.clone(),
                disparity: compare(*counts, rest, threshold),
            }
        })
        .collect()
}

/// The group against the rest; hidden when either has fewer than `threshold` citizens (or
/// none at all).
pub fn compare(group: OutcomeCounts, rest: OutcomeCounts, threshold: u64) -> Disparity {
    if group.total == 0
        || rest.total == 0
        || is_suppressed(group.total, threshold)
        || is_suppressed(rest.total, threshold)
    {
        return Disparity::Hidden;
    }
    let group_rate = group.outcome as f64 / group.total as f64;
    let rest_rate = rest.outcome as f64 / rest.total as f64;
    let corrected = group.outcome == 0 || rest.outcome == 0;
    if group.outcome == 0 && rest.outcome == 0 {
        return Disparity::Shown(Comparison {
            group_rate,
            rest_rate,
            ratio: None,
            interval: None,
            corrected: false,
            unlikely_to_be_chance: false,
            reading: Reading::NoClearDifference,
        });
    }
    let (ratio, low, high) = katz(group, rest, corrected);
    // Compared in whole numbers so equal rates are equal: a·n2 against c·n1.
    let group_side = u128::from(group.outcome) * u128::from(rest.total);
    let rest_side = u128::from(rest.outcome) * u128::from(group.total);
    let reading = if low > 1.0 && group_side > rest_side {
        Reading::HigherFor { ratio }
    } else if high < 1.0 && group_side < rest_side {
        Reading::LowerFor { ratio }
    } else {
        Reading::NoClearDifference
    };
    Disparity::Shown(Comparison {
        group_rate,
        rest_rate,
        ratio: Some(ratio),
        interval: Some((low, high)),
        corrected,
        unlikely_to_be_chance: reading != Reading::NoClearDifference,
        reading,
    })
}

/// Rate ratio and its Katz 95 % interval, with 0.5 added to each cell when `corrected`.
/// The caller ensures both totals are positive and, uncorrected, both outcome counts.
fn katz(group: OutcomeCounts, rest: OutcomeCounts, corrected: bool) -> (f64, f64, f64) {
    let (cell, total) = if corrected { (0.5, 1.0) } else { (0.0, 0.0) };
    let a = group.outcome as f64 + cell;
    let n1 = group.total as f64 + total;
    let c = rest.outcome as f64 + cell;
    let n2 = rest.total as f64 + total;
    let ratio = (a / n1) / (c / n2);
    // Never negative in exact arithmetic (a ≤ n1, c ≤ n2); the floor keeps rounding from
    // taking the square root of a tiny negative number.
    let se = (1.0 / a - 1.0 / n1 + 1.0 / c - 1.0 / n2).max(0.0).sqrt();
    let spread = Z_95_TWO_SIDED * se;
    let log_ratio = ratio.ln();
    (
        ratio,
        (log_ratio - spread).exp(),
        (log_ratio + spread).exp(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(outcome: u64, total: u64) -> OutcomeCounts {
        OutcomeCounts::new(outcome, total).unwrap()
    }

    fn shown(disparity: Disparity) -> Comparison {
        match disparity {
            Disparity::Shown(comparison) => comparison,
            Disparity::Hidden => panic!("expected a comparison"),
        }
    }

    fn close(actual: f64, expected: f64) -> bool {
        (actual - expected).abs() < 1e-6
    }

    /// Checks ratio and interval against values computed independently with Python 3's
    /// `math` module from the formulas in the module comment (z = 1.9599639845400543).
    fn assert_figures(comparison: &Comparison, ratio: f64, low: f64, high: f64) {
        let actual_ratio = comparison.ratio.unwrap();
        let (actual_low, actual_high) = comparison.interval.unwrap();
        assert!(
            close(actual_ratio, ratio) && close(actual_low, low) && close(actual_high, high),
            "got {actual_ratio} ({actual_low}, {actual_high}), expected {ratio} ({low}, {high})"
        );
    }

    #[test]
    fn a_clearly_higher_rate_is_read_as_higher() {
        // 40 of 200 against 100 of 1,000: ratio 0.2 / 0.1 = 2;
        // se = √(1/40 − 1/200 + 1/100 − 1/1000) = √0.029 = 0.170294.
        let comparison = shown(compare(counts(40, 200), counts(100, 1000), 10));
        assert_figures(&comparison, 2.0, 1.432_437, 2.792_444);
        assert_eq!(comparison.group_rate, 0.2);
        assert_eq!(comparison.rest_rate, 0.1);
        assert!(!comparison.corrected);
        assert!(comparison.unlikely_to_be_chance);
        assert_eq!(comparison.reading, Reading::HigherFor { ratio: 2.0 });
    }

    #[test]
    fn a_clearly_lower_rate_is_read_as_lower() {
        // 10 of 200 against 100 of 1,000: ratio 0.5; se = √0.104 = 0.322490.
        let comparison = shown(compare(counts(10, 200), counts(100, 1000), 10));
        assert_figures(&comparison, 0.5, 0.265_745, 0.940_750);
        assert_eq!(comparison.reading, Reading::LowerFor { ratio: 0.5 });
    }

    #[test]
    fn twice_as_often_in_small_groups_is_not_yet_clear() {
        // 20 of 100 against 10 of 100: ratio 2, but se = √0.13 = 0.360555 and the interval
        // reaches just below 1.
        let comparison = shown(compare(counts(20, 100), counts(10, 100), 10));
        assert_figures(&comparison, 2.0, 0.986_563, 4.054_479);
        assert!(!comparison.unlikely_to_be_chance);
        assert_eq!(comparison.reading, Reading::NoClearDifference);
    }

    #[test]
    fn a_group_with_no_outcome_is_corrected_and_can_be_clearly_lower() {
        // 0 of 200 against 60 of 300, corrected: (0.5 / 201) / (60.5 / 301) = 0.012376.
        let comparison = shown(compare(counts(0, 200), counts(60, 300), 10));
        assert!(comparison.corrected);
        assert_eq!(comparison.group_rate, 0.0);
        assert_figures(&comparison, 0.012_376, 0.000_770, 0.198_994);
        assert!(
            matches!(comparison.reading, Reading::LowerFor { ratio } if close(ratio, 0.012_376))
        );
    }

    #[test]
    fn a_rest_with_no_outcome_is_corrected_and_can_be_clearly_higher() {
        // 12 of 40 against 0 of 200, corrected: (12.5 / 41) / (0.5 / 201) = 122.560976.
        let comparison = shown(compare(counts(12, 40), counts(0, 200), 10));
        assert!(comparison.corrected);
        assert_figures(&comparison, 122.560_976, 7.403_353, 2_028.971_651);
        assert!(matches!(comparison.reading, Reading::HigherFor { .. }));
    }

    #[test]
    fn a_zero_cell_with_a_wide_interval_is_no_clear_difference() {
        // 0 of 50 against 30 of 300, corrected: ratio 0.096753, interval up to 1.557435.
        let comparison = shown(compare(counts(0, 50), counts(30, 300), 10));
        assert_figures(&comparison, 0.096_753, 0.006_011, 1.557_435);
        assert_eq!(comparison.reading, Reading::NoClearDifference);
    }

    #[test]
    fn a_group_with_no_outcome_is_never_read_as_higher() {
        // 0 of 10 against 5 of 10,000: the correction lifts the small group to 0.5 / 11
        // and the interval (4.857939, 1406.254821) lies above 1, yet the group had none.
        let comparison = shown(compare(counts(0, 10), counts(5, 10_000), 10));
        assert_figures(&comparison, 82.652_893, 4.857_939, 1_406.254_821);
        assert!(!comparison.unlikely_to_be_chance);
        assert_eq!(comparison.reading, Reading::NoClearDifference);
        // And the mirror image: a rest with none is never read as the group being lower.
        let mirror = shown(compare(counts(5, 10_000), counts(0, 10), 10));
        assert_figures(&mirror, 0.012_099, 0.000_711, 0.205_849);
        assert_eq!(mirror.reading, Reading::NoClearDifference);
    }

    #[test]
    fn no_outcome_anywhere_gives_no_ratio() {
        let comparison = shown(compare(counts(0, 10), counts(0, 10_000), 10));
        assert_eq!(comparison.ratio, None);
        assert_eq!(comparison.interval, None);
        assert!(!comparison.corrected);
        assert_eq!(comparison.reading, Reading::NoClearDifference);
    }

    #[test]
    fn the_outcome_for_everyone_is_no_difference() {
        let comparison = shown(compare(counts(10, 10), counts(30, 30), 10));
        assert_figures(&comparison, 1.0, 1.0, 1.0);
        assert_eq!(comparison.reading, Reading::NoClearDifference);
    }

    #[test]
    fn groups_and_rests_below_the_threshold_are_hidden() {
        assert_eq!(
            compare(counts(5, 9), counts(50, 500), 10),
            Disparity::Hidden
        );
        assert_eq!(
            compare(counts(50, 500), counts(5, 9), 10),
            Disparity::Hidden
        );
        assert!(matches!(
            compare(counts(5, 10), counts(50, 500), 10),
            Disparity::Shown(_)
        ));
        assert!(matches!(
            compare(counts(50, 500), counts(5, 10), 10),
            Disparity::Shown(_)
        ));
    }

    #[test]
    fn empty_groups_are_hidden_whatever_the_threshold() {
        assert_eq!(compare(counts(0, 0), counts(5, 50), 0), Disparity::Hidden);
        assert_eq!(compare(counts(5, 50), counts(0, 0), 0), Disparity::Hidden);
    }

    #[test]
    fn counts_above_their_total_are_refused() {
        assert_eq!(OutcomeCounts::new(11, 10), None);
        assert_eq!(counts(10, 10).outcome(), 10);
        assert_eq!(counts(3, 10).total(), 10);
    }

    #[test]
    fn each_group_is_compared_with_all_the_others_pooled() {
        let groups = [
            ("ALA", counts(40, 200)),
            ("AST", counts(60, 600)),
            ("SHY", counts(40, 400)),
            ("KZY", counts(1, 5)),
        ];
        let result = disparities(&groups, 10);
        let keys: Vec<&str> = result.iter().map(|row| row.group).collect();
        assert_eq!(keys, vec!["ALA", "AST", "SHY", "KZY"]);
        // ALA against 60 + 40 + 1 = 101 of 600 + 400 + 5 = 1,005.
        assert_eq!(
            result[0].disparity,
            compare(counts(40, 200), counts(101, 1005), 10)
        );
        let ala = shown(result[0].disparity);
        assert!(close(ala.rest_rate, 101.0 / 1005.0));
        assert!(matches!(ala.reading, Reading::HigherFor { .. }));
        // AST against 81 of 605.
        assert_eq!(
            result[1].disparity,
            compare(counts(60, 600), counts(81, 605), 10)
        );
        assert_eq!(result[3].disparity, Disparity::Hidden);
    }

    #[test]
    fn a_single_group_has_no_rest_and_is_hidden() {
        let result = disparities(&[("kk", counts(30, 300))], 10);
        assert_eq!(result[0].disparity, Disparity::Hidden);
        assert!(disparities::<&str>(&[], 10).is_empty());
    }

    #[test]
    fn json_names_the_status_and_the_reading() {
        let hidden = serde_json::to_string(&Disparity::Hidden).unwrap();
        assert_eq!(hidden, r#"{"status":"hidden"}"#);
        let shown = serde_json::to_value(compare(counts(40, 200), counts(100, 1000), 10)).unwrap();
        assert_eq!(shown["status"], "shown");
        assert_eq!(shown["reading"]["kind"], "higher_for");
        assert_eq!(shown["reading"]["ratio"], 2.0);
        assert_eq!(shown["interval"].as_array().unwrap().len(), 2);
        let unclear = serde_json::to_value(Reading::NoClearDifference).unwrap();
        assert_eq!(unclear["kind"], "no_clear_difference");
    }
}
