//! Keeping the statistics' figures true: decisions are added to their tallies in the
//! transaction that stores them, and an appeal's figures are written again in the transaction
//! of every change to it, so the statistics read a few thousand grouped rows instead of every
//! decision (docs/statistics.md).

use crate::db::models::appeal::AppealRow;
use crate::db::models::decision::NewDecision;
use crate::db::models::figures::{self, AppealFigure, AppealTag, TallyIncrement};
use crate::db::models::{agency, appeal};
use crate::db::schema::{agencies, ai_system_versions, appeals, decisions};
use crate::db::DbConnection;
use crate::domain::local_time::local_date;
use crate::domain::stats::{answer_working_days, AppealResult};
use crate::domain::stored;
use crate::services::appeals::case::StoredOutcome;
use crate::services::calendar::{self, AgencyCalendar};
use app::types::{AppealState, Grounds};
use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// The first day of `date`'s month: how months are stored.
pub fn month_of(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

/// What a tally needs of a decision.
#[derive(Debug, Clone, Copy)]
pub struct Tallied<'a> {
    pub agency_id: i64,
    pub system_version_id: i64,
    pub outcome: &'a str,
    pub decided_at: chrono::NaiveDateTime,
    pub region: Option<&'a str>,
    pub language: Option<&'a str>,
}

impl<'a> From<&'a NewDecision> for Tallied<'a> {
    fn from(row: &'a NewDecision) -> Self {
        Tallied {
            agency_id: row.agency_id,
            system_version_id: row.system_version_id,
            outcome: &row.outcome,
            decided_at: row.decided_at,
            region: row.subject_region.as_deref(),
            language: row.subject_language.as_deref(),
        }
    }
}

/// Adds freshly stored decisions to their tallies, each in the month of its date in its state
/// body's time zone. Call in the transaction that stored them.
pub fn count_new_decisions(conn: &mut DbConnection, rows: &[NewDecision]) -> anyhow::Result<()> {
    let tallied: Vec<Tallied<'_>> = rows.iter().map(Tallied::from).collect();
    count_decisions(conn, &tallied)
}

/// A tally's key: system version, month, outcome, region, language.
type TallyKey<'a> = (i64, NaiveDate, &'a str, &'a str, &'a str);

/// The columns of a decision a tally is counted from.
type TalliedColumns = (
    i64,
    i64,
    i64,
    String,
    chrono::NaiveDateTime,
    Option<String>,
    Option<String>,
);

/// Adds decisions to their tallies.
pub fn count_decisions(conn: &mut DbConnection, rows: &[Tallied<'_>]) -> anyhow::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let systems = systems_of_versions(conn, rows.iter().map(|r| r.system_version_id))?;
    let zones = time_zones(conn, rows.iter().map(|r| r.agency_id))?;
    // (version, month, outcome, region, language) → (body, system, decisions)
    let mut counts: BTreeMap<TallyKey<'_>, (i64, i64, i64)> = BTreeMap::new();
    for row in rows {
        let zone = zones
            .get(&row.agency_id)
            .ok_or_else(|| anyhow::anyhow!("no state body {}", row.agency_id))?;
        let system_id = *systems
            .get(&row.system_version_id)
            .ok_or_else(|| anyhow::anyhow!("no system version {}", row.system_version_id))?;
        let key = (
            row.system_version_id,
            month_of(local_date(row.decided_at, zone)),
            row.outcome,
            row.region.unwrap_or(""),
            row.language.unwrap_or(""),
        );
        counts.entry(key).or_insert((row.agency_id, system_id, 0)).2 += 1;
    }
    let increments: Vec<TallyIncrement> = counts
        .into_iter()
        .map(
            |((version, month, outcome, region, language), (agency_id, system_id, n))| {
                TallyIncrement {
                    system_version_id: version,
                    month,
                    outcome: outcome.to_string(),
                    region: region.to_string(),
                    language: language.to_string(),
                    agency_id,
                    system_id,
                    decisions: n,
                }
            },
        )
        .collect();
    figures::add_to_tallies(conn, &increments)?;
    Ok(())
}

/// Writes the figures of one appeal again. Call in the transaction that changed it.
pub fn refresh_appeal(conn: &mut DbConnection, appeal_id: i64) -> anyhow::Result<()> {
    refresh_appeals(conn, &[appeal_id])
}

/// Writes the figures of these appeals again, loading each state body's calendar once and
/// the pauses of each chunk of appeals in one query.
pub fn refresh_appeals(conn: &mut DbConnection, ids: &[i64]) -> anyhow::Result<()> {
    let mut calendars: HashMap<i64, AgencyCalendar> = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<AppealRow> = appeals::table
            .filter(appeals::id.eq_any(chunk))
            .select(AppealRow::as_select())
            .load(conn)?;
        let subjects = decision_subjects(conn, rows.iter().map(|r| r.decision_id))?;
        let systems = systems_of_versions(conn, subjects.values().map(|s| s.system_version_id))?;
        let pauses = appeal::pauses_of(conn, chunk)?;
        let mut all_figures = Vec::with_capacity(rows.len());
        let mut all_tags = Vec::new();
        for row in &rows {
            if let std::collections::hash_map::Entry::Vacant(slot) = calendars.entry(row.agency_id)
            {
                let agency = agency::find_by_id(conn, row.agency_id)?
                    .ok_or_else(|| anyhow::anyhow!("no state body {}", row.agency_id))?;
                slot.insert(calendar::for_agency(conn, &agency)?);
            }
            let terms = &calendars[&row.agency_id];
            let subject = subjects
                .get(&row.decision_id)
                .ok_or_else(|| anyhow::anyhow!("appeal {} has no decision", row.reference))?;
            let system_id = *systems.get(&subject.system_version_id).ok_or_else(|| {
                anyhow::anyhow!("no system version {}", subject.system_version_id)
            })?;
            let pauses = pauses.get(&row.id).map(Vec::as_slice).unwrap_or_default();
            let (figure, tags) = figure_of(row, subject, system_id, terms, pauses)?;
            all_figures.push(figure);
            all_tags.extend(tags);
        }
        figures::replace_appeals(conn, &all_figures, &all_tags)?;
    }
    Ok(())
}

