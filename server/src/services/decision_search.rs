//! Staff lists of their agency's decisions: search by reference, filter by system and outcome,
//! fifty to a page, newest first.

use super::error::ServiceError;
use crate::db::models::agency::AgencyScope;
use crate::db::models::ai_system;
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::schema::{agencies, ai_system_versions, ai_systems, decisions};
use crate::db::{write_transaction, DbConnection};
use crate::domain::local_time::local_date;
use crate::domain::reference::{normalise_symbols, DecisionReference};
use crate::domain::stored;
use app::port::StaffPrincipal;
use app::types::{CalendarDate, DecisionFilters, DecisionList, DecisionRow, LabelledChoice};
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
    let agency_filter = match scope {
        AgencyScope::One(id) => Some(id),
        AgencyScope::All => None,
    };
    let systems = ai_system::names(conn, agency_filter)?;
    let rows: Vec<DecisionRow> = rows
        .into_iter()
        .map(
            |(reference, external_id, system_slug, outcome, decided_at, content, time_zone)| {
                let content: serde_json::Value = serde_json::from_str(&content).unwrap_or_default();
                let date = local_date(decided_at, &time_zone);
                let system_name = systems
                    .iter()
                    .find(|(slug, _)| *slug == system_slug)
                    .map(|(_, name)| name.clone())
                    .unwrap_or_default();
                DecisionRow {
                    reference,
                    external_id,
                    system_slug,
                    system_name,
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
    let outcomes = outcome_labels(conn, agency_filter)?;
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
        systems: systems
            .into_iter()
            .map(|(value, label)| LabelledChoice { value, label })
            .collect(),
        outcomes,
    })
}

/// Each outcome code of the decisions in scope with the label its decisions give it, by code:
/// the filter shows "Application denied", not `denied` (the agency's own words). Systems may
/// word one code differently; then the newest label of each system version is shown, joined.
fn outcome_labels(
    conn: &mut DbConnection,
    agency_id: Option<i64>,
) -> Result<Vec<LabelledChoice>, ServiceError> {
    use diesel::dsl::max;
    let mut newest = decisions::table
        .group_by((decisions::outcome, decisions::system_version_id))
        .select(max(decisions::id))
        .into_boxed();
    if let Some(id) = agency_id {
        newest = newest.filter(decisions::agency_id.eq(id));
    }
    let ids: Vec<i64> = newest
        .load::<Option<i64>>(conn)?
        .into_iter()
        .flatten()
        .collect();
    let rows: Vec<(String, String)> = decisions::table
        .filter(decisions::id.eq_any(&ids))
        .select((decisions::outcome, decisions::content_json))
        .order((decisions::outcome.asc(), decisions::id.desc()))
        .load(conn)?;
    let mut choices: Vec<(String, Vec<app::types::LocalizedText>)> = Vec::new();
    for (value, content) in rows {
        let label: OutcomeLabel = stored::document(&content, "decision")?;
        match choices.last_mut() {
            Some((last, labels)) if *last == value => {
                if !labels.contains(&label.outcome_label) {
                    labels.push(label.outcome_label);
                }
            }
            _ => choices.push((value, vec![label.outcome_label])),
        }
    }
    Ok(choices
        .into_iter()
        .map(|(value, labels)| LabelledChoice {
            value,
            label: joined(&labels),
        })
        .collect())
}

/// The texts of `labels` joined language by language with " / ".
fn joined(labels: &[app::types::LocalizedText]) -> app::types::LocalizedText {
    let pairs = app::i18n::Locale::ALL.into_iter().filter_map(|locale| {
        let texts: Vec<&str> = labels
            .iter()
            .filter_map(|label| label.get(locale))
            .collect();
        (!texts.is_empty()).then(|| (locale, texts.join(" / ")))
    });
    app::types::LocalizedText::from_pairs(pairs)
}

/// The only part of a decision an outcome's label is read from.
#[derive(serde::Deserialize)]
struct OutcomeLabel {
    outcome_label: app::types::LocalizedText,
}
