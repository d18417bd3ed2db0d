//! The reference number and access code the find form shows as examples. A citizen may copy
//! an example as it is, so neither may ever open a decision: the server never issues them and
//! refuses them before looking anything up (`server/src/domain/reference.rs`,
//! `server/src/services/access.rs`). The demo data's pairs are different on purpose.

/// The example decision reference in hints and error messages.
pub const EXAMPLE_REFERENCE: &str = "RD-7F3K-9QXD";

/// The example access code in hints and error messages.
pub const EXAMPLE_ACCESS_CODE: &str = "A7K2-9MXR";