/// What the statistics need of an appeal's decision.
#[derive(Debug, Clone)]
struct Subject {
    system_version_id: i64,
    region: Option<String>,
    language: Option<String>,
}

/// An appeal's figures and tags, from its row, its decision and its state body's calendar.
fn figure_of(
    row: &AppealRow,
    subject: &Subject,
    system_id: i64,
    terms: &AgencyCalendar,
    pauses: &[crate::domain::calendar::Pause],
) -> anyhow::Result<(AppealFigure, Vec<AppealTag>)> {
    let state = AppealState::parse(&row.state)
        .ok_or_else(|| anyhow::anyhow!("stored appeal state {:?}", row.state))?;
    let outcome = row
        .outcome_json
        .as_deref()
        .map(|json| stored::document::<StoredOutcome>(json, "appeal outcome"))
        .transpose()?
        .map(|o| o.outcome.kind);
    let result = AppealResult::of(state, outcome);
    let answered_on = row.decided_on.filter(|_| result.is_answered());
    let working_days = answered_on.map(|answered| {
        let days = answer_working_days(&terms.calendar, row.filed_on, answered, pauses);
        i32::try_from(days).unwrap_or(i32::MAX)
    });
    let clock_paused = pauses.iter().any(|pause| pause.until.is_none());
    let decide_due = match (answered_on, clock_paused) {
        (None, true) => None,
        _ => Some(row.extended_to.unwrap_or(row.decide_by)),
    };
    let filed_month = month_of(row.filed_on);
    let grounds: Grounds = stored::document(&row.grounds_json, "appeal grounds")?;
    let mut tags: Vec<AppealTag> = Vec::new();
    let tag = |kind: &str, value: &str| AppealTag {
        appeal_id: row.id,
        kind: kind.to_string(),
        value: value.to_string(),
        filed_month,
        agency_id: row.agency_id,
        system_id,
    };
    for kind in &grounds.kinds {
        tags.push(tag("ground", kind.as_str()));
    }
    for factor in &grounds.factors {
        tags.push(tag("factor", &factor.key));
    }
    tags.sort_by(|a, b| (&a.kind, &a.value).cmp(&(&b.kind, &b.value)));
    tags.dedup_by(|a, b| a.kind == b.kind && a.value == b.value);
    let figure = AppealFigure {
        appeal_id: row.id,
        agency_id: row.agency_id,
        system_id,
        system_version_id: subject.system_version_id,
        filed_month,
        region: subject.region.clone().unwrap_or_default(),
        language: subject.language.clone().unwrap_or_default(),
        result: result.as_str().to_string(),
        answered_on,
        working_days,
        decide_due,
        escalated: state == AppealState::Escalated || row.finding.is_some(),
        finding: row.finding.clone(),
    };
    Ok((figure, tags))
}

