//! `redress set-retention --agency S --retention-months N`: how long the state body keeps a
//! case's personal data after its last activity.

use crate::config::Settings;
use crate::db::models::audit::Actor;
use crate::services::retention;

/// Sets the period and prints it.
pub fn run(settings: &Settings, agency: &str, months: i64) -> anyhow::Result<()> {
    let mut conn = super::connection(settings)?;
    let period = retention::set_period(
        &mut conn,
        Actor::operator("set-retention"),
        agency,
        months,
        chrono::Utc::now(),
    )
    .map_err(super::agency_refusal(agency))?;
    println!(
        "{agency} keeps personal data {} months after a case's last activity",
        period.months()
    );
    Ok(())
}
