//! An appeal as one viewer may see it. The citizen who opened the decision sees the public
//! history and which staff roles viewed the case; staff of the agency and ombudsmen see
//! everything, and each of their views is written to the audit log, which is where the
//! citizen's "who viewed your case" list comes from.

use super::case::{self, Case};
use super::clock::{calendar_date, deadlines};
use crate::db::models::agency::AgencyScope;
use crate::db::models::appeal::{self, EntryRow};
use crate::db::models::audit::{self, AuditEvent};
use crate::db::schema::{agencies, ai_system_versions, ai_systems, audit_log, users};
use crate::db::{write_transaction, DbConnection};
use crate::domain::appeal::{allowed_events, Actor, StaffRole};
use crate::domain::local_time::utc_offset_hours;
use crate::domain::reference::AppealReference;
use crate::domain::stored;
use app::i18n::Locale;
use app::port::{DecisionViewer, StaffPrincipal};
use app::types::{
    AppealState, AppealView, AttachmentView, CaseView, ChallengedFactorView, EntryAuthor,
    EntryKind, EntryView, EventKind, LocalizedText, OutcomeView, Role,
};
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use std::collections::HashMap;

/// The workflow's actor for a signed-in staff member; `None` for roles that take no steps.
pub fn staff_actor(principal: &StaffPrincipal) -> Option<Actor> {
    match (principal.role, principal.agency_id) {
        (Role::Ombudsman, _) => Some(Actor::Ombudsman {
            user_id: principal.user_id,
        }),
        (Role::Reviewer, Some(agency_id)) => Some(Actor::Staff {
            user_id: principal.user_id,
            agency_id,
            role: StaffRole::Reviewer,
        }),
        (Role::Supervisor, Some(agency_id)) => Some(Actor::Staff {
            user_id: principal.user_id,
            agency_id,
            role: StaffRole::Supervisor,
        }),
        _ => None,
    }
}

/// Whether `viewer` may see the case: the citizen of its decision, staff of its agency,
/// ombudsmen and admins.
pub fn may_see(viewer: &DecisionViewer, case: &Case) -> bool {
    match viewer {
        DecisionViewer::Citizen(access) => access.reference == case.decision.reference,
        DecisionViewer::Staff(principal) => match AgencyScope::of(principal.agency_id) {
            AgencyScope::One(own) => own == case.agency.id,
            AgencyScope::All => true,
        },
    }
}

