//! `redress audit-verify` and `redress audit-checkpoint` (docs/security.md).

use crate::config::Settings;
use crate::db::models::audit;
use crate::db::models::audit_checkpoint::{self, Checkpoint};

/// Walks the audit chain, then checks every stored checkpoint (and `exported`, a line kept
/// elsewhere) against it; fails at the first thing that does not hold.
pub fn run(settings: &Settings, exported: Option<&str>) -> anyhow::Result<()> {
    let (mut conn, keys) = super::open(settings)?;
    let chain = audit::verify_chain(&mut conn)?;
    if let Some(id) = chain.first_broken {
        anyhow::bail!("audit log entry {id} does not verify: the log was altered");
    }
    let mut checkpoints = audit_checkpoint::all(&mut conn)?;
    if let Some(line) = exported {
        let given = audit_checkpoint::parse_line(line)
            .ok_or_else(|| anyhow::anyhow!("--checkpoint is not a line audit-checkpoint wrote"))?;
        checkpoints.push(given);
    }
    for checkpoint in &checkpoints {
        if let Some(problem) = audit_checkpoint::check(&mut conn, &keys, checkpoint)? {
            anyhow::bail!(
                "the audit checkpoint of entry {} ({}) does not hold: {}",
                checkpoint.last_entry_id,
                checkpoint.made_at,
                describe(&problem)
            );
        }
    }
    println!(
        "audit log verified: the chain is unbroken ({} entries: {} keyed, {} from before \
         entries were keyed, checked by plain hash) and {} checkpoint(s) hold",
        chain.entries,
        chain.entries - chain.unkeyed,
        chain.unkeyed,
        checkpoints.len()
    );
    Ok(())
}

fn describe(problem: &audit_checkpoint::CheckpointProblem) -> &'static str {
    use audit_checkpoint::CheckpointProblem as P;
    match problem {
        P::BadSignature => "it is not signed with this deployment's key (forged or edited)",
        P::EntryMissing => "the entry it signs is gone (entries were removed)",
        P::HashDiffers => "the entry it signs has another hash (the log was rewritten)",
        P::CountDiffers => "the log holds another number of entries up to it",
    }
}

/// Signs the chain's head now and prints it as a line to keep somewhere else.
pub fn checkpoint(settings: &Settings) -> anyhow::Result<()> {
    let (mut conn, keys) = super::open(settings)?;
    let written: Option<Checkpoint> =
        audit_checkpoint::write(&mut conn, &keys, chrono::Utc::now().naive_utc(), true)?;
    let checkpoint = written.ok_or_else(|| anyhow::anyhow!("the checkpoint was not written"))?;
    println!("{}", audit_checkpoint::export_line(&checkpoint));
    Ok(())
}
