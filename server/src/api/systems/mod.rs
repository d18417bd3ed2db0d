//! The register of AI systems in the API: create (a new version on changed content), list, read.

pub mod create;
pub mod read;
