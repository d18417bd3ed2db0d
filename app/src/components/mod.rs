//! Building blocks shared by pages.

pub mod chart;
pub mod form;
pub mod layout;
pub mod text;
