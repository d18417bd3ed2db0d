//! Who works an appeal, and what staff write on it besides steps: a reviewer claims an
//! unassigned appeal (the first of two racing claims wins, the other is told), a supervisor
//! assigns it, and staff add internal notes or messages the citizen reads.

use super::case::{self, Case};
use super::steps::StepError;
use crate::db::models::appeal::{self, NewEntry};
use crate::db::models::audit::{self, AuditEvent};
use crate::db::models::user;
use crate::db::schema::appeals;
use crate::db::{write_transaction, DbConnection};
use app::port::StaffPrincipal;
use app::types::Role;
use chrono::{DateTime, Utc};
use diesel::prelude::*;

/// The longest note or message, in characters.
pub const NOTE_MAX_CHARS: usize = 5_000;

/// The case, if `principal` works for its agency and the agency still handles it.
fn handled_case(
    conn: &mut DbConnection,
    principal: &StaffPrincipal,
    reference: &str,
    now: DateTime<Utc>,
) -> Result<Case, StepError> {
    let case = case::load(conn, reference, now)?.ok_or(StepError::NotFound)?;
    if !principal.role.is_agency_staff() || principal.agency_id != Some(case.agency.id) {
        return Err(StepError::NotFound);
    }
    Ok(case)
}

fn refuse_original_reviewer(case: &Case, user_id: i64) -> Result<(), StepError> {
    if case.original_reviewer == Some(user_id) {
        return Err(StepError::Refused(
            crate::domain::appeal::Refusal::OriginalReviewerCannotReview,
        ));
    }
    Ok(())
}

/// Assigns the appeal to `principal` if nobody holds it. Of two reviewers racing, one wins and
/// the other gets `AlreadyClaimed`; claiming one's own appeal again changes nothing.
pub fn claim(
    conn: &mut DbConnection,
    principal: &StaffPrincipal,
    reference: &str,
    now: DateTime<Utc>,
) -> Result<(), StepError> {
    write_transaction(conn, |conn| {
        let case = handled_case(conn, principal, reference, now)?;
        if case.row.assignee_id == Some(principal.user_id) {
            return Ok(());
        }
        if !case.state.is_before_decision() {
            return Err(StepError::Refused(
                crate::domain::appeal::Refusal::NotAllowedInState {
                    state: case.state,
                    event: app::types::EventKind::Acknowledge,
                },
            ));
        }
        refuse_original_reviewer(&case, principal.user_id)?;
        let stamp = now.naive_utc();
        // The condition on the row is the lock: only one claim finds it unassigned.
        let claimed = diesel::update(
            appeals::table
                .filter(appeals::id.eq(case.row.id))
                .filter(appeals::assignee_id.is_null()),
        )
        .set((
            appeals::assignee_id.eq(principal.user_id),
            appeals::version.eq(appeals::version + 1),
            appeals::updated_at.eq(stamp),
        ))
        .execute(conn)?;
        if claimed != 1 {
            return Err(StepError::AlreadyClaimed);
        }
        record(
            conn,
            &case,
            principal,
            "claimed",
            "",
            true,
            "appeal.claimed",
            now,
        )
    })
}

/// A supervisor gives the appeal to `assignee_id`, a reviewer or supervisor of the agency who
/// did not review the original decision.
pub fn assign(
    conn: &mut DbConnection,
    principal: &StaffPrincipal,
    reference: &str,
    assignee_id: i64,
    expected_version: i32,
    now: DateTime<Utc>,
) -> Result<(), StepError> {
    write_transaction(conn, |conn| {
        let case = handled_case(conn, principal, reference, now)?;
        if principal.role != Role::Supervisor {
            return Err(StepError::Refused(
                crate::domain::appeal::Refusal::WrongActor {
                    needed: crate::domain::appeal::ActorNeeded::Supervisor,
                },
            ));
        }
        let assignee = user::find_by_id(conn, assignee_id)?
            .filter(|u| u.active && u.agency_id == Some(case.agency.id))
            .ok_or(StepError::NotFound)?;
        refuse_original_reviewer(&case, assignee.id)?;
        let mut changes = case.row.changes();
        changes.assignee_id = Some(assignee.id);
        if !appeal::update_if_version(
            conn,
            case.row.id,
            expected_version,
            &changes,
            now.naive_utc(),
        )? {
            return Err(StepError::Stale);
        }
        // Assigning oneself needs no message.
        if assignee.id != principal.user_id {
            crate::services::notifications::appeal_steps::assigned(
                conn,
                &case,
                &assignee,
                now.naive_utc(),
            )?;
        }
        record(
            conn,
            &case,
            principal,
            "assigned",
            &assignee.display_name,
            true,
            "appeal.assigned",
            now,
        )
    })
}

/// Adds a staff note (internal) or a message to the citizen (public) to the case history.
pub fn add_note(
    conn: &mut DbConnection,
    principal: &StaffPrincipal,
    reference: &str,
    text: &str,
    internal: bool,
    now: DateTime<Utc>,
) -> Result<(), StepError> {
    write_transaction(conn, |conn| {
        let case = handled_case(conn, principal, reference, now)?;
        let kind = if internal { "note" } else { "message" };
        let action = if internal {
            "appeal.note_added"
        } else {
            "appeal.message_sent"
        };
        record(conn, &case, principal, kind, text, internal, action, now)
    })
}

/// The history entry and the audit entry of a staff act.
#[allow(clippy::too_many_arguments)]
fn record(
    conn: &mut DbConnection,
    case: &Case,
    principal: &StaffPrincipal,
    kind: &str,
    body: &str,
    internal: bool,
    action: &str,
    now: DateTime<Utc>,
) -> Result<(), StepError> {
    let stamp = now.naive_utc();
    appeal::add_entry(
        conn,
        &NewEntry {
            appeal_id: case.row.id,
            occurred_at: stamp,
            author: "staff",
            author_user_id: Some(principal.user_id),
            kind,
            visibility: if internal { "internal" } else { "public" },
            body,
        },
    )?;
    audit::append(
        conn,
        AuditEvent {
            actor: audit::Actor::principal(principal),
            action,
            subject_kind: "appeal",
            subject_id: case.row.reference.clone(),
            details: serde_json::json!({ "kind": kind }),
        },
        stamp,
    )?;
    Ok(())
}
