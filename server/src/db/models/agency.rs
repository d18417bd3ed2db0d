//! Agencies: who they are and how citizens reach them.

use crate::db::schema::agencies;
use crate::db::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// A stored agency.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = agencies)]
pub struct Agency {
    pub id: i64,
    pub slug: String,
    pub name_json: String,
    pub contact_json: String,
    pub time_zone: String,
    pub challenge_window_months: i32,
    pub created_at: NaiveDateTime,
    /// The agency's deadline terms (`domain::calendar::DeadlineProfile`); `{}` is the default.
    pub deadline_profile_json: String,
    /// Months a case's personal data is kept after its last activity (`domain::retention`).
    pub retention_months: i32,
}

/// A new agency.
#[derive(Debug, Insertable)]
#[diesel(table_name = agencies)]
pub struct NewAgency<'a> {
    pub slug: &'a str,
    pub name_json: &'a str,
    pub contact_json: &'a str,
    pub time_zone: &'a str,
    pub challenge_window_months: i32,
    pub created_at: NaiveDateTime,
}

/// Which agencies a principal may see: one, or all. Every staff query takes one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgencyScope {
    /// A reviewer or supervisor: their own agency only.
    One(i64),
    /// An ombudsman or admin.
    All,
}

impl AgencyScope {
    /// The scope of a principal whose agency is `agency_id` (none for ombudsmen and admins).
    pub fn of(agency_id: Option<i64>) -> AgencyScope {
        agency_id.map_or(AgencyScope::All, AgencyScope::One)
    }
}

/// Looks an agency up by slug, with no scope (for the CLI and seeding).
pub fn find_by_slug(conn: &mut DbConnection, slug: &str) -> QueryResult<Option<Agency>> {
    agencies::table
        .filter(agencies::slug.eq(slug))
        .select(Agency::as_select())
        .first(conn)
        .optional()
}

/// The agencies `scope` may see, by slug.
pub fn list_visible(conn: &mut DbConnection, scope: AgencyScope) -> QueryResult<Vec<Agency>> {
    let query = agencies::table
        .select(Agency::as_select())
        .order(agencies::slug.asc());
    match scope {
        AgencyScope::One(id) => query.filter(agencies::id.eq(id)).load(conn),
        AgencyScope::All => query.load(conn),
    }
}

/// One agency by slug, only if `scope` may see it.
pub fn find_visible(
    conn: &mut DbConnection,
    scope: AgencyScope,
    slug: &str,
) -> QueryResult<Option<Agency>> {
    let query = agencies::table
        .filter(agencies::slug.eq(slug))
        .select(Agency::as_select());
    match scope {
        AgencyScope::One(id) => query.filter(agencies::id.eq(id)).first(conn).optional(),
        AgencyScope::All => query.first(conn).optional(),
    }
}

/// Inserts an agency and returns it.
pub fn insert(conn: &mut DbConnection, new: &NewAgency<'_>) -> QueryResult<Agency> {
    diesel::insert_into(agencies::table)
        .values(new)
        .execute(conn)?;
    agencies::table
        .filter(agencies::slug.eq(new.slug))
        .select(Agency::as_select())
        .first(conn)
}

/// Looks an agency up by id, with no scope (the principal's own agency).
pub fn find_by_id(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Agency>> {
    agencies::table
        .find(id)
        .select(Agency::as_select())
        .first(conn)
        .optional()
}

/// Every agency's slug by id (a short list: one row per state body).
pub fn slugs_by_id(conn: &mut DbConnection) -> QueryResult<std::collections::HashMap<i64, String>> {
    let pairs: Vec<(i64, String)> = agencies::table
        .select((agencies::id, agencies::slug))
        .load(conn)?;
    Ok(pairs.into_iter().collect())
}

/// Sets an agency's retention period (checked by `domain::retention`) and returns the agency.
pub fn set_retention_months(conn: &mut DbConnection, id: i64, months: i32) -> QueryResult<Agency> {
    diesel::update(agencies::table.find(id))
        .set(agencies::retention_months.eq(months))
        .execute(conn)?;
    agencies::table
        .find(id)
        .select(Agency::as_select())
        .first(conn)
}
