//! Systemic review notes: the ombudsman asks a state body to look at one of its systems as a
//! whole (not one appeal), and the body's supervisors see the note on their dashboard.

use super::catalogue::Catalogue;
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::schema::{ai_systems, systemic_reviews, users};
use crate::db::{write_transaction, DbConnection};
use crate::domain::local_time::rfc3339_utc;
use crate::services::error::{problem, ServiceError};
use app::port::StaffPrincipal;
use app::types::{ReviewNote, Role};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// The longest note, in characters.
pub const NOTE_MAX_CHARS: usize = 4_000;

/// The notes within reach (a supervisor's body's, or all), newest first.
pub fn list(
    conn: &mut DbConnection,
    agency_id: Option<i64>,
    catalogue: &Catalogue,
) -> anyhow::Result<Vec<ReviewNote>> {
    let mut query = systemic_reviews::table
        .inner_join(users::table)
        .order((
            systemic_reviews::opened_at.desc(),
            systemic_reviews::id.desc(),
        ))
        .select((
            systemic_reviews::id,
            systemic_reviews::system_id,
            systemic_reviews::note,
            users::display_name,
            systemic_reviews::opened_at,
        ))
        .into_boxed();
    if let Some(id) = agency_id {
        query = query.filter(systemic_reviews::agency_id.eq(id));
    }
    let rows: Vec<(i64, i64, String, String, NaiveDateTime)> = query.load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, system_id, note, opened_by, opened_at)| {
            let system = catalogue.system(system_id)?;
            Some(ReviewNote {
                id,
                system: system.slug.clone(),
                system_name: system.name.clone(),
                agency: system.agency_slug.clone(),
                note,
                opened_by,
                opened_at: rfc3339_utc(opened_at),
            })
        })
        .collect())
}

/// Opens a note on the system `slug`; only an ombudsman may. The note is trimmed, required
/// and at most [`NOTE_MAX_CHARS`] long. Audited as `stats.review_opened`.
pub fn open(
    conn: &mut DbConnection,
    principal: &StaffPrincipal,
    slug: &str,
    note: &str,
    now: NaiveDateTime,
) -> Result<i64, ServiceError> {
    if principal.role != Role::Ombudsman {
        return Err(ServiceError::NotFound);
    }
    let note = note.trim();
    if note.is_empty() {
        return Err(ServiceError::Invalid(vec![problem("note", "required")]));
    }
    if note.chars().count() > NOTE_MAX_CHARS {
        return Err(ServiceError::Invalid(vec![problem(
            "note",
            format!("at most {NOTE_MAX_CHARS} characters"),
        )]));
    }
    write_transaction(conn, |conn| {
        let (system_id, agency_id): (i64, i64) = ai_systems::table
            .filter(ai_systems::slug.eq(slug))
            .select((ai_systems::id, ai_systems::agency_id))
            .first(conn)
            .optional()?
            .ok_or(ServiceError::NotFound)?;
        let id: i64 = match conn {
            DbConnection::Sqlite(c) => diesel::insert_into(systemic_reviews::table)
                .values((
                    systemic_reviews::system_id.eq(system_id),
                    systemic_reviews::agency_id.eq(agency_id),
                    systemic_reviews::note.eq(note),
                    systemic_reviews::opened_by.eq(principal.user_id),
                    systemic_reviews::opened_at.eq(now),
                ))
                .returning(systemic_reviews::id)
                .get_result(c)?,
            DbConnection::Pg(c) => diesel::insert_into(systemic_reviews::table)
                .values((
                    systemic_reviews::system_id.eq(system_id),
                    systemic_reviews::agency_id.eq(agency_id),
                    systemic_reviews::note.eq(note),
                    systemic_reviews::opened_by.eq(principal.user_id),
                    systemic_reviews::opened_at.eq(now),
                ))
                .returning(systemic_reviews::id)
                .get_result(c)?,
        };
        audit::append(
            conn,
            AuditEvent {
                actor: Actor::staff(principal.user_id, principal.role.as_str(), None),
                action: "stats.review_opened",
                subject_kind: "ai_system",
                subject_id: slug.to_string(),
                details: serde_json::json!({ "review": id }),
            },
            now,
        )?;
        Ok(id)
    })
}
