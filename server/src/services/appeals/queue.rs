//! The work queues: an agency's appeals for its staff, escalations for ombudsmen. Filtered in
//! the database (the scope first: staff never see another agency's rows), nearest deadline
//! first, a page at a time.

use super::clock::{calendar_date, AT_RISK_WORKING_DAYS};
use super::reading::OMBUDSMAN_STATES;
use crate::db::models::agency::{self, AgencyScope};
use crate::db::schema::{agencies, ai_system_versions, ai_systems, appeals, decisions, users};
use crate::db::DbConnection;
use crate::domain::stored;
use crate::services::calendar;
use crate::services::ServiceError;
use app::port::StaffPrincipal;
use app::types::{
    AppealFilters, AppealQueue, AppealRow, AppealState, DeadlineStatus, GroundKind, Grounds,
    LocalizedText, Role,
};
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use std::collections::HashMap;

/// Rows per page.
pub const PAGE_SIZE: i64 = 25;

type Row = (
    String,
    String,
    String,
    String,
    String,
    NaiveDate,
    NaiveDate,
    Option<NaiveDate>,
    Option<String>,
    i64,
    String,
    NaiveDate,
);

/// The principal's queue, as of `now`.
pub fn list(
    conn: &mut DbConnection,
    principal: &StaffPrincipal,
    filters: &AppealFilters,
    now: DateTime<Utc>,
) -> Result<AppealQueue, ServiceError> {
    let ombudsman = principal.role == Role::Ombudsman;
    let scope = AgencyScope::of(principal.agency_id);
    let state = AppealState::parse(&filters.state);
    let ground = GroundKind::parse(&filters.ground);
    let build = || {
        let mut query = appeals::table
            .inner_join(
                decisions::table
                    .inner_join(ai_system_versions::table.inner_join(ai_systems::table)),
            )
            .inner_join(agencies::table)
            .left_join(users::table.on(appeals::assignee_id.eq(users::id.nullable())))
            .into_boxed();
        if let AgencyScope::One(id) = scope {
            query = query.filter(appeals::agency_id.eq(id));
        }
        match state {
            Some(state) => query = query.filter(appeals::state.eq(state.as_str())),
            None if ombudsman => {
                query =
                    query.filter(appeals::state.eq_any(OMBUDSMAN_STATES.map(AppealState::as_str)))
            }
            None => {}
        }
        if !filters.system.is_empty() {
            query = query.filter(ai_systems::slug.eq(filters.system.clone()));
        }
        match filters.assignee.as_str() {
            "me" => query = query.filter(appeals::assignee_id.eq(principal.user_id)),
            "none" => query = query.filter(appeals::assignee_id.is_null()),
            _ => {}
        }
        if let Some(ground) = ground {
            // Grounds are a small JSON document; its wire names are quoted words that occur
            // nowhere else in it, so a text match is exact.
            query = query.filter(appeals::grounds_json.like(format!("%\"{}\"%", ground.as_str())));
        }
        query
    };
    let total: i64 = build().count().get_result(conn)?;
    let page = filters.page.max(1);
    let rows: Vec<Row> = build()
        .select((
            appeals::reference,
            decisions::reference,
            agencies::name_json,
            ai_systems::slug,
            appeals::state,
            appeals::filed_on,
            appeals::decide_by,
            appeals::escalate_until,
            users::display_name.nullable(),
            appeals::agency_id,
            appeals::grounds_json,
            appeals::acknowledge_by,
        ))
        .order((appeals::decide_by.asc(), appeals::id.asc()))
        .limit(PAGE_SIZE)
        .offset((i64::from(page) - 1) * PAGE_SIZE)
        .load(conn)?;
    let mut calendars = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push(queue_row(conn, &mut calendars, row, now)?);
    }
    // Staff read systems by name in their language, not by slug.
    let systems = crate::db::models::ai_system::names(
        conn,
        match scope {
            AgencyScope::One(id) => Some(id),
            AgencyScope::All => None,
        },
    )?;
    for row in &mut out {
        if let Some((_, name)) = systems.iter().find(|(slug, _)| *slug == row.system_slug) {
            row.system_name = name.clone();
        }
    }
    Ok(AppealQueue {
        rows: out,
        total,
        page,
        page_size: PAGE_SIZE as u32,
        systems: systems
            .into_iter()
            .map(|(value, label)| app::types::LabelledChoice { value, label })
            .collect(),
        ombudsman,
    })
}

fn queue_row(
    conn: &mut DbConnection,
    calendars: &mut HashMap<i64, (calendar::AgencyCalendar, NaiveDate)>,
    row: Row,
    now: DateTime<Utc>,
) -> Result<AppealRow, ServiceError> {
    let (
        reference,
        decision_reference,
        agency_name,
        system_slug,
        state,
        filed_on,
        decide_by,
        _escalate_until,
        assignee_name,
        agency_id,
        grounds_json,
        acknowledge_by,
    ) = row;
    let state = stored::vocab(&state, AppealState::parse, "appeal state")?;
    let grounds: Grounds = stored::document(&grounds_json, "appeal grounds")?;
    let (terms, today) = match calendars.entry(agency_id) {
        std::collections::hash_map::Entry::Occupied(known) => known.into_mut(),
        std::collections::hash_map::Entry::Vacant(slot) => {
            let owner = agency::find_by_id(conn, agency_id)?
                .ok_or_else(|| anyhow::anyhow!("appeal {reference} has no agency"))?;
            let today = super::case::local_today(now, &owner.time_zone);
            slot.insert((calendar::for_agency(conn, &owner)?, today))
        }
    };
    // The deadline the agency works to next in this state; none while it waits on the
    // citizen (the clock is stopped) or once it has decided.
    let next_due = match state {
        AppealState::Submitted => Some(acknowledge_by.min(decide_by)),
        AppealState::UnderReview | AppealState::PendingApproval => Some(decide_by),
        _ => None,
    };
    let due_status = match next_due {
        Some(due) if *today > due => DeadlineStatus::Overdue,
        Some(due) if terms.calendar.working_days_between(*today, due) <= AT_RISK_WORKING_DAYS => {
            DeadlineStatus::AtRisk
        }
        Some(_) => DeadlineStatus::Ahead,
        None => DeadlineStatus::Moot,
    };
    Ok(AppealRow {
        reference,
        decision_reference,
        agency_name: stored::document(&agency_name, "agency name")?,
        system_slug,
        system_name: LocalizedText::default(),
        state,
        grounds: grounds.kinds,
        filed_on: calendar_date(filed_on),
        next_due: next_due.map(calendar_date),
        due_status,
        assignee_name,
    })
}