/// The appeal `reference` for `viewer`, as of `now`; `None` if there is none they may see.
pub fn for_viewer(
    conn: &mut DbConnection,
    viewer: &DecisionViewer,
    reference: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<AppealView>> {
    let Some(reference) = AppealReference::parse(reference) else {
        return Ok(None);
    };
    let Some(case) = case::load(conn, reference.as_str(), now)? else {
        return Ok(None);
    };
    if !may_see(viewer, &case) {
        return Ok(None);
    }
    if let DecisionViewer::Staff(principal) = viewer {
        let event = AuditEvent {
            actor: audit::Actor::principal(principal),
            action: "appeal.viewed_by_staff",
            subject_kind: "appeal",
            subject_id: case.row.reference.clone(),
            details: serde_json::json!({}),
        };
        write_transaction(conn, |conn| audit::append(conn, event, now.naive_utc()))?;
    }
    build(conn, viewer, case).map(Some)
}

fn build(
    conn: &mut DbConnection,
    viewer: &DecisionViewer,
    case: Case,
) -> anyhow::Result<AppealView> {
    let staff = matches!(viewer, DecisionViewer::Staff(_));
    let offset = Duration::hours(utc_offset_hours(&case.agency.time_zone));
    let stamp = |at: NaiveDateTime| (at + offset).format("%Y-%m-%d %H:%M").to_string();
    let rows = appeal::entries(conn, case.row.id)?;
    let escalated_on = rows
        .iter()
        .rev()
        .find(|e| e.kind == EventKind::Escalate.as_str())
        .map(|e| (e.occurred_at + offset).date());
    let names = if staff {
        staff_names(conn, &rows)?
    } else {
        HashMap::new()
    };
    let entries = rows
        .iter()
        .filter(|e| staff || e.visibility == "public")
        .map(|e| entry_view(e, &names, &stamp))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let attachments = appeal::attachments(conn, case.row.id)?
        .into_iter()
        .map(|a| AttachmentView {
            id: a.id,
            file_name: a.file_name,
            content_type: a.content_type,
            size_bytes: a.size_bytes,
            sha256: a.sha256,
        })
        .collect();
    let actor = match viewer {
        DecisionViewer::Citizen(_) => Some(Actor::Citizen),
        DecisionViewer::Staff(principal) => staff_actor(principal),
    };
    let facts = case.facts()?;
    let actions = actor
        .map(|a| allowed_events(case.state, &facts, &a))
        .unwrap_or_default();
    let (can_claim, assignable) = match viewer {
        DecisionViewer::Staff(principal) => staff_options(conn, principal, &case)?,
        DecisionViewer::Citizen(_) => (false, Vec::new()),
    };
    let can_write_notes = matches!(viewer, DecisionViewer::Staff(p)
        if p.role.is_agency_staff() && p.agency_id == Some(case.agency.id));
    let assignee_name = match case.row.assignee_id {
        Some(id) if staff => users::table
            .find(id)
            .select(users::display_name)
            .first(conn)
            .optional()?,
        _ => None,
    };
    let system_name = system_name(conn, case.decision.system_version_id)?;
    let views = if staff {
        Vec::new()
    } else {
        case_views(conn, &case, &stamp)?
    };
    let proposal = case.proposal()?.map(|p| outcome_view(&p.outcome));
    let outcome = case.outcome()?.map(|o| outcome_view(&o.outcome));
    Ok(AppealView {
        reference: case.row.reference.clone(),
        decision_reference: case.decision.reference.clone(),
        agency_name: stored::document(&case.agency.name_json, "agency name")?,
        system_name,
        system_high_risk: case.high_risk,
        original_outcome_label: case.document.outcome_label.clone(),
        state: case.state,
        factor_labels: challenged_factors(&case),
        statement: case.row.statement.clone(),
        contact_email: case.row.contact_email.clone(),
        language: Locale::parse(&case.row.language).unwrap_or_default(),
        filed_on: calendar_date(case.row.filed_on),
        filed_at: stamp(case.row.filed_at),
        deadlines: deadlines(&case, escalated_on),
        entries,
        attachments,
        proposal: if staff { proposal } else { None },
        outcome,
        finding: case.finding()?,
        actions,
        views,
        assignee_name,
        staff_view: staff,
        can_claim,
        can_write_notes,
        assignable,
        receipt: (!staff).then(|| case.row.receipt.clone()),
        version: case.row.version,
        grounds: case.grounds,
    })
}

fn outcome_view(outcome: &crate::domain::appeal::Outcome) -> OutcomeView {
    OutcomeView {
        kind: outcome.kind,
        reasoning: outcome.reasoning.clone(),
        corrected_label: outcome.corrected.as_ref().map(|c| c.label.clone()),
    }
}

fn challenged_factors(case: &Case) -> Vec<ChallengedFactorView> {
    case.grounds
        .factors
        .iter()
        .filter_map(|challenged| {
            let factor = case.document.factor(&challenged.key)?;
            Some(ChallengedFactorView {
                key: challenged.key.clone(),
                label: factor.label.clone(),
                value_used: factor.value.clone(),
                unit: factor.unit.clone(),
                correct_value: challenged.correct_value.clone(),
                why: challenged.why.clone(),
            })
        })
        .collect()
}

/// Whether the principal may claim the case, and whom a supervisor may assign it to.
fn staff_options(
    conn: &mut DbConnection,
    principal: &StaffPrincipal,
    case: &Case,
) -> anyhow::Result<(bool, Vec<(i64, String)>)> {
    let own_agency =
        principal.role.is_agency_staff() && principal.agency_id == Some(case.agency.id);
    let working = own_agency && case.state.is_before_decision();
    let can_claim = working
        && case.row.assignee_id.is_none()
        && case.original_reviewer != Some(principal.user_id);
    let assignable = if working && principal.role == Role::Supervisor {
        users::table
            .filter(users::agency_id.eq(case.agency.id))
            .filter(users::active.eq(true))
            .filter(users::role.eq_any(["reviewer", "supervisor"]))
            .order(users::display_name.asc())
            .select((users::id, users::display_name))
            .load::<(i64, String)>(conn)?
            .into_iter()
            .filter(|(id, _)| Some(*id) != case.original_reviewer)
            .collect()
    } else {
        Vec::new()
    };
    Ok((can_claim, assignable))
}

fn staff_names(conn: &mut DbConnection, rows: &[EntryRow]) -> anyhow::Result<HashMap<i64, String>> {
    let ids: Vec<i64> = rows.iter().filter_map(|e| e.author_user_id).collect();
    Ok(users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::display_name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect())
}

fn entry_view(
    row: &EntryRow,
    names: &HashMap<i64, String>,
    stamp: &dyn Fn(NaiveDateTime) -> String,
) -> anyhow::Result<EntryView> {
    let author = match row.author.as_str() {
        "citizen" => EntryAuthor::Citizen,
        "staff" => EntryAuthor::Staff,
        "ombudsman" => EntryAuthor::Ombudsman,
        _ => EntryAuthor::System,
    };
    let kind = match row.kind.as_str() {
        "filed" => EntryKind::Filed,
        "claimed" | "assigned" => EntryKind::Assigned,
        "evidence" => EntryKind::Evidence,
        "message" => EntryKind::Message,
        "note" => EntryKind::Note,
        other => EntryKind::Step(stored::vocab(
            other,
            EventKind::parse,
            "history entry kind",
        )?),
    };
    Ok(EntryView {
        at: stamp(row.occurred_at),
        author,
        author_name: row.author_user_id.and_then(|id| names.get(&id).cloned()),
        kind,
        body: row.body.clone(),
        internal: row.visibility == "internal",
    })
}

/// The system's name as its register entry (the version that decided) gives it.
fn system_name(conn: &mut DbConnection, version_id: i64) -> anyhow::Result<LocalizedText> {
    #[derive(serde::Deserialize)]
    struct Named {
        name: LocalizedText,
    }
    let (content, _slug): (String, String) = ai_system_versions::table
        .inner_join(ai_systems::table)
        .filter(ai_system_versions::id.eq(version_id))
        .select((ai_system_versions::content_json, ai_systems::slug))
        .first(conn)?;
    Ok(stored::document::<Named>(&content, "register entry")?.name)
}

/// Which staff roles of which bodies viewed the case, newest first, from the audit log.
fn case_views(
    conn: &mut DbConnection,
    case: &Case,
    stamp: &dyn Fn(NaiveDateTime) -> String,
) -> anyhow::Result<Vec<CaseView>> {
    let rows: Vec<(NaiveDateTime, Option<String>, Option<String>)> = audit_log::table
        .left_join(agencies::table.on(audit_log::agency_id.eq(agencies::id.nullable())))
        .filter(audit_log::subject_kind.eq("appeal"))
        .filter(audit_log::subject_id.eq(&case.row.reference))
        .filter(audit_log::action.eq("appeal.viewed_by_staff"))
        .order(audit_log::id.desc())
        .limit(100)
        .select((
            audit_log::occurred_at,
            audit_log::actor_role,
            agencies::name_json.nullable(),
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(at, role, agency)| {
            Ok(CaseView {
                at: stamp(at),
                role: role.unwrap_or_default(),
                agency_name: agency
                    .map(|json| stored::document(&json, "agency name"))
                    .transpose()?,
            })
        })
        .collect()
}

/// The states an ombudsman's queue shows by default.
pub const OMBUDSMAN_STATES: [AppealState; 2] = [AppealState::Escalated, AppealState::Resolved];
