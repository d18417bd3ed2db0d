//! Error reports on register entries: anyone may report one (limited per address, counted in
//! the database so the limit holds across server processes); the owning agency's supervisors,
//! the ombudsman and administrators read them.

use super::error::ServiceError;
use crate::config::RateLimitSettings;
use crate::db::models::agency::AgencyScope;
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::models::rate_limit;
use crate::db::schema::{ai_systems, register_flags};
use crate::db::{write_transaction, DbConnection};
use app::port::StaffPrincipal;
use app::types::{RegisterFlagView, Role};
use chrono::{DateTime, Utc};
use diesel::prelude::*;

const BUCKET: &str = "register_flag_ip";
/// The newest reports shown; older ones stay stored.
const LIST_LIMIT: i64 = 200;

/// A report as the person wrote it, already checked by the form.
#[derive(Debug, Clone)]
pub struct FlagReport {
    pub message: String,
    /// Where the agency may answer, if the person gave an address.
    pub contact_email: Option<String>,
}

/// What became of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reported {
    /// Stored against the entry's current version.
    Stored,
    /// Too many reports lately from this address; nothing stored.
    RateLimited,
}

/// Stores `report` on the current version of `slug`, sent from `address` at `now`.
/// `NotFound` when no entry has that slug.
pub fn report(
    conn: &mut DbConnection,
    limits: &RateLimitSettings,
    slug: &str,
    report: &FlagReport,
    address: &str,
    now: DateTime<Utc>,
) -> Result<Reported, ServiceError> {
    let now = now.naive_utc();
    let since = now - chrono::Duration::minutes(limits.window_minutes);
    if rate_limit::count_since(conn, BUCKET, address, since)? >= limits.flags_per_ip {
        tracing::warn!(%address, "register flag rate limit reached");
        return Ok(Reported::RateLimited);
    }
    let (system_id, version): (i64, i32) = ai_systems::table
        .filter(ai_systems::slug.eq(slug))
        .select((ai_systems::id, ai_systems::current_version))
        .first(conn)
        .optional()?
        .ok_or(ServiceError::NotFound)?;
    write_transaction(conn, |conn| -> Result<(), ServiceError> {
        diesel::insert_into(register_flags::table)
            .values((
                register_flags::system_id.eq(system_id),
                register_flags::version.eq(version),
                register_flags::message.eq(&report.message),
                register_flags::contact_email.eq(report.contact_email.as_deref()),
                register_flags::created_at.eq(now),
            ))
            .execute(conn)?;
        rate_limit::record(conn, BUCKET, address, now)?;
        Ok(())
    })?;
    Ok(Reported::Stored)
}

/// The reports on entries of the agencies `principal` may see, newest first. Reviewers do not
/// handle reports: `NotFound`, as for any page they may not see.
pub fn for_principal(
    conn: &mut DbConnection,
    principal: &StaffPrincipal,
) -> Result<Vec<RegisterFlagView>, ServiceError> {
    if principal.role == Role::Reviewer {
        return Err(ServiceError::NotFound);
    }
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
        .limit(LIST_LIMIT)
        .into_boxed();
    if let AgencyScope::One(id) = AgencyScope::of(principal.agency_id) {
        query = query.filter(ai_systems::agency_id.eq(id));
    }
    let rows: Vec<(String, i32, String, Option<String>, chrono::NaiveDateTime)> =
        query.load(conn)?;
    // The reports show the public's email addresses: who read them is audited.
    write_transaction(conn, |conn| {
        audit::append(
            conn,
            AuditEvent {
                actor: Actor::principal(principal),
                action: "register_flags.viewed_by_staff",
                subject_kind: "register_flags",
                subject_id: String::new(),
                details: serde_json::json!({ "shown": rows.len() }),
            },
            chrono::Utc::now().naive_utc(),
        )
    })?;
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
