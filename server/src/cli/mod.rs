//! One module per `redress` subcommand.

pub mod api_clients;
pub mod audit_verify;
pub mod create_agency;
pub mod create_user;
pub mod demo_decisions;
pub mod migrate;
pub mod seed_demo;
pub mod serve;

use crate::config::Settings;
use crate::db::{self, PooledDb};

/// A migrated connection for a one-off command.
pub fn connection(settings: &Settings) -> anyhow::Result<PooledDb> {
    let pool = db::connect(&settings.database_url, 1)?;
    let mut conn = pool.get()?;
    db::run_migrations(&mut conn)?;
    Ok(conn)
}
