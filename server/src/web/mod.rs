//! The HTML side of the server: request context, form posts, health, errors.

pub mod assets;
pub mod citizen;
pub mod client_address;
pub mod cookies;
pub mod error;
pub mod evidence;
pub mod flash;
pub mod forms;
pub mod health;
pub mod page_cache;
pub mod page_context;
pub mod page_template;
pub mod receipt_key;
pub mod recent_reads;
pub mod redirect;
pub mod same_origin;
pub mod security_headers;
pub mod stats_export;
pub mod style;
