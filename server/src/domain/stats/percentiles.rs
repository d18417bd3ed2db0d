//! How long appeals take, as the median and the 90th percentile of durations in working days.
//!
//! The method is the nearest rank: the p-th percentile is the smallest of the values such that
//! at least p % of all values are less than or equal to it. Put the n values in order, take
//! the rank `⌈p × n / 100⌉` (at least 1), and read the value at that rank. For 10 durations
//! the median is the 5th shortest and the 90th percentile the 9th shortest.
//!
//! It is the method to explain to an ombudsman in one sentence ("nine in ten appeals were
//! answered within 14 working days"), and the answer is always a duration that actually
//! occurred, in whole working days. The price is that the median of an even number of values
//! is the lower of the two middle ones, not their average: of 4, 6, 8, 10 it is 6, where a
//! spreadsheet's MEDIAN gives 7.
//!
//! A percentile of a handful of durations can identify the appeals behind it; pages show
//! these figures only where the count of durations passes [`super::suppression`].

use serde::{Deserialize, Serialize};

/// The median and the 90th percentile of a set of durations, with how many there were.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DurationSummary {
    pub count: u64,
    pub median: u32,
    pub percentile_90: u32,
}

/// The `percent`-th percentile of `values` by the nearest rank; `None` for no values or a
/// percentage above 100. The 0th percentile is the smallest value, the 100th the largest.
pub fn nearest_rank(values: &[u32], percent: u32) -> Option<u32> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    nearest_rank_of_sorted(&sorted, percent)
}

/// The median by the nearest rank (the lower middle value for an even count).
pub fn median(values: &[u32]) -> Option<u32> {
    nearest_rank(values, 50)
}

/// The 90th percentile by the nearest rank.
pub fn percentile_90(values: &[u32]) -> Option<u32> {
    nearest_rank(values, 90)
}

/// Count, median and 90th percentile in one pass over a sorted copy; `None` for no values.
pub fn summarize(values: &[u32]) -> Option<DurationSummary> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    Some(DurationSummary {
        count: u64::try_from(sorted.len()).ok()?,
        median: nearest_rank_of_sorted(&sorted, 50)?,
        percentile_90: nearest_rank_of_sorted(&sorted, 90)?,
    })
}

/// Count, median and 90th percentile from how many durations had each value (a histogram,
/// as the database counts them), by the same nearest rank as [`summarize`]; `None` when the
/// histogram holds nothing.
pub fn summarize_counts(counts: &std::collections::BTreeMap<u32, u64>) -> Option<DurationSummary> {
    let total: u64 = counts.values().sum();
    if total == 0 {
        return None;
    }
    let at_rank = |percent: u64| {
        let rank = (percent * total).div_ceil(100).max(1);
        let mut seen = 0;
        counts.iter().find_map(|(value, count)| {
            seen += count;
            (seen >= rank).then_some(*value)
        })
    };
    Some(DurationSummary {
        count: total,
        median: at_rank(50)?,
        percentile_90: at_rank(90)?,
    })
}

