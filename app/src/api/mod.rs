//! Thin server functions: each finds who is asking and asks the port (`crate::port::Portal`).

mod appeals;
mod citizen;
mod error;
mod public;
mod staff;

pub use appeals::{check_receipt, load_appeal, load_appeal_queue, load_challenge_form};
pub use citizen::{load_citizen_home, load_my_data, load_outbox};
pub use error::AppError;
pub use public::{
    load_explanation, load_register, load_register_entry, load_stats_report, load_system_quality,
};
pub use staff::{
    load_agency_calendar, load_editable_entry, load_quality_review, load_register_draft,
    load_register_drafts, load_register_flags, load_staff_accounts, load_staff_agency,
    load_staff_decisions, load_staff_home, load_staff_stats_report, load_two_factor,
    password_strength, PasswordStrength,
};
