//! The redress statistics: the figures kept up to date as decisions and appeals change, the
//! report the dashboards, the public page, the exports and the API show, and the systemic
//! review notes the ombudsman opens (docs/statistics.md).

pub mod catalogue;
pub mod disparity_tables;
pub mod export;
pub mod period;
pub mod report;
pub mod reviews;
pub mod rollup;
pub mod upkeep;

pub use report::{report, StatsViewer, Strictness};
