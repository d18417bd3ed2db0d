//! `redress migrate`.

use crate::config::Settings;
use crate::db;

/// Applies pending migrations and says how many ran.
pub fn run(settings: &Settings) -> anyhow::Result<()> {
    let pool = db::connect(&settings.database_url, 1)?;
    let mut conn = pool.get()?;
    let applied = db::run_migrations(&mut conn)?;
    println!("migrations applied: {applied}");
    let caught_up = crate::services::stats::upkeep::catch_up_after_migrations(&mut conn, applied)?;
    if caught_up.appeals + caught_up.decisions > 0 {
        println!(
            "statistics counted: {} appeals, {} decisions",
            caught_up.appeals, caught_up.decisions
        );
    }
    Ok(())
}
