//! Decisions in the API: batch ingest, read-back and access-code reissue.

pub mod access_code;
pub mod create;
pub mod read;
