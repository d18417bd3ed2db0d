//! `redress migrate`.

use crate::config::Settings;
use crate::db;

/// Applies pending migrations and says how many ran.
pub fn run(settings: &Settings) -> anyhow::Result<()> {
    let pool = db::connect(&settings.database_url, 1)?;
    let mut conn = pool.get()?;
    let applied = db::run_migrations(&mut conn)?;
    println!("migrations applied: {applied}");
    Ok(())
}
