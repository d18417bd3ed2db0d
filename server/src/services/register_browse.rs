//! Browsing the public register as its pages show it: the current entries matching filters,
//! one entry at any version with its history and how many decisions it made, and the entry a
//! supervisor may edit.

use super::error::ServiceError;
use crate::db::models::{ai_system, decision};
use crate::db::schema::{agencies, ai_system_versions, ai_systems};
use crate::db::DbConnection;
use crate::domain::stored;
use app::port::StaffPrincipal;
use app::types::{
    AgencyChoice, PublicCount, RegisterEntry, RegisterFilters, RegisterList, RegisterRow, Role,
    VersionSummary,
};
use app::types::{LocalizedText, RiskLevel, SystemStatus};
use diesel::prelude::*;

/// Counts below this are shown as "fewer than" it (so no individual can be singled out).
pub const SMALL_COUNT_THRESHOLD: i64 = 10;

/// Entries per page of the register list.
pub const PAGE_SIZE: u32 = 20;

/// The fields of a register entry its card in the list shows; the rest of the document is
/// skipped, not built.
#[derive(serde::Deserialize)]
struct EntryCard {
    name: LocalizedText,
    description: LocalizedText,
}

/// One page of the current entries matching `filters`, by slug. The matching slugs are found
/// first (a narrow query); only the page's entries are then loaded and their documents read.
pub fn list(
    conn: &mut DbConnection,
    filters: &RegisterFilters,
) -> Result<RegisterList, ServiceError> {
    let mut query = ai_systems::table
        .inner_join(agencies::table)
        .inner_join(
            ai_system_versions::table.on(ai_system_versions::system_id
                .eq(ai_systems::id)
                .and(ai_system_versions::version.eq(ai_systems::current_version))),
        )
        .select(ai_systems::slug)
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
    let matching: Vec<String> = query.load(conn)?;
    let total = matching.len() as i64;
    let pages = matching.len().div_ceil(PAGE_SIZE as usize).max(1);
    let page = (filters.page.max(1) as usize).min(pages);
    let shown: Vec<&String> = matching
        .iter()
        .skip((page - 1) * PAGE_SIZE as usize)
        .take(PAGE_SIZE as usize)
        .collect();
    let rows: Vec<(String, String, i32, String, String, String)> = ai_systems::table
        .inner_join(agencies::table)
        .inner_join(
            ai_system_versions::table.on(ai_system_versions::system_id
                .eq(ai_systems::id)
                .and(ai_system_versions::version.eq(ai_systems::current_version))),
        )
        .filter(ai_systems::slug.eq_any(&shown))
        .select((
            ai_systems::slug,
            agencies::name_json,
            ai_system_versions::version,
            ai_system_versions::content_json,
            ai_system_versions::risk_level,
            ai_system_versions::status,
        ))
        .order(ai_systems::slug.asc())
        .load(conn)?;
    let rows = rows
        .into_iter()
        .map(
            |(slug, agency_name, version, content, risk_level, status)| {
                let content: EntryCard = stored::document(&content, "register entry")?;
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
        .map(|(slug, name)| {
            Ok(AgencyChoice {
                slug,
                name: stored::document(&name, "agency name")?,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(RegisterList {
        rows,
        agencies,
        total,
        page: page as u32,
        page_size: PAGE_SIZE,
    })
}

/// One entry at `version` (else the current one), with history and live figures; `NotFound`
/// for an unknown slug or version.
pub fn entry(
    conn: &mut DbConnection,
    slug: &str,
    version: Option<i32>,
) -> Result<RegisterEntry, ServiceError> {
    let history = ai_system::history(conn, slug)?;
    let current = history.first().ok_or(ServiceError::NotFound)?;
    let wanted = version.unwrap_or(current.version);
    let shown = history
        .iter()
        .find(|v| v.version == wanted)
        .ok_or(ServiceError::NotFound)?;
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
    let system_id: i64 = ai_systems::table
        .filter(ai_systems::slug.eq(slug))
        .select(ai_systems::id)
        .first(conn)?;
    let reports = super::register_flags::public_for(conn, system_id)?;
    Ok(RegisterEntry {
        slug: slug.to_string(),
        agency_slug: current.agency_slug.clone(),
        agency_name: stored::document(&agency_name, "agency name")?,
        version: shown.version,
        current_version: current.version,
        content: stored::document(&shown.content_json, "register entry")?,
        history: history
            .iter()
            .map(|v| VersionSummary {
                version: v.version,
                published_on: v.created_at.format("%Y-%m-%d").to_string(),
                change_note: v.change_note.clone(),
            })
            .collect(),
        decisions: PublicCount::suppressed(decisions, SMALL_COUNT_THRESHOLD),
        reports,
    })
}

/// The entry `slug` for its editor: its draft's content when it has one (a supervisor goes on
/// with the change under review; an entry never published has only its draft), else its
/// current version. Only a supervisor of the owning agency may edit it; anyone else gets
/// `NotFound`, as for an entry that does not exist.
pub fn editable(
    conn: &mut DbConnection,
    principal: &StaffPrincipal,
    slug: &str,
) -> Result<RegisterEntry, ServiceError> {
    let Some(agency_id) = principal
        .agency_id
        .filter(|_| principal.role == Role::Supervisor)
    else {
        return Err(ServiceError::NotFound);
    };
    let content = super::register::editable_entry(conn, agency_id, slug)?;
    let owner: Option<i64> = ai_systems::table
        .filter(ai_systems::slug.eq(slug))
        .select(ai_systems::agency_id)
        .first(conn)
        .optional()?;
    let mut entry = match owner {
        Some(_) => entry(conn, slug, None)?,
        None => {
            let (agency_slug, agency_name): (String, String) = agencies::table
                .find(agency_id)
                .select((agencies::slug, agencies::name_json))
                .first(conn)?;
            RegisterEntry {
                slug: slug.to_string(),
                agency_slug,
                agency_name: stored::document(&agency_name, "agency name")?,
                version: 0,
                current_version: 0,
                content: content.clone(),
                history: Vec::new(),
                decisions: PublicCount::suppressed(0, SMALL_COUNT_THRESHOLD),
                reports: Vec::new(),
            }
        }
    };
    entry.content = content;
    Ok(entry)
}
