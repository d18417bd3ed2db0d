//! `redress create-agency --slug S --name NAME [--retention-months N]`.

use crate::config::Settings;
use crate::services::agencies;

/// Creates an agency whose name is `name` in every language until edited, keeping personal
/// data `retention_months` after a case's last activity (five years when not given).
pub fn run(
    settings: &Settings,
    slug: &str,
    name: &str,
    retention_months: Option<i64>,
) -> anyhow::Result<()> {
    let mut conn = super::connection(settings)?;
    let created = agencies::create_with_retention(
        &mut conn,
        slug,
        name,
        retention_months,
        chrono::Utc::now(),
    )
    .map_err(super::refusal)?;
    println!(
        "agency created: {} (id {}, personal data kept {} months)",
        created.slug, created.id, created.retention_months
    );
    Ok(())
}