fn decision_subjects(
    conn: &mut DbConnection,
    ids: impl Iterator<Item = i64>,
) -> anyhow::Result<HashMap<i64, Subject>> {
    let ids: Vec<i64> = ids.collect();
    let rows: Vec<(i64, i64, Option<String>, Option<String>)> = decisions::table
        .filter(decisions::id.eq_any(&ids))
        .select((
            decisions::id,
            decisions::system_version_id,
            decisions::subject_region,
            decisions::subject_language,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, system_version_id, region, language)| {
            (
                id,
                Subject {
                    system_version_id,
                    region,
                    language,
                },
            )
        })
        .collect())
}

fn systems_of_versions(
    conn: &mut DbConnection,
    ids: impl Iterator<Item = i64>,
) -> anyhow::Result<HashMap<i64, i64>> {
    let mut ids: Vec<i64> = ids.collect();
    ids.sort_unstable();
    ids.dedup();
    let rows: Vec<(i64, i64)> = ai_system_versions::table
        .filter(ai_system_versions::id.eq_any(&ids))
        .select((ai_system_versions::id, ai_system_versions::system_id))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

fn time_zones(
    conn: &mut DbConnection,
    ids: impl Iterator<Item = i64>,
) -> anyhow::Result<HashMap<i64, String>> {
    let mut ids: Vec<i64> = ids.collect();
    ids.sort_unstable();
    ids.dedup();
    let rows: Vec<(i64, String)> = agencies::table
        .filter(agencies::id.eq_any(&ids))
        .select((agencies::id, agencies::time_zone))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// [`catch_up`] when migrations were just applied (one of them may have created the
/// figures' tables beside existing data), in one transaction; nothing otherwise.
pub fn catch_up_after_migrations(
    conn: &mut DbConnection,
    applied: usize,
) -> anyhow::Result<CaughtUp> {
    if applied == 0 {
        return Ok(CaughtUp::default());
    }
    crate::db::write_transaction(conn, catch_up)
}

/// What [`catch_up`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct CaughtUp {
    pub appeals: usize,
    pub decisions: usize,
}

/// Fills in figures the tables do not hold yet: after the migration that created them, every
/// appeal and decision stored before. Appeals without figures get them; when the tallies do
/// not count every decision, they are counted again from all decisions. Cheap when nothing is
/// missing (two counts).
pub fn catch_up(conn: &mut DbConnection) -> anyhow::Result<CaughtUp> {
    let mut done = CaughtUp::default();
    let (figured, tallied) = figures::counts(conn)?;
    let appeal_total: i64 = appeals::table.count().get_result(conn)?;
    if figured < appeal_total {
        let missing: Vec<i64> = appeals::table
            .left_join(
                crate::db::schema::appeal_figures::table
                    .on(crate::db::schema::appeal_figures::appeal_id.eq(appeals::id)),
            )
            .filter(crate::db::schema::appeal_figures::appeal_id.is_null())
            .select(appeals::id)
            .load(conn)?;
        refresh_appeals(conn, &missing)?;
        done.appeals = missing.len();
    }
    let decision_total: i64 = decisions::table.count().get_result(conn)?;
    if tallied != decision_total {
        figures::clear_tallies(conn)?;
        let mut last_id = 0;
        loop {
            let rows: Vec<TalliedColumns> = decisions::table
                .filter(decisions::id.gt(last_id))
                .order(decisions::id.asc())
                .limit(10_000)
                .select((
                    decisions::id,
                    decisions::agency_id,
                    decisions::system_version_id,
                    decisions::outcome,
                    decisions::decided_at,
                    decisions::subject_region,
                    decisions::subject_language,
                ))
                .load(conn)?;
            let Some(last) = rows.last() else { break };
            last_id = last.0;
            done.decisions += rows.len();
            let tallied: Vec<Tallied<'_>> = rows
                .iter()
                .map(
                    |(_, agency_id, version, outcome, decided_at, region, language)| Tallied {
                        agency_id: *agency_id,
                        system_version_id: *version,
                        outcome,
                        decided_at: *decided_at,
                        region: region.as_deref(),
                        language: language.as_deref(),
                    },
                )
                .collect();
            count_decisions(conn, &tallied)?;
        }
    }
    Ok(done)
}
