//! The use cases, one module each. Every service owns its transaction and its audit entries;
//! the HTTP layers (`api`, `web`, the pages' port in `portal`) and the command line call them
//! and never each other. Services use `domain` and `db`, never an HTTP layer
//! (docs/architecture.md). The appeals workflow, the outbox and statistics are added here.

pub mod access;
pub mod accounts;
pub mod agencies;
pub mod api_clients;
pub mod appeals;
pub mod calendar;
pub mod calendar_page;
pub mod citizen_data;
pub mod citizen_sign_in;
pub mod decision_quality;
pub mod decision_search;
pub mod error;
pub mod explanations;
pub mod ingest;
pub mod key_rotation;
pub mod notifications;
pub mod outbox_admin;
pub mod page_versions;
pub mod read_back;
pub mod register;
pub mod register_browse;
pub mod register_drafts;
pub mod register_flags;
pub mod retention;
pub mod staff_sessions;
pub mod stats;
pub mod two_factor;

pub use error::ServiceError;
