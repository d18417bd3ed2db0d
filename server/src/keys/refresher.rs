//! Keeps a running server's key ring as the database has it, so a rotation made by
//! `redress rotate-key` (or by another server) is used here within one interval: new tokens
//! are signed with the new key, and an old key is refused once its window has passed.

use super::Keys;
use crate::db::DbPool;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Reads the ring into `keys` every `every`, on a thread of its own, until `stop` is set.
pub fn spawn(pool: DbPool, keys: Keys, every: Duration, stop: Arc<AtomicBool>) {
    let spawned = std::thread::Builder::new()
        .name("key-ring".into())
        .spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                std::thread::sleep(every);
                let reloaded = pool
                    .get()
                    .map_err(anyhow::Error::from)
                    .and_then(|mut conn| Ok(keys.reload(&mut conn)?));
                if let Err(error) = reloaded {
                    tracing::warn!(error = %error, "reading the key ring failed; keeping the last one read");
                }
            }
        });
    if let Err(error) = spawned {
        tracing::error!(error = %error, "could not start the key ring refresher");
    }
}
