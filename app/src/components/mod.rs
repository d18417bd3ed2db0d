//! Building blocks shared by pages.

pub mod appeal_table;
pub mod case_actions;
pub mod case_file;
pub mod deadline;
pub mod entry_fields;
pub mod form;
pub mod island;
pub mod layout;
pub mod pager;
pub mod reasons;
pub mod receipt;
pub mod stats_chart;
pub mod text;
