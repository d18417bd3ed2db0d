//! Staff lists of their agency's decisions: search by reference, filter by system and outcome,
//! fifty to a page, newest first.

use super::error::ServiceError;
use crate::db::models::agency::AgencyScope;
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::schema::{agencies, ai_system_versions, ai_systems, decisions};
use crate::db::{write_transaction, DbConnection};
use crate::domain::local_time::local_date;
use crate::domain::reference::{normalise_symbols, DecisionReference};
use app::port::StaffPrincipal;
use app::types::{CalendarDate, DecisionFilters, DecisionList, DecisionRow};
use chrono::Datelike;
use diesel::prelude::*;

const PAGE_SIZE: i64 = 50;

/// A page of the decisions `principal` may see (their agency's, or every agency's for the
/// ombudsman and admins), newest first.
pub fn list(
    conn: &mut DbConnection,
    principal: &StaffPrincipal,
    filters: &DecisionFilters,
) -> Result<DecisionList, ServiceError> {
    let scope = AgencyScope::of(principal.agency_id);
    let build = || {
        let mut query = decisions::table
            .inner_join(ai_system_versions::table.inner_join(ai_systems::table))
            .inner_join(agencies::table)
            .into_boxed();
        if let AgencyScope::One(id) = scope {
            query = query.filter(decisions::agency_id.eq(id));
        }
        let typed = filters.reference.trim();
        if !typed.is_empty() {
            // A whole reference matches exactly; a part of one matches as a fragment.
            match DecisionReference::parse(typed) {
                Some(reference) => {
                    query = query.filter(decisions::reference.eq(reference.as_str().to_string()))
                }
                None => {
                    let fragment = normalise_symbols(typed).unwrap_or_default();
                    query = query.filter(decisions::reference.like(format!("%{fragment}%")));
                }
            }
        }
        if !filters.system.is_empty() {
            query = query.filter(ai_systems::slug.eq(filters.system.clone()));
        }
        if !filters.outcome.is_empty() {
            query = query.filter(decisions::outcome.eq(filters.outcome.clone()));
        }
        query
    };
    let total: i64 = build().count().get_result(conn)?;
    let page = filters.page.max(1);
    let rows: Vec<(
        String,
        String,
        String,
        String,
        chrono::NaiveDateTime,
        String,
        String,
    )> = build()
        .select((
            decisions::reference,
            decisions::external_id,
            ai_systems::slug,
            decisions::outcome,
            decisions::decided_at,
            decisions::content_json,
            agencies::time_zone,
        ))
        .order((decisions::decided_at.desc(), decisions::id.desc()))
        .limit(PAGE_SIZE)
        .offset((i64::from(page) - 1) * PAGE_SIZE)
        .load(conn)?;
    let rows: Vec<DecisionRow> = rows
        .into_iter()
        .map(
            |(reference, external_id, system_slug, outcome, decided_at, content, time_zone)| {
                let content: serde_json::Value = serde_json::from_str(&content).unwrap_or_default();
                let date = local_date(decided_at, &time_zone);
                DecisionRow {
                    reference,
                    external_id,
                    system_slug,
                    outcome,
                    outcome_label: serde_json::from_value(content["outcome_label"].clone())
                        .unwrap_or_default(),
                    decided_on: CalendarDate {
                        year: date.year(),
                        month: date.month(),
                        day: date.day(),
                    },
                }
            },
        )
        .collect();
    let mut systems_query = ai_systems::table
        .select(ai_systems::slug)
        .order(ai_systems::slug.asc())
        .into_boxed();
    let mut outcomes_query = decisions::table
        .select(decisions::outcome)
        .distinct()
        .order(decisions::outcome.asc())
        .into_boxed();
    if let AgencyScope::One(id) = scope {
        systems_query = systems_query.filter(ai_systems::agency_id.eq(id));
        outcomes_query = outcomes_query.filter(decisions::agency_id.eq(id));
    }
    // A list shows people's decisions: who looked, for what, is audited.
    let shown: Vec<&str> = rows
        .iter()
        .map(|r: &DecisionRow| r.reference.as_str())
        .collect();
    write_transaction(conn, |conn| {
        audit::append(
            conn,
            AuditEvent {
                actor: Actor::principal(principal),
                action: "decisions.listed_by_staff",
                subject_kind: "decision_list",
                subject_id: String::new(),
                details: serde_json::json!({
                    "reference": filters.reference,
                    "system": filters.system,
                    "outcome": filters.outcome,
                    "page": page,
                    "shown": shown,
                }),
            },
            chrono::Utc::now().naive_utc(),
        )
    })?;
    Ok(DecisionList {
        rows,
        total,
        page,
        page_size: PAGE_SIZE as u32,
        systems: systems_query.load(conn)?,
        outcomes: outcomes_query.load(conn)?,
    })
}
