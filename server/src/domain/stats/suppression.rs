//! Small-number suppression: counts too small to publish safely.
//!
//! A published count of 2 appeals from one district against one system can point at two
//! people. Below a threshold (10 by default, set by the caller) a count is published only as
//! "fewer than N", and a rate built on such a count is not published at all: its numerator or
//! its denominator could be worked back from the rate and the other figure.
//!
//! Zero is suppressed like any other small count, so "none" and "a few" look the same and a
//! reader cannot tell which.

/// The threshold the portal uses unless configured otherwise: counts of 0 to 9 are shown as
/// "fewer than 10".
pub const DEFAULT_THRESHOLD: u64 = 10;

pub use app::types::PublicCount;

/// Whether a count is too small to publish: strictly below the threshold, so with the
/// default 9 is suppressed and 10 is shown. A threshold of 0 suppresses nothing.
pub fn is_suppressed(n: u64, threshold: u64) -> bool {
    n < threshold
}

/// The count as it may be published under `threshold`.
pub fn public_count(n: u64, threshold: u64) -> PublicCount {
    if is_suppressed(n, threshold) {
        PublicCount::FewerThan(threshold)
    } else {
        PublicCount::Exact(n)
    }
}

/// `numerator / denominator` as it may be published: withheld (`None`) when either count is
/// suppressed, and when the denominator is 0 (there is no rate to give).
pub fn public_rate(numerator: u64, denominator: u64, threshold: u64) -> Option<f64> {
    if denominator == 0
        || is_suppressed(numerator, threshold)
        || is_suppressed(denominator, threshold)
    {
        return None;
    }
    Some(numerator as f64 / denominator as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nine_is_hidden_and_ten_is_shown_with_the_default_threshold() {
        assert_eq!(
            public_count(9, DEFAULT_THRESHOLD),
            PublicCount::FewerThan(10)
        );
        assert_eq!(public_count(10, DEFAULT_THRESHOLD), PublicCount::Exact(10));
        assert_eq!(public_count(11, DEFAULT_THRESHOLD), PublicCount::Exact(11));
    }

    #[test]
    fn zero_is_hidden_like_any_small_count() {
        assert_eq!(public_count(0, 10), PublicCount::FewerThan(10));
        assert_eq!(public_count(0, 10).exact(), None);
    }

    #[test]
    fn the_threshold_is_the_callers() {
        assert_eq!(public_count(4, 5), PublicCount::FewerThan(5));
        assert_eq!(public_count(5, 5), PublicCount::Exact(5));
        assert_eq!(public_count(0, 0), PublicCount::Exact(0));
        assert_eq!(public_count(u64::MAX, 10).exact(), Some(u64::MAX));
    }

    #[test]
    fn a_rate_is_withheld_when_either_count_is_suppressed() {
        assert_eq!(public_rate(9, 100, 10), None);
        assert_eq!(public_rate(10, 9, 10), None);
        assert_eq!(public_rate(0, 1000, 10), None);
        assert_eq!(public_rate(10, 40, 10), Some(0.25));
        assert_eq!(public_rate(10, 10, 10), Some(1.0));
    }

    #[test]
    fn a_rate_over_nothing_is_withheld_even_without_suppression() {
        assert_eq!(public_rate(0, 0, 0), None);
        assert_eq!(public_rate(0, 0, 10), None);
        assert_eq!(public_rate(0, 4, 0), Some(0.0));
    }

    #[test]
    fn json_is_a_number_or_an_object_naming_the_threshold() {
        assert_eq!(
            serde_json::to_string(&PublicCount::Exact(42)).unwrap(),
            "42"
        );
        assert_eq!(
            serde_json::to_string(&PublicCount::FewerThan(10)).unwrap(),
            r#"{"fewer_than":10}"#
        );
        let counts = vec![public_count(3, 10), public_count(12, 10)];
        let json = serde_json::to_string(&counts).unwrap();
        assert_eq!(json, r#"[{"fewer_than":10},12]"#);
        let back: Vec<PublicCount> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, counts);
    }
}
