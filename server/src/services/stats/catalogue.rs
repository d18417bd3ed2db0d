//! The state bodies and systems a report may name, within the viewer's reach, with their names
//! in every language.

use crate::db::schema::{agencies, ai_system_versions, ai_systems};
use crate::db::DbConnection;
use crate::domain::stored;
use app::i18n::Locale;
use app::types::{LocalizedText, RegisterEntryContent, StatsChoice};
use diesel::prelude::*;
use std::collections::HashMap;

/// A state body.
#[derive(Debug, Clone)]
pub struct Body {
    pub id: i64,
    pub slug: String,
    pub name: LocalizedText,
}

/// A system with its current name and its versions.
#[derive(Debug, Clone)]
pub struct System {
    pub id: i64,
    pub slug: String,
    pub agency_id: i64,
    pub agency_slug: String,
    pub name: LocalizedText,
    /// Version id → version number.
    pub versions: HashMap<i64, i32>,
}

/// What the viewer may see: every body, or the one `agency_id` names.
#[derive(Debug, Clone)]
pub struct Catalogue {
    pub bodies: Vec<Body>,
    pub systems: Vec<System>,
}

impl Catalogue {
    /// The bodies and systems within reach, ordered by slug.
    pub fn load(conn: &mut DbConnection, agency_id: Option<i64>) -> anyhow::Result<Catalogue> {
        let mut body_query = agencies::table
            .order(agencies::slug.asc())
            .select((agencies::id, agencies::slug, agencies::name_json))
            .into_boxed();
        if let Some(id) = agency_id {
            body_query = body_query.filter(agencies::id.eq(id));
        }
        let bodies: Vec<Body> = body_query
            .load::<(i64, String, String)>(conn)?
            .into_iter()
            .map(|(id, slug, name)| {
                Ok(Body {
                    id,
                    slug,
                    name: stored::document(&name, "agency name")?,
                })
            })
            .collect::<anyhow::Result<_>>()?;
        let slugs: HashMap<i64, String> = bodies.iter().map(|b| (b.id, b.slug.clone())).collect();
        let mut system_query = ai_systems::table
            .inner_join(
                ai_system_versions::table.on(ai_system_versions::system_id
                    .eq(ai_systems::id)
                    .and(ai_system_versions::version.eq(ai_systems::current_version))),
            )
            .order(ai_systems::slug.asc())
            .select((
                ai_systems::id,
                ai_systems::slug,
                ai_systems::agency_id,
                ai_system_versions::content_json,
            ))
            .into_boxed();
        if let Some(id) = agency_id {
            system_query = system_query.filter(ai_systems::agency_id.eq(id));
        }
        let rows: Vec<(i64, String, i64, String)> = system_query.load(conn)?;
        let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
        let versions: Vec<(i64, i64, i32)> = ai_system_versions::table
            .filter(ai_system_versions::system_id.eq_any(&ids))
            .select((
                ai_system_versions::id,
                ai_system_versions::system_id,
                ai_system_versions::version,
            ))
            .load(conn)?;
        let systems = rows
            .into_iter()
            .map(|(id, slug, agency_id, content)| {
                let content: RegisterEntryContent = stored::document(&content, "register entry")?;
                Ok(System {
                    id,
                    slug,
                    agency_id,
                    agency_slug: slugs.get(&agency_id).cloned().unwrap_or_default(),
                    name: content.name,
                    versions: versions
                        .iter()
                        .filter(|(_, system, _)| *system == id)
                        .map(|(version_id, _, number)| (*version_id, *number))
                        .collect(),
                })
            })
            .collect::<anyhow::Result<_>>()?;
        Ok(Catalogue { bodies, systems })
    }

    pub fn body(&self, id: i64) -> Option<&Body> {
        self.bodies.iter().find(|b| b.id == id)
    }

    pub fn body_by_slug(&self, slug: &str) -> Option<&Body> {
        self.bodies.iter().find(|b| b.slug == slug)
    }

    pub fn system(&self, id: i64) -> Option<&System> {
        self.systems.iter().find(|s| s.id == id)
    }

    pub fn system_by_slug(&self, slug: &str) -> Option<&System> {
        self.systems.iter().find(|s| s.slug == slug)
    }

    pub fn body_choices(&self) -> Vec<StatsChoice> {
        self.bodies
            .iter()
            .map(|b| StatsChoice {
                slug: b.slug.clone(),
                name: b.name.clone(),
                agency: None,
            })
            .collect()
    }

    pub fn system_choices(&self) -> Vec<StatsChoice> {
        self.systems
            .iter()
            .map(|s| StatsChoice {
                slug: s.slug.clone(),
                name: s.name.clone(),
                agency: Some(s.agency_slug.clone()),
            })
            .collect()
    }
}

/// The same text in every language: a month's key, a version's label.
pub fn same_in_every_language(text: &str) -> LocalizedText {
    LocalizedText::from_pairs(Locale::ALL.iter().map(|l| (*l, text.to_string())))
}

/// A system's name with ` · v2` after it, in every language it has.
pub fn version_label(name: &LocalizedText, version: i32) -> LocalizedText {
    LocalizedText::from_pairs(name.iter().map(|(l, n)| (l, format!("{n} · v{version}"))))
}
