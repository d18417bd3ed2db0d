//! Rates the dashboards show, kept as the two counts they come from so every page can give the
//! counts beside the rate, suppress either (see [`super::suppression`]), and say how sure the
//! rate is.
//!
//! The measures, each as numerator over denominator for one period:
//!
//! - appeal rate: appeals filed over decisions issued, shown per 1,000 decisions;
//! - overturn rate: appeals overturned plus appeals partially overturned, over appeals the
//!   agency decided (upheld, overturned or partially overturned);
//! - breach rate: appeals answered after their decide-by deadline or still unanswered past it,
//!   over appeals whose deadline fell due;
//! - escalation rate: appeals the citizen escalated to the ombudsman, over appeals the agency
//!   decided (only a decided appeal can be escalated).

use super::normal::Z_95_TWO_SIDED;
use serde::{Deserialize, Serialize};

/// A count out of a total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rate {
    pub numerator: u64,
    pub denominator: u64,
}

impl Rate {
    pub const fn new(numerator: u64, denominator: u64) -> Self {
        Self {
            numerator,
            denominator,
        }
    }

    /// The rate as a fraction (0.25 for 1 in 4); `None` when the denominator is 0, since
    /// "0 of 0" is no rate rather than a rate of zero.
    pub fn value(&self) -> Option<f64> {
        if self.denominator == 0 {
            return None;
        }
        Some(self.numerator as f64 / self.denominator as f64)
    }

    /// The rate per 1,000, as the appeal rate is shown.
    pub fn per_thousand(&self) -> Option<f64> {
        self.value().map(|value| value * 1000.0)
    }

    /// The 95 % Wilson score interval of the rate, as fractions.
    ///
    /// Chosen over the textbook "rate ± 1.96 standard errors" because that one gives an
    /// interval of width zero at 0 of 20 and runs below 0 or above 1 for small counts, which
    /// are common per system and per month; the Wilson interval stays within 0 to 1 and is
    /// sensible down to a handful of cases (Newcombe, Statistics in Medicine 17 (1998)
    /// 857–872). `None` when the denominator is 0, and when the numerator exceeds it (the
    /// counts are then not a share of one another).
    pub fn interval(&self) -> Option<(f64, f64)> {
        wilson(self.numerator, self.denominator, Z_95_TWO_SIDED)
    }
}

/// Wilson score interval for `successes` out of `trials` with `z` standard errors:
/// centre `(p + z²/2n) / (1 + z²/n)`, half-width `z / (1 + z²/n) · √(p(1−p)/n + z²/4n²)`.
/// The ends are clamped to 0 and 1, and set to exactly 0 at no successes and exactly 1 at
/// all successes, where rounding would otherwise leave a trace.
fn wilson(successes: u64, trials: u64, z: f64) -> Option<(f64, f64)> {
    if trials == 0 || successes > trials {
        return None;
    }
    let n = trials as f64;
    let p = successes as f64 / n;
    let z2 = z * z;
    let scale = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / scale;
    let half_width = z / scale * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    let low = if successes == 0 {
        0.0
    } else {
        (centre - half_width).max(0.0)
    };
    let high = if successes == trials {
        1.0
    } else {
        (centre + half_width).min(1.0)
    };
    Some((low, high))
}

/// Appeals filed over decisions issued; read it with [`Rate::per_thousand`].
pub fn appeal_rate(appeals: u64, decisions: u64) -> Rate {
    Rate::new(appeals, decisions)
}

/// Overturned and partially overturned appeals over appeals decided. A partial overturn
/// counts in full: the citizen was right about something the system decided.
pub fn overturn_rate(overturned: u64, partially_overturned: u64, decided: u64) -> Rate {
    Rate::new(overturned.saturating_add(partially_overturned), decided)
}

/// Appeals that missed their decide-by deadline over appeals whose deadline fell due.
pub fn breach_rate(breached: u64, due: u64) -> Rate {
    Rate::new(breached, due)
}

