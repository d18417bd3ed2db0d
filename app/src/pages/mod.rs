//! One module per page.

pub mod accessibility;
pub mod admin_outbox;
pub mod agency;
pub mod agency_calendar;
pub mod appeal;
pub mod appeal_actions;
pub mod appeal_evidence_form;
pub mod appeal_receipt;
#[cfg(all(test, feature = "ssr"))]
mod appeal_render_tests;
pub mod appeal_sections;
pub mod challenge;
pub mod challenge_fields;
pub mod citizen_link;
#[cfg(all(test, feature = "ssr"))]
mod citizen_render_tests;
pub mod citizen_signin;
pub mod confirm_address;
pub mod explanation;
pub mod explanation_action;
#[cfg(all(test, feature = "ssr"))]
mod explanation_render_tests;
pub mod find;
pub mod home;
pub mod my_data;
pub mod my_home;
pub mod not_found;
pub mod ombudsman;
pub mod password;
pub mod privacy;
pub mod receipt_verify;
pub mod register;
pub mod register_draft;
pub mod register_edit;
pub mod register_entry;
pub mod register_quality;
#[cfg(all(test, feature = "ssr"))]
mod render_support;
pub mod signin;
pub mod signin_code;
pub mod staff_accounts;
pub mod staff_appeal;
#[cfg(all(test, feature = "ssr"))]
mod staff_appeal_render_tests;
pub mod staff_appeals;
pub mod staff_decisions;
pub mod staff_drafts;
pub mod staff_flags;
pub mod staff_home;
pub mod staff_quality;
pub mod stats;
mod stats_cells;
mod stats_concerns;
mod stats_disparity;
mod stats_filters;
mod stats_headline;
#[cfg(all(test, feature = "ssr"))]
mod stats_render_tests;
mod stats_sort;
mod stats_tables;
pub mod status;
pub mod two_factor;
