//! `redress bench-ingest --batch FILE` (hidden): the direct baseline of the ingest benchmark.
//!
//! It stores the decisions of an API batch file as rows shaped exactly like the ones ingest
//! stores (same content, keyed hashes, references and access codes), but straight through
//! diesel: one multi-row insert and one transaction per batch, with no HTTP, validation or
//! per-decision query. That is about as fast as these rows can reach the database, so the API's
//! rate divided by this one says how much the API's own work costs. Only the transactions are
//! timed; building the rows is not. The rows are deleted again afterwards, so a run leaves the
//! database as it found it.

use crate::config::Settings;
use crate::db::models::decision::NewDecision;
use crate::db::schema::{ai_system_versions, ai_systems, decisions};
use crate::db::{write_transaction, DbConnection};
use crate::domain::reference::{AccessCode, DecisionReference};
use crate::keys::{stored_hash, Keys, Purpose};
use anyhow::Context;
use diesel::prelude::*;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::{Duration, Instant};

/// Rows per INSERT statement: 1,000 rows of 13 columns stay inside SQLite's 32,766 and
/// PostgreSQL's 65,535 bound parameters, and an API batch holds at most 1,000 decisions.
const ROWS_PER_STATEMENT: usize = 1_000;

/// What a run measured.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IngestTiming {
    /// Decisions inserted (and removed again).
    pub decisions: usize,
    /// Time spent inside the insert transactions, commits included.
    pub elapsed: Duration,
}

impl IngestTiming {
    /// Decisions per second.
    pub fn per_second(&self) -> f64 {
        self.decisions as f64 / self.elapsed.as_secs_f64().max(f64::EPSILON)
    }
}

/// Inserts the batch in `batch_file` `rounds` times and prints the figures as `key=value` lines.
pub fn run(settings: &Settings, batch_file: &Path, rounds: usize) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(batch_file)
        .with_context(|| format!("--batch: cannot read {}", batch_file.display()))?;
    let document: Value = serde_json::from_str(&text)
        .with_context(|| format!("--batch: {} is not JSON", batch_file.display()))?;
    let items = document
        .get("decisions")
        .and_then(Value::as_array)
        .filter(|items| !items.is_empty())
        .ok_or_else(|| anyhow::anyhow!("--batch: expected {{\"decisions\": [...]}}"))?;
    let (mut conn, keys) = super::open(settings)?;
    let (timing, inserted) = insert_rounds(&mut conn, &keys, items, rounds)?;
    remove(&mut conn, &inserted)?;
    println!("decisions={}", timing.decisions);
    println!("seconds={:.6}", timing.elapsed.as_secs_f64());
    println!("decisions_per_second={:.0}", timing.per_second());
    Ok(())
}

/// Inserts `items` `rounds` times, one transaction per round, and times the transactions;
/// returns the timing and the references inserted, for [`remove`]. The items' systems must
/// exist (`seed-demo` makes the usual one).
pub fn insert_rounds(
    conn: &mut DbConnection,
    keys: &Keys,
    items: &[Value],
    rounds: usize,
) -> anyhow::Result<(IngestTiming, HashSet<String>)> {
    let versions = current_versions(conn)?;
    let mut references = HashSet::new();
    let mut elapsed = Duration::ZERO;
    for round in 0..rounds {
        let rows = items
            .iter()
            .map(|item| row(item, round, keys, &versions, &mut references))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let start = Instant::now();
        write_transaction(conn, |conn| insert(conn, &rows))
            .context("inserting the batch directly")?;
        elapsed += start.elapsed();
    }
    let timing = IngestTiming {
        decisions: items.len() * rounds,
        elapsed,
    };
    Ok((timing, references))
}

/// Every AI system's slug → (agency id, id of its current version).
fn current_versions(conn: &mut DbConnection) -> QueryResult<HashMap<String, (i64, i64)>> {
    let rows: Vec<(String, i64, i64)> = ai_systems::table
        .inner_join(
            ai_system_versions::table.on(ai_system_versions::system_id
                .eq(ai_systems::id)
                .and(ai_system_versions::version.eq(ai_systems::current_version))),
        )
        .select((
            ai_systems::slug,
            ai_systems::agency_id,
            ai_system_versions::id,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(slug, agency, version)| (slug, (agency, version)))
        .collect())
}

/// The row ingest would store for `item`, its external id made unique to `round`.
fn row(
    item: &Value,
    round: usize,
    keys: &Keys,
    versions: &HashMap<String, (i64, i64)>,
    references: &mut HashSet<String>,
) -> anyhow::Result<NewDecision> {
    let text = |key: &str| item.get(key).and_then(Value::as_str);
    let system = text("system").unwrap_or_default();
    let (agency_id, system_version_id) = *versions
        .get(system)
        .ok_or_else(|| anyhow::anyhow!("no AI system {system:?}: run seed-demo first"))?;
    let decided_at = chrono::DateTime::parse_from_rfc3339(text("decided_at").unwrap_or_default())
        .context("decided_at is not RFC 3339")?
        .naive_utc();
    let subject = |key: &str| {
        item.get("subject")
            .and_then(|s| s.get(key))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    // Ingest keeps the submitted item minus the national id, and a keyed hash of the whole.
    let mut stored = item.clone();
    if let Some(subject) = stored.get_mut("subject").and_then(Value::as_object_mut) {
        subject.remove("national_id");
    }
    Ok(NewDecision {
        reference: fresh_reference(references),
        agency_id,
        system_version_id,
        external_id: format!("DIRECT-{round}-{}", text("external_id").unwrap_or_default()),
        access_code_hash: stored_hash::hash(
            keys,
            Purpose::AccessCode,
            AccessCode::generate().as_str(),
        ),
        outcome: text("outcome").unwrap_or_default().to_string(),
        decided_at,
        content_json: stored.to_string(),
        content_hash: stored_hash::hash(keys, Purpose::DecisionContent, &item.to_string()),
        subject_email: subject("email"),
        subject_national_id_hash: subject("national_id")
            .map(|id| stored_hash::hash(keys, Purpose::NationalId, &id)),
        subject_language: subject("language"),
        subject_region: subject("region"),
        created_at: chrono::Utc::now().naive_utc(),
    })
}

/// A reference not yet used by this run (collisions with stored ones are left to the unique
/// index: at 40 random bits they would fail one run in many thousands).
fn fresh_reference(used: &mut HashSet<String>) -> String {
    loop {
        let candidate = DecisionReference::generate().as_str().to_string();
        if used.insert(candidate.clone()) {
            return candidate;
        }
    }
}

/// Multi-row inserts do not compile against the multi-backend connection, so each backend's
/// own connection takes the rows.
fn insert(conn: &mut DbConnection, rows: &[NewDecision]) -> QueryResult<()> {
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let statement = diesel::insert_into(decisions::table).values(chunk);
        match conn {
            DbConnection::Sqlite(c) => statement.execute(c)?,
            DbConnection::Pg(c) => statement.execute(c)?,
        };
    }
    Ok(())
}

/// Deletes the decisions with `references` (what [`insert_rounds`] inserted).
pub fn remove(conn: &mut DbConnection, references: &HashSet<String>) -> QueryResult<()> {
    let references: Vec<&String> = references.iter().collect();
    write_transaction(conn, |conn| {
        for chunk in references.chunks(ROWS_PER_STATEMENT) {
            diesel::delete(decisions::table.filter(decisions::reference.eq_any(chunk)))
                .execute(conn)?;
        }
        Ok(())
    })
}
