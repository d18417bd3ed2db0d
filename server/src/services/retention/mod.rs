//! Retention of personal data (docs/security.md, "Retention"): each state body keeps a case's
//! personal data for its period after the case's last activity (`domain::retention` says when a
//! case expires); a purge then removes it, batch by batch, each batch in one transaction with
//! its audit entry (counts only), so a failure undoes that batch and nothing is half removed.
//! `redress purge` and the housekeeping loop call [`run`].

mod blobs;
mod cases;
mod erase;
mod period;
mod redact;
mod settings;

pub use blobs::{delete_queued, BlobsDeleted};
pub use erase::PURGED_CONTENT_HASH;
pub use period::set_period;
pub use settings::RetentionSettings;

use crate::blobs::BlobStore;
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::models::retention as stored_periods;
use crate::db::{take_turns_on, write_transaction, DbConnection};
use crate::domain::retention::RetentionPeriod;
use crate::services::ServiceError;
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Serialize;
use std::collections::HashSet;

/// How to purge.
#[derive(Debug, Clone)]
pub struct PurgeOptions {
    /// Count what would be removed and change nothing.
    pub dry_run: bool,
    /// Cases per transaction (brought within 1 to 500).
    pub batch_size: u32,
    /// Who runs it, for the audit log.
    pub actor: Actor,
}

/// What a purge removed (or, in a dry run, would remove).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PurgeCounts {
    /// Decisions whose personal data went, each with its appeals.
    pub cases: i64,
    pub appeals: i64,
    /// Subjects' and appeals' contact addresses.
    pub email_addresses: i64,
    pub national_id_hashes: i64,
    pub statements: i64,
    /// History entries whose words went.
    pub messages: i64,
    pub evidence_files: i64,
    pub outbox_messages: i64,
    /// Sign-in links and address confirmations.
    pub sign_in_records: i64,
}

impl std::ops::AddAssign for PurgeCounts {
    fn add_assign(&mut self, other: PurgeCounts) {
        self.cases += other.cases;
        self.appeals += other.appeals;
        self.email_addresses += other.email_addresses;
        self.national_id_hashes += other.national_id_hashes;
        self.statements += other.statements;
        self.messages += other.messages;
        self.evidence_files += other.evidence_files;
        self.outbox_messages += other.outbox_messages;
        self.sign_in_records += other.sign_in_records;
    }
}

/// What a run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PurgeReport {
    pub dry_run: bool,
    pub counts: PurgeCounts,
    /// Transactions that removed something.
    pub batches: usize,
    /// Evidence files deleted from the blob store, and those still queued.
    pub blobs: BlobsDeleted,
}

/// Purges every expired case, then deletes the evidence files queued for deletion (this run's
/// and any an earlier run could not delete). A dry run only counts. Must run outside an async
/// task: blob deletions wait on `runtime`.
pub fn run(
    conn: &mut DbConnection,
    blob_store: &dyn BlobStore,
    runtime: &tokio::runtime::Handle,
    options: &PurgeOptions,
    now: DateTime<Utc>,
) -> Result<PurgeReport, ServiceError> {
    let mut report = purge(conn, options, now)?;
    if !options.dry_run {
        report.blobs = blobs::delete_queued(conn, blob_store, runtime)?;
    }
    Ok(report)
}

/// Removes the personal data of every expired case, every state body in turn, one transaction
/// per batch; evidence files are queued for [`delete_queued`]. A dry run only counts.
pub fn purge(
    conn: &mut DbConnection,
    options: &PurgeOptions,
    now: DateTime<Utc>,
) -> Result<PurgeReport, ServiceError> {
    let now = now.naive_utc();
    let size = i64::from(options.batch_size.clamp(1, settings::MAX_BATCH_SIZE));
    let mut report = PurgeReport {
        dry_run: options.dry_run,
        ..PurgeReport::default()
    };
    // The cases this run has purged (or, in a dry run, would have): an address they alone
    // held is forgotten once the last of them goes, in a dry run as in a purge.
    let mut gone: HashSet<i64> = HashSet::new();
    for (agency_id, slug, stored) in stored_periods::periods(conn)? {
        let period = RetentionPeriod::from_stored(stored).ok_or_else(|| {
            anyhow::anyhow!(
                "state body {agency_id} has a stored retention period of {stored} months"
            )
        })?;
        let body = Body {
            id: agency_id,
            slug: &slug,
            period,
        };
        let mut cursor = None;
        loop {
            let (page, counts) = if options.dry_run {
                let page = cases::expired_page(conn, agency_id, period, cursor, size, now)?;
                let counts = erase::count(conn, &page.expired, &gone)?;
                (page, counts)
            } else {
                write_transaction(conn, |conn| {
                    purge_batch(conn, options, &body, (cursor, size), &gone, now)
                })?
            };
            gone.extend(&page.expired.decision_ids);
            let next = page.next;
            if counts.cases > 0 {
                report.counts += counts;
                report.batches += 1;
            }
            match next {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
    }
    Ok(report)
}

/// The state body whose cases are being walked.
struct Body<'a> {
    id: i64,
    slug: &'a str,
    period: RetentionPeriod,
}

/// One batch of `body`'s cases (the page of `size` after `cursor`), inside its transaction:
/// find, count, erase, audit.
fn purge_batch(
    conn: &mut DbConnection,
    options: &PurgeOptions,
    body: &Body<'_>,
    (cursor, size): (Option<stored_periods::Cursor>, i64),
    gone: &HashSet<i64>,
    now: NaiveDateTime,
) -> Result<(cases::Page, PurgeCounts), ServiceError> {
    // Two servers' housekeeping loops purging at once take turns, so no case is counted twice.
    take_turns_on(conn, "retention purge")?;
    let page = cases::expired_page(conn, body.id, body.period, cursor, size, now)?;
    if page.expired.is_empty() {
        return Ok((page, PurgeCounts::default()));
    }
    let counts = erase::count(conn, &page.expired, gone)?;
    erase::erase(conn, &page.expired, gone, now)?;
    audit::append(
        conn,
        AuditEvent {
            actor: options.actor.clone(),
            action: "retention.purged",
            subject_kind: "agency",
            subject_id: body.slug.to_string(),
            details: serde_json::json!({
                "retention_months": body.period.months(),
                "removed": counts,
            }),
        },
        now,
    )?;
    Ok((page, counts))
}
