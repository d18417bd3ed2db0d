//! Rows and the queries that read and write them, one file per table.

pub mod agency;
pub mod ai_system;
pub mod ai_system_draft;
pub mod api_client;
pub mod appeal;
pub mod appeal_tallies;
pub mod audit;
pub mod audit_checkpoint;
pub mod blob_deletion;
pub mod calendar_exception;
pub mod decision;
pub mod decision_quality;
pub mod email_link;
pub mod figures;
pub mod key_ring;
pub mod outbox;
pub mod rate_limit;
pub mod retention;
pub mod revoked_session;
pub mod two_factor;
pub mod user;
