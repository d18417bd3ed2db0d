//! Deleting the evidence files whose records a purge removed. The keys were queued in the
//! purge's transaction (`db::models::blob_deletion`); each leaves the queue once the store has
//! deleted its file, so a store that fails now is tried again at the next purge.

use crate::blobs::{BlobKey, BlobStore};
use crate::db::models::blob_deletion;
use crate::db::DbConnection;
use crate::services::ServiceError;

/// The most keys one call works through; the rest wait for the next purge.
const KEYS_PER_CALL: i64 = 10_000;

/// What one call did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct BlobsDeleted {
    pub deleted: usize,
    /// Still queued: the store refused or could not be reached.
    pub failed: usize,
}

/// Deletes queued blobs. Must run outside an async task: each deletion waits on `runtime`.
pub fn delete_queued(
    conn: &mut DbConnection,
    blobs: &dyn BlobStore,
    runtime: &tokio::runtime::Handle,
) -> Result<BlobsDeleted, ServiceError> {
    let mut outcome = BlobsDeleted::default();
    for text in blob_deletion::queued(conn, KEYS_PER_CALL)? {
        let Some(key) = BlobKey::parse(&text) else {
            // Not a key this server makes, so no file of ours is under it.
            tracing::warn!(key = %text, "a queued blob key is not a valid key; dropped");
            blob_deletion::done(conn, &text)?;
            continue;
        };
        match runtime.block_on(blobs.delete(&key)) {
            Ok(()) => {
                blob_deletion::done(conn, &text)?;
                outcome.deleted += 1;
            }
            Err(error) => {
                tracing::warn!(%key, error = %error, "deleting a purged evidence file failed; it stays queued");
                outcome.failed += 1;
            }
        }
    }
    Ok(outcome)
}
