//! One module per page.

pub mod agency;
pub mod home;
pub mod not_found;
pub mod password;
pub mod signin;
pub mod staff_home;