/// The nearest-rank percentile of values already in ascending order.
fn nearest_rank_of_sorted(sorted: &[u32], percent: u32) -> Option<u32> {
    if sorted.is_empty() || percent > 100 {
        return None;
    }
    let n = u64::try_from(sorted.len()).ok()?;
    let rank = (u64::from(percent) * n).div_ceil(100).max(1);
    let index = usize::try_from(rank - 1).ok()?;
    sorted.get(index).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The worked examples of the nearest-rank method in Wikipedia's "Percentile" article
    /// (section "The nearest-rank method"), where the values are given.
    #[test]
    fn the_reference_examples_of_the_method_come_out() {
        let five = [15, 20, 35, 40, 50];
        assert_eq!(nearest_rank(&five, 5), Some(15));
        assert_eq!(nearest_rank(&five, 30), Some(20));
        assert_eq!(nearest_rank(&five, 40), Some(20));
        assert_eq!(nearest_rank(&five, 50), Some(35));
        assert_eq!(nearest_rank(&five, 100), Some(50));

        let ten = [3, 6, 7, 8, 8, 10, 13, 15, 16, 20];
        assert_eq!(nearest_rank(&ten, 25), Some(7));
        assert_eq!(nearest_rank(&ten, 50), Some(8));
        assert_eq!(nearest_rank(&ten, 75), Some(15));
        assert_eq!(nearest_rank(&ten, 100), Some(20));

        let eleven = [3, 6, 7, 8, 8, 9, 10, 13, 15, 16, 20];
        assert_eq!(nearest_rank(&eleven, 25), Some(7));
        assert_eq!(nearest_rank(&eleven, 50), Some(9));
        assert_eq!(nearest_rank(&eleven, 75), Some(15));
        assert_eq!(nearest_rank(&eleven, 100), Some(20));
    }

    #[test]
    fn order_of_the_input_does_not_matter() {
        let shuffled = [20, 3, 16, 8, 13, 6, 15, 8, 10, 7];
        assert_eq!(median(&shuffled), Some(8));
        // Rank ⌈90 × 10 / 100⌉ = 9: the 9th shortest of 3 6 7 8 8 10 13 15 16 20.
        assert_eq!(percentile_90(&shuffled), Some(16));
    }

    #[test]
    fn the_median_of_an_even_count_is_the_lower_middle_value() {
        assert_eq!(median(&[4, 6, 8, 10]), Some(6));
        assert_eq!(median(&[1, 2]), Some(1));
    }

    #[test]
    fn no_values_give_no_percentile() {
        assert_eq!(median(&[]), None);
        assert_eq!(percentile_90(&[]), None);
        assert_eq!(nearest_rank(&[], 0), None);
        assert_eq!(summarize(&[]), None);
    }

    #[test]
    fn a_single_value_is_every_percentile() {
        for percent in [0, 1, 50, 90, 100] {
            assert_eq!(nearest_rank(&[12], percent), Some(12));
        }
    }

    #[test]
    fn the_ends_are_the_smallest_and_largest_value() {
        let values = [9, 2, 5];
        assert_eq!(nearest_rank(&values, 0), Some(2));
        assert_eq!(nearest_rank(&values, 100), Some(9));
        assert_eq!(nearest_rank(&values, 101), None);
    }

    #[test]
    fn the_90th_percentile_moves_rank_at_each_tenth() {
        // 1..=20: rank ⌈0.9 × 20⌉ = 18. 1..=21: rank ⌈18.9⌉ = 19.
        let twenty: Vec<u32> = (1..=20).collect();
        let twenty_one: Vec<u32> = (1..=21).collect();
        assert_eq!(percentile_90(&twenty), Some(18));
        assert_eq!(percentile_90(&twenty_one), Some(19));
        // Nine values: rank ⌈8.1⌉ = 9, the largest.
        assert_eq!(percentile_90(&[1, 2, 3, 4, 5, 6, 7, 8, 9]), Some(9));
    }

    #[test]
    fn equal_durations_are_counted_each_time() {
        assert_eq!(median(&[5, 5, 5, 30]), Some(5));
        assert_eq!(percentile_90(&[5, 5, 5, 30]), Some(30));
    }

    #[test]
    fn the_summary_gives_count_median_and_90th_percentile() {
        let summary = summarize(&[14, 3, 7, 30, 5, 9, 11, 2, 8, 6]).unwrap();
        // Sorted: 2 3 5 6 7 8 9 11 14 30; ranks 5 and 9.
        assert_eq!(
            summary,
            DurationSummary {
                count: 10,
                median: 7,
                percentile_90: 14,
            }
        );
        let json = serde_json::to_string(&summary).unwrap();
        assert_eq!(json, r#"{"count":10,"median":7,"percentile_90":14}"#);
    }

    #[test]
    fn a_histogram_gives_the_same_summary_as_its_values() {
        let values = [4, 6, 8, 10, 10, 3, 21, 6, 6, 2, 15];
        let mut counts = std::collections::BTreeMap::new();
        for value in values {
            *counts.entry(value).or_insert(0u64) += 1;
        }
        assert_eq!(summarize_counts(&counts), summarize(&values));
        assert_eq!(summarize_counts(&std::collections::BTreeMap::new()), None);
    }
}
