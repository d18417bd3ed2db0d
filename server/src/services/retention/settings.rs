//! The `[retention]` settings: how often the housekeeping loop purges, and how many cases go in
//! one transaction.

use serde::{Deserialize, Serialize};

/// The most cases one transaction purges: keeps each statement's list of ids well inside both
/// backends' limits on bound parameters.
pub const MAX_BATCH_SIZE: u32 = 500;

/// How the portal purges expired cases (docs/security.md, "Retention").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionSettings {
    /// Hours between the housekeeping loop's purges, the first soon after start; 0 turns the
    /// loop's purge off (for an operator who schedules `redress purge` instead).
    #[serde(default = "default_purge_every_hours")]
    pub purge_every_hours: u64,
    /// Cases purged per transaction (1 to 500): a failure undoes one batch, not the run.
    #[serde(default = "default_purge_batch_size")]
    pub purge_batch_size: u32,
}

fn default_purge_every_hours() -> u64 {
    24
}

fn default_purge_batch_size() -> u32 {
    200
}

impl Default for RetentionSettings {
    fn default() -> Self {
        RetentionSettings {
            purge_every_hours: default_purge_every_hours(),
            purge_batch_size: default_purge_batch_size(),
        }
    }
}

impl RetentionSettings {
    /// The batch size, brought within 1 to [`MAX_BATCH_SIZE`].
    pub fn batch_size(&self) -> u32 {
        self.purge_batch_size.clamp(1, MAX_BATCH_SIZE)
    }
}
