//! The two points of the standard normal distribution the statistics use, written once so every
//! interval and test on the portal is made with the same numbers.
//!
//! They are the exact quantiles rather than the rounded 1.96 and 1.645 of printed tables; the
//! difference shows only in the fourth decimal of an interval, and a figure on the portal then
//! matches what an analyst's statistics package gives.

/// The point with 2.5 % of the standard normal above it: a two-sided 95 % interval runs this
/// many standard errors either side of the estimate. Printed tables round it to 1.96.
pub const Z_95_TWO_SIDED: f64 = 1.959_963_984_540_054_3;

/// The point with 5 % of the standard normal above it: a one-sided test at the 95 % level
/// flags a z score greater than this. Printed tables round it to 1.645.
pub const Z_95_ONE_SIDED: f64 = 1.644_853_626_951_472_6;

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference values: Python 3, `statistics.NormalDist().inv_cdf(0.975)` and `(0.95)`,
    /// which agree with printed tables to the digits shown there.
    #[test]
    fn the_quantiles_match_the_tables() {
        assert!((Z_95_TWO_SIDED - 1.959_964).abs() < 1e-6);
        assert!((Z_95_ONE_SIDED - 1.644_854).abs() < 1e-6);
        assert_eq!(format!("{Z_95_TWO_SIDED:.2}"), "1.96");
        assert_eq!(format!("{Z_95_ONE_SIDED:.3}"), "1.645");
    }
}
