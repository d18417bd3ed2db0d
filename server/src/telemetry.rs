//! Structured logs with tracing: JSON lines when `REDRESS_LOG_FORMAT=json`, readable text otherwise.

use rand::Rng;
use tracing_subscriber::{fmt, EnvFilter};

/// Installs the global subscriber once; later calls (as in tests) are ignored.
pub fn init() {
    let filter = EnvFilter::try_from_env("REDRESS_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,actix_server=warn,leptos_actix=warn"));
    let json = std::env::var("REDRESS_LOG_FORMAT")
        .map(|v| v == "json")
        .unwrap_or(false);
    let result = if json {
        fmt()
            .with_env_filter(filter)
            .json()
            .with_writer(std::io::stderr)
            .try_init()
    } else {
        fmt()
            .with_env_filter(filter)
            .with_writer(std::io::stderr)
            .try_init()
    };
    // Already installed (tests start many servers in one process).
    let _ = result;
}

/// A short reference id that support staff can find in the logs, in an unambiguous alphabet:
/// every layer that reports an unexpected error to a person (pages, forms, the API) uses it.
pub fn new_reference() -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut rng = rand::thread_rng();
    let code: String = (0..8)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect();
    format!("ERR-{}-{}", &code[..4], &code[4..])
}
