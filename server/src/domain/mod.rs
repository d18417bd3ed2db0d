//! Types that parse and validate; no I/O.

pub mod local_time;
pub mod reference;
pub mod stored;
