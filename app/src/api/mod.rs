//! Thin server functions: each finds the signed-in person and asks the [`crate::port::Portal`].

mod error;
mod staff;

pub use error::AppError;
pub use staff::{load_staff_agency, load_staff_home};
