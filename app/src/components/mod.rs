//! Building blocks shared by pages.

pub mod chart;
pub mod form;
pub mod island;
pub mod layout;
pub mod pager;
pub mod text;
