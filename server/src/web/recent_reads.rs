//! Reads that a burst of requests all ask for (a cached page's data version, whether a
//! decision token's access code is still the current one), kept for a short window so a burst
//! costs one database read instead of one per request. On PostgreSQL each read is a round trip
//! to another process sharing the machine's cores, and was most of a cached page's cost
//! (docs/performance.md, "Fresh for a moment").
//!
//! A kept read is used only while both hold:
//! - nothing has been written through this server since it was read: every request that can
//!   write (any method but GET, HEAD and OPTIONS) bumps `services::page_versions::changed`
//!   when it ends (`web::page_cache::serve`), so what a reader does here shows on their next
//!   page at once;
//! - it was read less than the window ago, so a change made elsewhere (another instance, the
//!   `redress` command, straight in the database, the clock passing a deadline) shows within
//!   the window. A window of zero keeps nothing.

use crate::services::page_versions;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Reads kept at most; past this the oldest half of the time is gone anyway, and the map
/// starts again empty.
const MAX_KEPT: usize = 10_000;

/// The start of a read: taken before the database is asked, so a kept value is never younger
/// than the data it was read from.
#[derive(Clone, Copy, Debug)]
pub struct ReadStart {
    at: Instant,
    changes: u64,
}

struct Kept<V> {
    value: V,
    start: ReadStart,
}

/// Values read for keys `K`, each kept for the window.
pub struct RecentReads<K, V> {
    window: Duration,
    kept: Mutex<HashMap<K, Kept<V>>>,
    /// The count of writes (`page_versions::changes`; the tests' own count in unit tests).
    changes: fn() -> u64,
}

impl<K: Eq + Hash, V: Clone> RecentReads<K, V> {
    pub fn new(window: Duration) -> Self {
        Self::counting(window, page_versions::changes)
    }

    fn counting(window: Duration, changes: fn() -> u64) -> Self {
        RecentReads {
            window,
            kept: Mutex::new(HashMap::new()),
            changes,
        }
    }

    /// Call before reading the database; pass the result to [`RecentReads::remember`].
    pub fn start(&self) -> ReadStart {
        ReadStart {
            at: Instant::now(),
            changes: (self.changes)(),
        }
    }

    /// The value read for `key` less than the window ago with nothing written here since.
    pub fn recent(&self, key: &K) -> Option<V> {
        if self.window.is_zero() {
            return None;
        }
        let kept = self.kept.lock().ok()?;
        let entry = kept.get(key)?;
        (entry.start.changes == (self.changes)() && entry.start.at.elapsed() < self.window)
            .then(|| entry.value.clone())
    }

    /// Keeps `value`, read for `key` from `start`.
    pub fn remember(&self, key: K, value: V, start: ReadStart) {
        if self.window.is_zero() {
            return;
        }
        let Ok(mut kept) = self.kept.lock() else {
            return;
        };
        if kept.len() >= MAX_KEPT {
            kept.clear();
        }
        kept.insert(key, Kept { value, start });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    // Each test counts its own writes, so tests running at once do not end each other's reads.
    fn nothing_written() -> u64 {
        0
    }

    static WRITES_A: AtomicU64 = AtomicU64::new(0);

    #[test]
    fn a_read_is_kept_for_the_window_until_something_is_written() {
        let reads =
            RecentReads::counting(Duration::from_secs(60), || WRITES_A.load(Ordering::Acquire));
        reads.remember(1, 7, reads.start());
        assert_eq!(reads.recent(&1), Some(7));
        assert_eq!(reads.recent(&2), None);
        WRITES_A.fetch_add(1, Ordering::Release);
        assert_eq!(reads.recent(&1), None, "a write here ends it");
    }

    static WRITES_B: AtomicU64 = AtomicU64::new(0);

    #[test]
    fn a_read_started_before_a_write_is_not_kept_past_it() {
        let reads =
            RecentReads::counting(Duration::from_secs(60), || WRITES_B.load(Ordering::Acquire));
        let start = reads.start();
        WRITES_B.fetch_add(1, Ordering::Release);
        reads.remember(1, 1, start);
        assert_eq!(reads.recent(&1), None);
    }

    #[test]
    fn a_read_older_than_the_window_is_read_again() {
        let reads = RecentReads::counting(Duration::from_millis(20), nothing_written);
        reads.remember(1, 1, reads.start());
        assert_eq!(reads.recent(&1), Some(1));
        std::thread::sleep(Duration::from_millis(30));
        assert_eq!(reads.recent(&1), None);
    }

    #[test]
    fn a_window_of_zero_keeps_nothing() {
        let reads = RecentReads::<u32, u32>::counting(Duration::ZERO, nothing_written);
        reads.remember(1, 1, reads.start());
        assert_eq!(reads.recent(&1), None);
    }
}
