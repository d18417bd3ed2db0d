//! The public register: filtered lists, one entry at a version, and error reports.

use crate::db::models::agency::AgencyScope;
use crate::db::models::{ai_system, decision};
use crate::db::schema::{agencies, ai_system_versions, ai_systems, register_flags};
use crate::db::DbConnection;
use crate::domain::stored;
use app::types::{
    AgencyChoice, PublicCount, RegisterEntry, RegisterFilters, RegisterFlagView, RegisterList,
    RegisterRow, VersionSummary,
};
use app::types::{RegisterEntryContent, RiskLevel, SystemStatus};
use diesel::prelude::*;

/// Counts below this are shown as "fewer than" it (so no individual can be singled out).
pub const SMALL_COUNT_THRESHOLD: i64 = 10;

/// The current entries matching `filters`, by name.
pub fn list(conn: &mut DbConnection, filters: &RegisterFilters) -> anyhow::Result<RegisterList> {
    let mut query = ai_systems::table
        .inner_join(agencies::table)
        .inner_join(
            ai_system_versions::table.on(ai_system_versions::system_id
                .eq(ai_systems::id)
                .and(ai_system_versions::version.eq(ai_systems::current_version))),
        )
        .select((
            ai_systems::slug,
            agencies::name_json,
            ai_system_versions::version,
            ai_system_versions::content_json,
            ai_system_versions::risk_level,
            ai_system_versions::status,
        ))
        .order(ai_systems::slug.asc())
        .into_boxed();
    if !filters.agency.is_empty() {
        query = query.filter(agencies::slug.eq(filters.agency.clone()));
    }
    if !filters.risk.is_empty() {
        query = query.filter(ai_system_versions::risk_level.eq(filters.risk.clone()));
    }
    if !filters.status.is_empty() {
        query = query.filter(ai_system_versions::status.eq(filters.status.clone()));
    }
    // The search column is lower-cased in Rust, so Kazakh and Russian fold on both backends.
    let needle = filters.query.trim().to_lowercase();
    if !needle.is_empty() {
        let escaped = needle
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        query = query.filter(
            ai_system_versions::search_text
                .like(format!("%{escaped}%"))
                .escape('\\'),
        );
    }
    let rows: Vec<(String, String, i32, String, String, String)> = query.load(conn)?;
    let rows = rows
        .into_iter()
        .map(
            |(slug, agency_name, version, content, risk_level, status)| {
                let content: RegisterEntryContent = stored::document(&content, "register entry")?;
                Ok(RegisterRow {
                    slug,
                    name: content.name,
                    description: content.description,
                    agency_name: stored::document(&agency_name, "agency name")?,
                    risk_level: stored::vocab(&risk_level, RiskLevel::parse, "risk level")?,
                    status: stored::vocab(&status, SystemStatus::parse, "status")?,
                    version,
                })
            },
        )
        .collect::<anyhow::Result<Vec<_>>>()?;
    let agencies = agencies::table
        .select((agencies::slug, agencies::name_json))
        .order(agencies::slug.asc())
        .load::<(String, String)>(conn)?
        .into_iter()
        .map(|(slug, name)| AgencyChoice {
            slug,
            name: serde_json::from_str(&name).unwrap_or_default(),
        })
        .collect();
    Ok(RegisterList { rows, agencies })
}

/// One entry at `version` (else the current one), with history and live figures.
pub fn entry(
    conn: &mut DbConnection,
    slug: &str,
    version: Option<i32>,
) -> anyhow::Result<Option<RegisterEntry>> {
    let history = ai_system::history(conn, slug)?;
    let Some(current) = history.first() else {
        return Ok(None);
    };
    let wanted = version.unwrap_or(current.version);
    let Some(shown) = history.iter().find(|v| v.version == wanted) else {
        return Ok(None);
    };
    let agency_name: String = agencies::table
        .filter(agencies::slug.eq(&current.agency_slug))
        .select(agencies::name_json)
        .first(conn)?;
    let version_ids: Vec<i64> = ai_system_versions::table
        .inner_join(ai_systems::table)
        .filter(ai_systems::slug.eq(slug))
        .select(ai_system_versions::id)
        .load(conn)?;
    let decisions = decision::count_for_versions(conn, &version_ids)?;
    Ok(Some(RegisterEntry {
        slug: slug.to_string(),
        agency_slug: current.agency_slug.clone(),
        agency_name: serde_json::from_str(&agency_name).unwrap_or_default(),
        version: shown.version,
        current_version: current.version,
        content: serde_json::from_str(&shown.content_json)?,
        history: history
            .iter()
            .map(|v| VersionSummary {
                version: v.version,
                published_on: v.created_at.format("%Y-%m-%d").to_string(),
            })
            .collect(),
        decisions: PublicCount::suppressed(decisions, SMALL_COUNT_THRESHOLD),
    }))
}

/// Error reports on the entries of the agencies `scope` may see, newest first.
pub fn flags(conn: &mut DbConnection, scope: AgencyScope) -> anyhow::Result<Vec<RegisterFlagView>> {
    let mut query = register_flags::table
        .inner_join(ai_systems::table)
        .select((
            ai_systems::slug,
            register_flags::version,
            register_flags::message,
            register_flags::contact_email,
            register_flags::created_at,
        ))
        .order(register_flags::created_at.desc())
        .limit(200)
        .into_boxed();
    if let AgencyScope::One(id) = scope {
        query = query.filter(ai_systems::agency_id.eq(id));
    }
    let rows: Vec<(String, i32, String, Option<String>, chrono::NaiveDateTime)> =
        query.load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(system_slug, version, message, contact_email, at)| RegisterFlagView {
                system_slug,
                version,
                message,
                contact_email,
                reported_at: at.format("%Y-%m-%d %H:%M UTC").to_string(),
            },
        )
        .collect())
}

/// The current version of `slug` if `agency_id` owns it.
pub fn editable(
    conn: &mut DbConnection,
    agency_id: i64,
    slug: &str,
) -> anyhow::Result<Option<RegisterEntry>> {
    let owner: Option<i64> = ai_systems::table
        .filter(ai_systems::slug.eq(slug))
        .select(ai_systems::agency_id)
        .first(conn)
        .optional()?;
    if owner != Some(agency_id) {
        return Ok(None);
    }
    entry(conn, slug, None)
}
