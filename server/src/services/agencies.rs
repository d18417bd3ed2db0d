//! Agencies as operators create them, and as staff see them: each agency with its contact
//! details and its registered systems, scoped to the agencies the principal may see.

use super::error::{problem, ServiceError};
use crate::db::models::agency::{self, Agency, AgencyScope, NewAgency};
use crate::db::models::ai_system;
use crate::db::{write_transaction, DbConnection};
use crate::domain::retention::RetentionPeriod;
use crate::domain::rules::{valid_slug, SLUG_RULE};
use crate::domain::stored;
use app::port::StaffPrincipal;
use app::types::{AgencyContact, AgencyOverview, StaffHome};
use chrono::{DateTime, Utc};

/// Where a new agency's decisions are dated until an operator says otherwise.
const DEFAULT_TIME_ZONE: &str = "Asia/Almaty";
/// How long citizens have to challenge a decision until the agency's rules say otherwise.
const DEFAULT_CHALLENGE_WINDOW_MONTHS: i32 = 3;

/// Creates an agency whose name is `name` in every language until edited, with no contact
/// details yet. `Invalid` for a bad slug or an empty name; `Conflict` when the slug is taken.
pub fn create(
    conn: &mut DbConnection,
    slug: &str,
    name: &str,
    now: DateTime<Utc>,
) -> Result<Agency, ServiceError> {
    create_with_retention(conn, slug, name, None, now)
}

/// [`create`], with a retention period in months instead of the default five years
/// (`domain::retention`); a period out of range is named with the other problems.
pub fn create_with_retention(
    conn: &mut DbConnection,
    slug: &str,
    name: &str,
    retention_months: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Agency, ServiceError> {
    let name = name.trim();
    let mut problems = Vec::new();
    if !valid_slug(slug) {
        problems.push(problem("slug", SLUG_RULE));
    }
    if name.is_empty() {
        problems.push(problem("name", "must not be empty"));
    }
    let period = retention_months
        .map(|months| RetentionPeriod::new(months, DEFAULT_CHALLENGE_WINDOW_MONTHS))
        .transpose()
        .unwrap_or_else(|refusal| {
            problems.push(problem("retention_months", refusal.reason()));
            None
        });
    if !problems.is_empty() {
        return Err(ServiceError::Invalid(problems));
    }
    if agency::find_by_slug(conn, slug)?.is_some() {
        return Err(ServiceError::Conflict {
            message: format!("an agency with slug {slug} already exists"),
            details: vec![problem("slug", "is taken")],
        });
    }
    let names = serde_json::json!({ "kk": name, "ru": name, "en": name });
    let contact = serde_json::to_string(&AgencyContact::default())
        .map_err(|e| ServiceError::Unexpected(e.into()))?;
    write_transaction(conn, |conn| {
        let created = agency::insert(
            conn,
            &NewAgency {
                slug,
                name_json: &names.to_string(),
                contact_json: &contact,
                time_zone: DEFAULT_TIME_ZONE,
                challenge_window_months: DEFAULT_CHALLENGE_WINDOW_MONTHS,
                created_at: now.naive_utc(),
            },
        )?;
        match period {
            Some(period) => Ok(agency::set_retention_months(
                conn,
                created.id,
                period.months(),
            )?),
            None => Ok(created),
        }
    })
}

/// The staff home page: who is signed in and every agency they may see.
pub fn staff_home(
    conn: &mut DbConnection,
    principal: &StaffPrincipal,
) -> Result<StaffHome, ServiceError> {
    let agencies = agency::list_visible(conn, AgencyScope::of(principal.agency_id))?
        .into_iter()
        .map(|a| overview(conn, a))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(StaffHome {
        identity: principal.identity.clone(),
        agencies,
    })
}

/// One agency the principal may see; `NotFound` for any other slug.
pub fn staff_agency(
    conn: &mut DbConnection,
    principal: &StaffPrincipal,
    slug: &str,
) -> Result<AgencyOverview, ServiceError> {
    let found = agency::find_visible(conn, AgencyScope::of(principal.agency_id), slug)?
        .ok_or(ServiceError::NotFound)?;
    overview(conn, found)
}

fn overview(conn: &mut DbConnection, agency: Agency) -> Result<AgencyOverview, ServiceError> {
    let systems = ai_system::list_current_for_agency(conn, agency.id)?;
    Ok(AgencyOverview {
        slug: agency.slug,
        name: stored::document(&agency.name_json, "agency name")?,
        contact: stored::document(&agency.contact_json, "agency contact")?,
        systems,
    })
}
