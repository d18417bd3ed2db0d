//! The server's master secret (the signing key file or setting), and the keyed hash that the
//! keys derived from it (`crate::keys`) are used with.

pub use crate::keys::Keys;
use hmac::{Hmac, Mac};
use rand::RngCore;
use secrecy::SecretString;
use sha2::Sha256;
use std::path::Path;

/// Reads the key file, or creates it with 256 random bits (owner-readable only).
pub fn load_or_create_key_file(path: &Path) -> anyhow::Result<SecretString> {
    if let Ok(existing) = std::fs::read_to_string(path) {
        let trimmed = existing.trim();
        if trimmed.len() >= 32 {
            return Ok(SecretString::from(trimmed.to_string()));
        }
        anyhow::bail!("the signing key in {} is too short", path.display());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let key = hex::encode(bytes);
    write_private(path, &key)?;
    tracing::info!(path = %path.display(), "generated a new signing key");
    Ok(SecretString::from(key))
}

#[cfg(unix)]
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(contents.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    std::fs::write(path, contents)
}

/// 256 random bits as URL-safe text, for CSRF tokens and session ids.
pub fn random_token() -> String {
    use base64::Engine;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// HMAC-SHA256 of `value` under `key`, hex-encoded: how access codes, national ids and
/// client secrets are stored (high-entropy or looked up by value, so a keyed hash, not argon2;
/// `keys::stored_hash` adds the key id).
pub fn keyed_hash(key: &[u8], value: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC-SHA256 accepts keys of any length"));
    mac.update(value.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}
