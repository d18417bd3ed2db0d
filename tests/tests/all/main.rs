//! Every integration and browser test, in one binary with one module per area.
//!
//! Each test binary links the whole server and Leptos; one binary links them once instead of
//! once per file, which is most of the build time of the test suite on a small machine. Add a
//! new area as a module here, not as a new file beside this folder. Browser tests live in
//! `browser` and are kept to one at a time by `.config/nextest.toml` (filter `test(/^browser::/)`).

mod accessibility;
mod api_contract;
mod api_decisions;
mod api_decisions_large;
mod api_snapshots;
mod api_systems;
mod appeal_pages;
mod appeals;
mod bench_ingest;
mod browser;
mod browser_a11y;
mod browser_appeals;
mod browser_password;
mod browser_reasons;
mod browser_register;
mod browser_stats;
mod citizen;
mod citizen_email;
mod database;
mod deadlines;
mod decision_quality;
mod explanation_reasons;
mod key_rotation;
mod mail_delivery;
mod notifications;
mod operators;
mod page_cache;
mod pages;
mod receipts;
mod register_drafts;
mod register_editor;
mod register_reports;
mod retention;
mod security;
mod security_limits;
mod staff_auth;
mod statistics;
mod two_factor;
