//! `redress purge [--dry-run]`: removes the personal data of cases past their state body's
//! retention period (docs/security.md, "Retention") and prints what went.

use crate::config::Settings;
use crate::db::models::audit::Actor;
use crate::services::retention::{self, PurgeOptions, PurgeReport};

/// Purges now (or, with `dry_run`, only counts) and prints the counts.
pub fn run(settings: &Settings, dry_run: bool) -> anyhow::Result<PurgeReport> {
    let mut conn = super::connection(settings)?;
    let blobs = crate::blobs::open(&settings.blob_settings())?;
    // Blob stores are asynchronous; this command has no runtime of its own until here.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let options = PurgeOptions {
        dry_run,
        batch_size: settings.retention.batch_size(),
        actor: Actor::operator("purge"),
    };
    let report = retention::run(
        &mut conn,
        blobs.as_ref(),
        runtime.handle(),
        &options,
        chrono::Utc::now(),
    )
    .map_err(super::refusal)?;
    print!("{}", describe(&report));
    Ok(report)
}

/// The report as the operator reads it: one `name=count` per line.
pub fn describe(report: &PurgeReport) -> String {
    let c = &report.counts;
    let mut text = if report.dry_run {
        "dry run: nothing was changed; a purge now would remove:\n".to_string()
    } else {
        format!("purged in {} batch(es):\n", report.batches)
    };
    for (name, count) in [
        ("cases", c.cases),
        ("appeals", c.appeals),
        ("email_addresses", c.email_addresses),
        ("national_id_hashes", c.national_id_hashes),
        ("statements", c.statements),
        ("messages", c.messages),
        ("evidence_files", c.evidence_files),
        ("outbox_messages", c.outbox_messages),
        ("sign_in_records", c.sign_in_records),
    ] {
        text.push_str(&format!("{name}={count}\n"));
    }
    if !report.dry_run {
        text.push_str(&format!(
            "evidence_blobs_deleted={}\nevidence_blobs_still_queued={}\n",
            report.blobs.deleted, report.blobs.failed
        ));
    }
    text
}
