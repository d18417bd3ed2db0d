//! Building a decision's explanation for the citizen who opened it, or for staff of its agency
//! (whose view is recorded in the audit log, so the citizen can see who looked).

use crate::db::models::agency::{self, AgencyScope};
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::models::decision::{self, Decision};
use crate::db::schema::{ai_system_versions, ai_systems};
use crate::db::{write_transaction, DbConnection};
use crate::domain::local_time::{challenge_until, local_date};
use crate::domain::reference::DecisionReference;
use crate::domain::stored;
use app::i18n::LocalizedText;
use app::port::DecisionViewer;
use app::types::{
    CalendarDate, ChangeView, CounterfactualView, DataSourceView, Explanation, FactorView,
};
use app::types::{HumanInvolvement, RegisterEntryContent};
use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use serde_json::Value;

fn calendar(date: NaiveDate) -> CalendarDate {
    CalendarDate {
        year: date.year(),
        month: date.month(),
        day: date.day(),
    }
}

fn text(value: &Value) -> LocalizedText {
    serde_json::from_value(value.clone()).unwrap_or_default()
}

/// The explanation of `reference` if `viewer` may read it.
pub fn for_viewer(
    conn: &mut DbConnection,
    viewer: &DecisionViewer,
    reference: &str,
) -> anyhow::Result<Option<Explanation>> {
    let Some(reference) = DecisionReference::parse(reference) else {
        return Ok(None);
    };
    let Some(stored) = decision::find_by_reference(conn, reference.as_str())? else {
        return Ok(None);
    };
    match viewer {
        DecisionViewer::Citizen(access) if access.reference == stored.reference => {}
        DecisionViewer::Staff(principal) => {
            if let AgencyScope::One(own) = AgencyScope::of(principal.agency_id) {
                if own != stored.agency_id {
                    return Ok(None);
                }
            }
            let event = AuditEvent {
                actor: Actor::principal(principal),
                action: "decision.viewed_by_staff",
                subject_kind: "decision",
                subject_id: stored.reference.clone(),
                details: serde_json::json!({}),
            };
            write_transaction(conn, |conn| {
                audit::append(conn, event, chrono::Utc::now().naive_utc())
            })?;
        }
        DecisionViewer::Citizen(_) => return Ok(None),
    }
    build(conn, stored, matches!(viewer, DecisionViewer::Staff(_))).map(Some)
}

fn build(
    conn: &mut DbConnection,
    stored: Decision,
    viewed_by_staff: bool,
) -> anyhow::Result<Explanation> {
    let owner = agency::find_by_id(conn, stored.agency_id)?
        .ok_or_else(|| anyhow::anyhow!("decision {} has no agency", stored.reference))?;
    let (system_slug, system_version, system_content): (String, i32, String) =
        ai_system_versions::table
            .inner_join(ai_systems::table)
            .filter(ai_system_versions::id.eq(stored.system_version_id))
            .select((
                ai_systems::slug,
                ai_system_versions::version,
                ai_system_versions::content_json,
            ))
            .first(conn)?;
    let system: RegisterEntryContent = stored::document(&system_content, "register entry")?;
    let content: Value = serde_json::from_str(&stored.content_json)?;

    let mut factors: Vec<FactorView> = content["factors"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|f| FactorView {
                    key: f["key"].as_str().unwrap_or_default().to_string(),
                    label: text(&f["label"]),
                    value: f["value"].as_str().unwrap_or_default().to_string(),
                    unit: f["unit"].as_str().map(String::from),
                    contribution: f["contribution"].as_f64().unwrap_or(0.0),
                    citizen_can_change: f["citizen_can_change"].as_bool().unwrap_or(false),
                })
                .collect()
        })
        .unwrap_or_default();
    factors.sort_by(|a, b| b.contribution.abs().total_cmp(&a.contribution.abs()));

    let counterfactuals = content["counterfactuals"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|c| CounterfactualView {
                    changes: c["changes"]
                        .as_array()
                        .map(|changes| {
                            changes
                                .iter()
                                .map(|change| {
                                    let key = change["key"].as_str().unwrap_or_default();
                                    let factor = factors.iter().find(|f| f.key == key);
                                    ChangeView {
                                        label: factor.map(|f| f.label.clone()).unwrap_or_default(),
                                        from: factor.map(|f| f.value.clone()).unwrap_or_default(),
                                        to: change["to"].as_str().unwrap_or_default().to_string(),
                                        unit: factor.and_then(|f| f.unit.clone()),
                                    }
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                    outcome_label: text(&c["outcome_label"]),
                })
                .collect()
        })
        .unwrap_or_default();

    let data_sources = content["data_sources"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|d| DataSourceView {
                    category: text(&d["category"]),
                    source: text(&d["source"]),
                })
                .collect()
        })
        .unwrap_or_default();

    let until = challenge_until(
        stored.decided_at,
        &owner.time_zone,
        owner.challenge_window_months,
    );
    let today = local_date(chrono::Utc::now().naive_utc(), &owner.time_zone);
    Ok(Explanation {
        reference: stored.reference,
        agency_name: serde_json::from_str(&owner.name_json)?,
        agency_contact: serde_json::from_str(&owner.contact_json)?,
        system_slug,
        system_name: system.name,
        system_version,
        system_risk_level: system.risk_level,
        outcome: stored.outcome,
        outcome_label: text(&content["outcome_label"]),
        decided_on: calendar(local_date(stored.decided_at, &owner.time_zone)),
        legal_basis: text(&content["legal_basis"]),
        summary: text(&content["summary"]),
        factors,
        counterfactuals,
        data_sources,
        human_involvement: stored::vocab(
            content["human_involvement"].as_str().unwrap_or_default(),
            HumanInvolvement::parse,
            "human involvement",
        )?,
        challenge_until: calendar(until),
        challenge_window_months: owner.challenge_window_months,
        challenge_open: today <= until,
        viewed_by_staff,
    })
}
