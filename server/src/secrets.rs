//! The server's signing secret and the keys derived from it, one per purpose, so a token
//! of one kind can never be re-used as another.

use hmac::{Hmac, Mac};
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
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

/// Keys derived from the signing secret, each for one purpose.
#[derive(Clone)]
pub struct Keys {
    /// Signs staff session tokens.
    pub session: Vec<u8>,
    /// Signs machine API tokens.
    pub api: Vec<u8>,
    /// Keys the HMAC of access codes and national ids.
    pub lookup: Vec<u8>,
    /// Signs the citizen's decision-scoped session.
    pub citizen: Vec<u8>,
    /// The seed of the Ed25519 key that signs filing receipts (docs/receipts.md).
    pub receipt_seed: [u8; 32],
    /// Binds a form's CSRF token to the browser's cookie and session (`auth::csrf`).
    pub csrf: Vec<u8>,
    /// Signs the audit chain's checkpoints (`db::models::audit_checkpoint`).
    pub audit: Vec<u8>,
    /// Seals staff members' TOTP secrets and keys their recovery codes' hashes
    /// (`auth::two_factor_secret`).
    pub two_factor: Vec<u8>,
}

impl Keys {
    /// Derives every purpose key from the master secret.
    pub fn derive(master: &SecretString) -> Keys {
        let derive = |purpose: &str| -> Vec<u8> {
            let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(master.expose_secret().as_bytes())
                .unwrap_or_else(|_| unreachable_hmac());
            mac.update(purpose.as_bytes());
            mac.finalize().into_bytes().to_vec()
        };
        // HMAC-SHA256 gives exactly the 32 bytes an Ed25519 seed is.
        let mut receipt_seed = [0u8; 32];
        receipt_seed.copy_from_slice(&derive("redress/receipt-ed25519/v1"));
        Keys {
            session: derive("redress/session-token/v1"),
            api: derive("redress/api-token/v1"),
            lookup: derive("redress/lookup-hmac/v1"),
            citizen: derive("redress/citizen-decision/v1"),
            csrf: derive("redress/csrf-binding/v1"),
            audit: derive("redress/audit-checkpoint/v1"),
            two_factor: derive("redress/two-factor/v1"),
            receipt_seed,
        }
    }
}

// HMAC accepts keys of any length, so construction cannot fail.
fn unreachable_hmac() -> Hmac<Sha256> {
    unreachable!("HMAC-SHA256 accepts keys of any length")
}

/// 256 random bits as URL-safe text, for CSRF tokens and session ids.
pub fn random_token() -> String {
    use base64::Engine;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// HMAC-SHA256 of `value` under `key`, hex-encoded: how access codes, national ids and
/// client secrets are stored (high-entropy or looked up by value, so a keyed hash, not argon2).
pub fn keyed_hash(key: &[u8], value: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable_hmac());
    mac.update(value.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Whether `value` hashes to `stored` under `key`, compared in constant time.
pub fn keyed_hash_matches(key: &[u8], value: &str, stored: &str) -> bool {
    use subtle::ConstantTimeEq;
    let computed = keyed_hash(key, value);
    computed.len() == stored.len() && bool::from(computed.as_bytes().ct_eq(stored.as_bytes()))
}
