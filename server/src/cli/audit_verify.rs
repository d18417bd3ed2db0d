//! `redress audit-verify`.

use crate::config::Settings;
use crate::db::models::audit;

/// Walks the audit chain and fails at the first entry that does not verify.
pub fn run(settings: &Settings) -> anyhow::Result<()> {
    let mut conn = super::connection(settings)?;
    match audit::first_broken_entry(&mut conn)? {
        None => {
            println!("audit log verified: the chain is unbroken");
            Ok(())
        }
        Some(id) => anyhow::bail!("audit log entry {id} does not verify: the log was altered"),
    }
}
