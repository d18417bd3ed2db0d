//! `redress create-agency --slug S --name NAME`.

use crate::config::Settings;
use crate::services::agencies;

/// Creates an agency whose name is `name` in every language until edited.
pub fn run(settings: &Settings, slug: &str, name: &str) -> anyhow::Result<()> {
    let mut conn = super::connection(settings)?;
    let created =
        agencies::create(&mut conn, slug, name, chrono::Utc::now()).map_err(super::refusal)?;
    println!("agency created: {} (id {})", created.slug, created.id);
    Ok(())
}
