//! Periodic clean-up the privacy notice promises: attempt records older than a day, session
//! revocations past their token's expiry, stored form flashes past their life, and email links
//! a day after they expired; closing decided appeals whose escalation window has passed; and
//! the staff's daily deadline digest. A second loop purges the personal data of cases past their
//! state body's retention period, daily by default ([`spawn_purge`]).

use crate::db::models::{email_link, rate_limit, revoked_session};
use crate::db::schema::stored_flashes;
use crate::db::{DbConnection, DbPool};
use diesel::prelude::*;
use std::time::Duration;

/// How long attempt records (sign-in, find, reports) are kept; longer than any rate-limit window.
pub const ATTEMPT_RETENTION_HOURS: i64 = 24;
const EVERY: Duration = Duration::from_secs(15 * 60);

/// Deletes what has outlived its purpose; returns how many rows went.
pub fn run_once(conn: &mut DbConnection, now: chrono::NaiveDateTime) -> QueryResult<usize> {
    let attempts =
        rate_limit::purge_before(conn, now - chrono::Duration::hours(ATTEMPT_RETENTION_HOURS))?;
    let revocations = revoked_session::purge_expired(conn, now)?;
    let flashes = diesel::delete(stored_flashes::table.filter(stored_flashes::expires_at.lt(now)))
        .execute(conn)?;
    let links = email_link::purge_expired(conn, now - chrono::Duration::days(1))?;
    Ok(attempts + revocations + flashes + links)
}

/// Runs [`run_once`] now and every quarter of an hour, on a thread of its own (the work is
/// blocking database calls, and it must not depend on which async runtime hosts the server).
/// Each round also signs a checkpoint of the audit chain with the current audit key of `keys`
/// when it has grown, so at most a quarter of an hour of entries is ever without one.
pub fn spawn(pool: DbPool, keys: crate::keys::Keys) {
    let spawned = std::thread::Builder::new()
        .name("housekeeping".into())
        .spawn(move || loop {
            let result = pool
                .get()
                .map_err(anyhow::Error::from)
                .and_then(|mut conn| Ok(run_once(&mut conn, chrono::Utc::now().naive_utc())?));
            match result {
                Ok(0) => {}
                Ok(removed) => tracing::info!(removed, "housekeeping removed expired records"),
                Err(error) => tracing::warn!(error = %error, "housekeeping failed"),
            }
            let checkpoint = pool
                .get()
                .map_err(anyhow::Error::from)
                .and_then(|mut conn| {
                    Ok(crate::db::models::audit_checkpoint::write(
                        &mut conn,
                        &keys,
                        chrono::Utc::now().naive_utc(),
                        false,
                    )?)
                });
            if let Err(error) = checkpoint {
                tracing::warn!(error = %error, "signing an audit checkpoint failed");
            }
            let closed = pool
                .get()
                .map_err(anyhow::Error::from)
                .and_then(|mut conn| {
                    crate::services::appeals::expiry::close_expired(&mut conn, chrono::Utc::now())
                });
            match closed {
                Ok(0) => {}
                Ok(closed) => {
                    tracing::info!(closed, "appeals closed after their escalation window")
                }
                Err(error) => tracing::warn!(error = %error, "closing expired appeals failed"),
            }
            let digests = pool
                .get()
                .map_err(anyhow::Error::from)
                .and_then(|mut conn| {
                    crate::services::notifications::digest::send_due(
                        &mut conn,
                        chrono::Utc::now().naive_utc(),
                    )
                });
            match digests {
                Ok(0) => {}
                Ok(queued) => tracing::info!(queued, "deadline digests queued"),
                Err(error) => tracing::warn!(error = %error, "queuing deadline digests failed"),
            }
            std::thread::sleep(EVERY);
        });
    if let Err(error) = spawned {
        tracing::warn!(%error, "housekeeping thread did not start");
    }
}

/// Purges expired cases (`services::retention`) soon after start and then every
/// `settings.purge_every_hours`, on a thread of its own with a small runtime for the blob
/// store; 0 hours leaves purging to `redress purge`.
pub fn spawn_purge(
    pool: DbPool,
    blobs: std::sync::Arc<dyn crate::blobs::BlobStore>,
    settings: crate::services::retention::RetentionSettings,
) {
    if settings.purge_every_hours == 0 {
        return;
    }
    let every = Duration::from_secs(settings.purge_every_hours.saturating_mul(3600));
    let spawned = std::thread::Builder::new()
        .name("retention-purge".into())
        .spawn(move || {
            let runtime = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(runtime) => runtime,
                Err(error) => {
                    tracing::warn!(%error, "the retention purge has no runtime; not purging");
                    return;
                }
            };
            let options = crate::services::retention::PurgeOptions {
                dry_run: false,
                batch_size: settings.batch_size(),
                actor: crate::db::models::audit::Actor::system(),
            };
            loop {
                // Not at the very start: the server's first minute belongs to its requests.
                std::thread::sleep(PURGE_DELAY.min(every));
                let purged = pool
                    .get()
                    .map_err(anyhow::Error::from)
                    .and_then(|mut conn| {
                        Ok(crate::services::retention::run(
                            &mut conn,
                            blobs.as_ref(),
                            runtime.handle(),
                            &options,
                            chrono::Utc::now(),
                        )?)
                    });
                match purged {
                    Ok(report) if report.counts.cases == 0 && report.blobs.deleted == 0 => {}
                    Ok(report) => tracing::info!(
                        cases = report.counts.cases,
                        appeals = report.counts.appeals,
                        evidence_files = report.blobs.deleted,
                        "personal data of expired cases removed"
                    ),
                    Err(error) => tracing::warn!(error = %error, "the retention purge failed"),
                }
                std::thread::sleep(every.saturating_sub(PURGE_DELAY.min(every)));
            }
        });
    if let Err(error) = spawned {
        tracing::warn!(%error, "retention purge thread did not start");
    }
}

/// How long after start the first purge runs.
const PURGE_DELAY: Duration = Duration::from_secs(60);
