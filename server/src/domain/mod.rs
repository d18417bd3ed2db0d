//! Types that parse and validate; no I/O.

pub mod appeal;
pub mod attempts;
pub mod calendar;
pub mod decision;
pub mod decision_quality;
pub mod decision_walk;
pub mod decision_wire;
pub mod local_time;
#[cfg(test)]
mod properties;
pub mod reference;
pub mod register_walk;
pub mod retention;
pub mod rules;
pub mod stats;
pub mod stored;
pub mod strict_json;
pub mod validator;
