//! Error reports on register entries: anyone may report one (limited per address, counted in
//! the database so the limit holds across server processes); the owning agency's supervisors,
//! the ombudsman and administrators read them; the owning agency's supervisor moves a report
//! on (acknowledged, answered, resolved) with a reply, audited; the public reads each report's
//! status and reply on the entry page, never the reporter's address.

use super::error::ServiceError;
use crate::config::RateLimitSettings;
use crate::db::models::agency::AgencyScope;
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::models::rate_limit;
use crate::db::schema::{ai_systems, register_flags};
use crate::db::{write_transaction, DbConnection};
use crate::domain::rules::has_forbidden_control;
use crate::domain::stored;
use app::port::StaffPrincipal;
use app::types::{FlagStatus, PublicFlag, RegisterFlagView, Role};
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
            register_flags::id,
            ai_systems::slug,
            register_flags::version,
            register_flags::message,
            register_flags::contact_email,
            register_flags::created_at,
            register_flags::status,
            register_flags::reply,
        ))
        .order(register_flags::created_at.desc())
        .limit(LIST_LIMIT)
        .into_boxed();
    if let AgencyScope::One(id) = AgencyScope::of(principal.agency_id) {
        query = query.filter(ai_systems::agency_id.eq(id));
    }
    let rows: Vec<FlagRow> = query.load(conn)?;
    let names = crate::db::models::ai_system::names(conn, principal.agency_id)?;
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
    rows.into_iter()
        .map(
            |(id, system_slug, version, message, contact_email, at, status, reply)| {
                let system_name = names
                    .iter()
                    .find(|(slug, _)| *slug == system_slug)
                    .map(|(_, name)| name.clone())
                    .unwrap_or_default();
                Ok(RegisterFlagView {
                    id,
                    system_slug,
                    system_name,
                    version,
                    message,
                    contact_email,
                    reported_at: at.format("%Y-%m-%d %H:%M UTC").to_string(),
                    status: stored::vocab(&status, FlagStatus::parse, "flag status")?,
                    reply,
                })
            },
        )
        .collect()
}

/// A report as the staff list reads it (fields in the order the query selects them).
type FlagRow = (
    i64,
    String,
    i32,
    String,
    Option<String>,
    chrono::NaiveDateTime,
    String,
    Option<String>,
);

/// The longest reply, in characters.
pub const MAX_REPLY_CHARS: usize = 2_000;

/// Moves report `flag_id` to `status` with `reply` (empty for none): only a supervisor of
/// the agency owning the entry may (`NotFound` for everyone else, as for no such report).
/// 422 naming `reply` when it is too long or holds control characters, or is missing for
/// `answered`. Audited as `register_flag.status_changed`.
pub fn respond(
    conn: &mut DbConnection,
    principal: &StaffPrincipal,
    flag_id: i64,
    status: FlagStatus,
    reply: &str,
    at: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let agency_id = principal
        .agency_id
        .filter(|_| principal.role == Role::Supervisor)
        .ok_or(ServiceError::NotFound)?;
    let reply = reply.trim();
    let problem = if reply.chars().count() > MAX_REPLY_CHARS {
        Some("must be at most 2000 characters")
    } else if has_forbidden_control(reply, true) {
        Some("must not contain control characters")
    } else if reply.is_empty() && status == FlagStatus::Answered {
        Some("is required")
    } else {
        None
    };
    write_transaction(conn, |conn| {
        let owner: Option<(i64, String)> = register_flags::table
            .inner_join(ai_systems::table)
            .filter(register_flags::id.eq(flag_id))
            .select((ai_systems::agency_id, ai_systems::slug))
            .first(conn)
            .optional()?;
        let Some((_, slug)) = owner.filter(|(owner, _)| *owner == agency_id) else {
            return Err(ServiceError::NotFound);
        };
        if let Some(reason) = problem {
            return Err(ServiceError::Invalid(vec![super::error::problem(
                "reply", reason,
            )]));
        }
        let reply = (!reply.is_empty()).then_some(reply);
        diesel::update(register_flags::table.find(flag_id))
            .set((
                register_flags::status.eq(status.as_str()),
                register_flags::reply.eq(reply),
                register_flags::status_changed_at.eq(at.naive_utc()),
            ))
            .execute(conn)?;
        audit::append(
            conn,
            AuditEvent {
                actor: Actor::principal(principal),
                action: "register_flag.status_changed",
                subject_kind: "register_flag",
                subject_id: flag_id.to_string(),
                details: serde_json::json!({
                    "system": slug,
                    "status": status.as_str(),
                    "replied": reply.is_some(),
                }),
            },
            at.naive_utc(),
        )?;
        Ok(())
    })
}

/// The reports on entry `system_id`, newest first, as the public reads them: date, version,
/// message, status and reply, never the reporter's address.
pub fn public_for(
    conn: &mut DbConnection,
    system_id: i64,
) -> Result<Vec<PublicFlag>, ServiceError> {
    let rows: Vec<(i32, String, chrono::NaiveDateTime, String, Option<String>)> =
        register_flags::table
            .filter(register_flags::system_id.eq(system_id))
            .order(register_flags::created_at.desc())
            .limit(LIST_LIMIT)
            .select((
                register_flags::version,
                register_flags::message,
                register_flags::created_at,
                register_flags::status,
                register_flags::reply,
            ))
            .load(conn)?;
    rows.into_iter()
        .map(|(version, message, at, status, reply)| {
            Ok(PublicFlag {
                reported_on: at.format("%Y-%m-%d").to_string(),
                version,
                message,
                status: stored::vocab(&status, FlagStatus::parse, "flag status")?,
                reply,
            })
        })
        .collect()
}
