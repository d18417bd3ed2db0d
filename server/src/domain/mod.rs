//! Types that parse and validate; no I/O.

pub mod reference;
