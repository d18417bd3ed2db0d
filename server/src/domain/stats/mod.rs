//! Statistics on appeals, for the ombudsmen's dashboards, the public statistics page and the
//! API: rates, durations, the disparity monitor and the systems of concern.
//!
//! Every figure is a pure function of counts the caller has already taken from storage, so
//! the same counts always give the same page, and each method can be checked by hand against
//! its description here. Nothing in this module writes words for readers: results are data
//! (numbers, and enums such as [`Reading`]) that pages put into each language.
//!
//! - [`suppression`]: counts below a threshold (10 by default) shown only as "fewer than N",
//!   and rates on such counts withheld.
//! - [`rates`]: appeal, overturn, breach and escalation rates, with a 95 % Wilson interval.
//! - [`percentiles`]: median and 90th percentile of durations in working days, by nearest
//!   rank.
//! - [`disparity`]: one group of a system's citizens against the rest, as a rate ratio with a
//!   95 % interval (Katz, with the Haldane correction for zero counts).
//! - [`concern`]: systems whose overturn or breach rate stands out against all other systems
//!   pooled (one-sided two-proportion z-test at 95 %, with a minimum of appeals).
//! - [`normal`]: the standard normal points the intervals and the test use.
//!
//! Small counts: [`suppression`] decides what may be published. The disparity monitor hides
//! small groups itself; rates, durations and concerns give exact figures, and a page that
//! publishes them passes their counts through [`suppression`] first.

pub mod appeal_result;
pub mod concern;
pub mod disparity;
pub mod normal;
pub mod percentiles;
pub mod rates;
pub mod suppression;

pub use appeal_result::{answer_working_days, AppealResult};
pub use concern::{
    stands_out, systems_of_concern, z_score, Concern, Measure, Standout, SystemCounts,
    DEFAULT_MIN_APPEALS,
};
pub use disparity::{
    compare, disparities, Comparison, Disparity, GroupDisparity, OutcomeCounts, Reading,
};
pub use normal::{Z_95_ONE_SIDED, Z_95_TWO_SIDED};
pub use percentiles::{
    median, nearest_rank, percentile_90, summarize, summarize_counts, DurationSummary,
};
pub use rates::{appeal_rate, breach_rate, escalation_rate, overturn_rate, Rate};
pub use suppression::{is_suppressed, public_count, public_rate, PublicCount, DEFAULT_THRESHOLD};
