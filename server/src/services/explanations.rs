//! The explanation use case: building a decision's explanation for the citizen who opened it, or for staff of its agency
//! (whose view is recorded in the audit log, so the citizen can see who looked).

use crate::db::models::agency::{self, AgencyScope};
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::models::decision::{self, Decision};
use crate::db::schema::{ai_system_versions, ai_systems};
use crate::db::{write_transaction, DbConnection};
use crate::domain::decision::DecisionDocument;
use crate::domain::local_time::{challenge_until, local_date};
use crate::domain::reference::DecisionReference;
use crate::domain::stored;
use app::port::DecisionViewer;
use app::types::{
    ActionView, CalendarDate, ChangeView, CounterfactualView, DataSourceView, Explanation,
    FactorView,
};
use app::types::{LocalizedText, RiskLevel};
use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;

/// The one field of a register entry the explanation shows besides its columns.
#[derive(serde::Deserialize)]
struct SystemName {
    name: LocalizedText,
}

fn calendar(date: NaiveDate) -> CalendarDate {
    CalendarDate {
        year: date.year(),
        month: date.month(),
        day: date.day(),
    }
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
    let (system_slug, system_version, system_content, risk_level): (String, i32, String, String) =
        ai_system_versions::table
            .inner_join(ai_systems::table)
            .filter(ai_system_versions::id.eq(stored.system_version_id))
            .select((
                ai_systems::slug,
                ai_system_versions::version,
                ai_system_versions::content_json,
                ai_system_versions::risk_level,
            ))
            .first(conn)?;
    // The page names the system and its risk level only: the name is read out of the entry
    // without building the rest of it, and the risk level has its own column.
    let system: SystemName = stored::document(&system_content, "register entry")?;
    let risk_level = stored::vocab(&risk_level, RiskLevel::parse, "risk level")?;
    let content: DecisionDocument = stored::document(&stored.content_json, "decision")?;

    let factors = factor_views(&content);

    let counterfactuals = content
        .counterfactuals
        .iter()
        .map(|c| CounterfactualView {
            changes: c
                .changes
                .iter()
                .map(|change| {
                    // The walker refused changes that name no factor, so one is always found.
                    let factor = content.factor(&change.key);
                    ChangeView {
                        label: factor.map(|f| f.label.clone()).unwrap_or_default(),
                        from: factor.map(|f| f.value.clone()).unwrap_or_default(),
                        to: change.to.clone(),
                        unit: factor.and_then(|f| f.unit.clone()),
                    }
                })
                .collect(),
            outcome_label: c.outcome_label.clone(),
        })
        .collect();

    let data_sources = content
        .data_sources
        .iter()
        .map(|d| DataSourceView {
            category: d.category.clone(),
            source: d.source.clone(),
        })
        .collect();

    let until = challenge_until(
        stored.decided_at,
        &owner.time_zone,
        owner.challenge_window_months,
    );
    let today = local_date(chrono::Utc::now().naive_utc(), &owner.time_zone);
    Ok(Explanation {
        reference: stored.reference,
        agency_name: stored::document(&owner.name_json, "agency name")?,
        agency_contact: stored::document(&owner.contact_json, "agency contact")?,
        system_slug,
        system_name: system.name,
        system_version,
        system_risk_level: risk_level,
        outcome: stored.outcome,
        outcome_label: content.outcome_label,
        decided_on: calendar(local_date(stored.decided_at, &owner.time_zone)),
        legal_basis: content.legal_basis,
        summary: content.summary,
        factors,
        counterfactuals,
        data_sources,
        human_involvement: content.human_involvement,
        action: content.action.map(|action| ActionView {
            what: action.what,
            by: calendar(action.by),
            document: action.document,
        }),
        challenge_until: calendar(until),
        challenge_window_months: owner.challenge_window_months,
        challenge_open: today <= until,
        retention_months: owner.retention_months,
        viewed_by_staff,
        appeals: crate::db::models::appeal::on_decision(conn, stored.id)?
            .into_iter()
            .map(|(reference, state)| {
                Ok((
                    reference,
                    stored::vocab(&state, app::types::AppealState::parse, "appeal state")?,
                ))
            })
            .collect::<anyhow::Result<_>>()?,
    })
}

/// The decision's factors as pages show them, the largest contribution first.
pub fn factor_views(document: &DecisionDocument) -> Vec<FactorView> {
    let mut factors: Vec<FactorView> = document
        .factors
        .iter()
        .map(|f| FactorView {
            key: f.key.clone(),
            label: f.label.clone(),
            value: f.value.clone(),
            unit: f.unit.clone(),
            contribution: f.contribution,
            citizen_can_change: f.citizen_can_change,
        })
        .collect();
    factors.sort_by(|a, b| b.contribution.abs().total_cmp(&a.contribution.abs()));
    factors
}

/// The name of the system whose version `system_version_id` made a decision.
pub fn system_name(
    conn: &mut DbConnection,
    system_version_id: i64,
) -> anyhow::Result<LocalizedText> {
    let content: String = ai_system_versions::table
        .filter(ai_system_versions::id.eq(system_version_id))
        .select(ai_system_versions::content_json)
        .first(conn)?;
    Ok(stored::document::<SystemName>(&content, "register entry")?.name)
}
