//! `redress rotate-key PURPOSE`: makes the next version of one purpose's key current
//! (docs/security.md, "Keys").

use crate::config::Settings;
use crate::db::models::audit::Actor;
use crate::keys::Purpose;
use crate::services::key_rotation::{self, OldKeyVerifies};

/// Rotates `purpose` and prints the new key id and how long the old one still verifies.
/// Running servers pick the rotation up within `secrets.key_ring_refresh_seconds`.
pub fn run(settings: &Settings, purpose: &str) -> anyhow::Result<()> {
    let purpose = Purpose::parse(purpose).ok_or_else(|| {
        let names: Vec<&str> = Purpose::ALL.iter().map(|p| p.name()).collect();
        anyhow::anyhow!(
            "{purpose} is not a key purpose; one of: {}",
            names.join(", ")
        )
    })?;
    let (mut conn, keys) = super::open(settings)?;
    let rotated = key_rotation::rotate(
        &mut conn,
        &keys,
        &settings.session,
        purpose,
        Actor::operator("rotate-key"),
        chrono::Utc::now(),
    )
    .map_err(|error| match error {
        crate::services::ServiceError::Invalid(problems) => anyhow::anyhow!(problems
            .into_iter()
            .map(|p| p.reason)
            .collect::<Vec<_>>()
            .join("; ")),
        other => super::refusal(other),
    })?;
    println!("new key: {}", rotated.new_key);
    match rotated.old_key_verifies {
        OldKeyVerifies::Until(until) => println!(
            "old key {} verifies until {} UTC",
            rotated.old_key,
            until.format("%Y-%m-%d %H:%M:%S")
        ),
        OldKeyVerifies::WhileItsValuesAreStored => println!(
            "old key {} keeps verifying the values it keyed; new values use {}",
            rotated.old_key, rotated.new_key
        ),
        OldKeyVerifies::NoLonger => println!("old key {} no longer verifies", rotated.old_key),
    }
    Ok(())
}