/// Appeals escalated to the ombudsman over appeals the agency decided.
pub fn escalation_rate(escalated: u64, decided: u64) -> Rate {
    Rate::new(escalated, decided)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(actual: f64, expected: f64, tolerance: f64) -> bool {
        (actual - expected).abs() < tolerance
    }

    fn assert_interval(rate: Rate, low: f64, high: f64, tolerance: f64) {
        let (actual_low, actual_high) = rate.interval().unwrap();
        assert!(
            close(actual_low, low, tolerance) && close(actual_high, high, tolerance),
            "{rate:?}: got ({actual_low}, {actual_high}), expected ({low}, {high})"
        );
    }

    #[test]
    fn a_rate_is_its_numerator_over_its_denominator() {
        assert_eq!(Rate::new(1, 4).value(), Some(0.25));
        assert_eq!(Rate::new(0, 7).value(), Some(0.0));
        assert_eq!(Rate::new(7, 7).value(), Some(1.0));
    }

    #[test]
    fn no_denominator_means_no_rate_and_no_interval() {
        assert_eq!(Rate::new(0, 0).value(), None);
        assert_eq!(Rate::new(3, 0).value(), None);
        assert_eq!(Rate::new(0, 0).per_thousand(), None);
        assert_eq!(Rate::new(0, 0).interval(), None);
    }

    #[test]
    fn the_appeal_rate_is_given_per_thousand_decisions() {
        // 37 appeals on 12,500 decisions: 37 / 12.5 = 2.96 per 1,000.
        let per_thousand = appeal_rate(37, 12_500).per_thousand().unwrap();
        assert!(close(per_thousand, 2.96, 1e-9));
        assert_eq!(appeal_rate(0, 500).per_thousand(), Some(0.0));
    }

    #[test]
    fn the_overturn_rate_counts_partial_overturns() {
        let rate = overturn_rate(6, 4, 40);
        assert_eq!(rate, Rate::new(10, 40));
        assert_eq!(rate.value(), Some(0.25));
        assert_eq!(overturn_rate(u64::MAX, 1, 5).numerator, u64::MAX);
    }

    #[test]
    fn breach_and_escalation_rates_keep_their_counts() {
        assert_eq!(breach_rate(3, 60), Rate::new(3, 60));
        assert_eq!(escalation_rate(5, 50).value(), Some(0.1));
    }

    /// Newcombe, "Two-sided confidence intervals for the single proportion: comparison of
    /// seven methods", Statistics in Medicine 17 (1998) 857–872, Table II, method 3 (score
    /// interval without continuity correction), printed to four decimals.
    #[test]
    fn the_interval_matches_newcombes_published_examples() {
        assert_interval(Rate::new(81, 263), 0.2553, 0.3662, 5e-5);
        assert_interval(Rate::new(15, 148), 0.0624, 0.1605, 5e-5);
        assert_interval(Rate::new(0, 20), 0.0, 0.1611, 5e-5);
        assert_interval(Rate::new(1, 29), 0.0061, 0.1718, 5e-5);
    }

    /// Expected values computed independently with Python 3's `math` module from the same
    /// formula, z = `statistics.NormalDist().inv_cdf(0.975)`.
    #[test]
    fn the_interval_matches_an_independent_computation() {
        assert_interval(Rate::new(5, 10), 0.236_593, 0.763_407, 1e-6);
        assert_interval(Rate::new(10, 10), 0.722_467, 1.0, 1e-6);
        assert_interval(Rate::new(0, 1), 0.0, 0.793_451, 1e-6);
    }

    #[test]
    fn the_ends_are_exact_at_none_and_at_all() {
        assert_eq!(Rate::new(0, 20).interval().unwrap().0, 0.0);
        assert_eq!(Rate::new(10, 10).interval().unwrap().1, 1.0);
    }

    #[test]
    fn the_interval_holds_the_rate_and_stays_within_zero_and_one() {
        for (numerator, denominator) in [(0, 1), (1, 1), (1, 2), (3, 11), (999, 1000), (1, 1000)] {
            let rate = Rate::new(numerator, denominator);
            let (low, high) = rate.interval().unwrap();
            let value = rate.value().unwrap();
            assert!(
                0.0 <= low && low <= value && value <= high && high <= 1.0,
                "{rate:?}"
            );
        }
    }

    #[test]
    fn more_appeals_than_decisions_give_a_rate_but_no_interval() {
        let rate = appeal_rate(12, 10);
        assert_eq!(rate.value(), Some(1.2));
        assert_eq!(rate.interval(), None);
    }

    #[test]
    fn a_rate_survives_a_round_trip_through_json() {
        let rate = Rate::new(3, 60);
        let json = serde_json::to_string(&rate).unwrap();
        assert_eq!(json, r#"{"numerator":3,"denominator":60}"#);
        assert_eq!(serde_json::from_str::<Rate>(&json).unwrap(), rate);
    }
}
