//! `redress create-agency --slug S --name NAME`.

use crate::config::Settings;
use crate::db::models::agency::{self, NewAgency};

/// Whether a slug is lower-case letters, digits and single dashes, 2 to 64 characters.
pub fn valid_slug(slug: &str) -> bool {
    (2..=64).contains(&slug.len())
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

/// Creates an agency whose name is `name` in every language until edited.
pub fn run(settings: &Settings, slug: &str, name: &str) -> anyhow::Result<()> {
    if !valid_slug(slug) {
        anyhow::bail!("--slug must be 2 to 64 lower-case letters, digits and single dashes");
    }
    let name = name.trim();
    if name.is_empty() {
        anyhow::bail!("--name must not be empty");
    }
    let mut conn = super::connection(settings)?;
    if agency::find_by_slug(&mut conn, slug)?.is_some() {
        anyhow::bail!("an agency with slug {slug} already exists");
    }
    let names = serde_json::json!({ "kk": name, "ru": name, "en": name });
    let contact = serde_json::to_string(&app::types::AgencyContact::default())?;
    let created = agency::insert(
        &mut conn,
        &NewAgency {
            slug,
            name_json: &names.to_string(),
            contact_json: &contact,
            time_zone: "Asia/Almaty",
            challenge_window_months: 3,
            created_at: chrono::Utc::now().naive_utc(),
        },
    )?;
    println!("agency created: {} (id {})", created.slug, created.id);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::valid_slug;

    #[test]
    fn slugs_are_lowercase_words_joined_by_single_dashes() {
        assert!(valid_slug("state-revenue"));
        assert!(!valid_slug("State-Revenue"));
        assert!(!valid_slug("-x"));
        assert!(!valid_slug("a--b"));
        assert!(!valid_slug("a"));
    }
}
