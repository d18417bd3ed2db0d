//! One module per page.

pub mod agency;
pub mod explanation;
pub mod find;
pub mod home;
pub mod not_found;
pub mod password;
pub mod privacy;
pub mod register;
pub mod register_edit;
pub mod register_entry;
pub mod signin;
pub mod staff_decisions;
pub mod staff_flags;
pub mod staff_home;
