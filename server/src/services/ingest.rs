//! Ingesting a batch of decisions for one agency: all or nothing. The batch was read into
//! typed documents first (422 naming every problem); here the systems and versions are
//! resolved (422), conflicts with stored decisions are found (409), and only then is anything
//! written, in one transaction with its audit entry.

use super::error::ServiceError;
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::models::decision::{self, NewDecision};
use crate::db::models::decision_quality::{self as quality_rows, NewWarning};
use crate::db::schema::{ai_system_versions, ai_systems};
use crate::db::{write_transaction, DbConnection};
use crate::domain::decision::DecisionDocument;
use crate::domain::decision_quality::{self, Severity};
use crate::domain::reference::{AccessCode, DecisionReference};
use crate::domain::validator::Problem;
use crate::keys::{stored_hash, Keys, Purpose};
use crate::services::retention::PURGED_CONTENT_HASH;
use app::types::SystemStatus;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

/// What happened to one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum IngestStatus {
    Created,
    Unchanged,
}

/// One item's result, in the order sent. The access code is shown once, on creation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Ingested {
    pub external_id: String,
    pub reference: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_code: Option<String>,
    pub status: IngestStatus,
    /// The soft quality problems found (docs/api.md, "Quality checks"): the decision is
    /// stored, and counted against its system's quality score when first stored.
    pub warnings: Vec<QualityWarning>,
}

/// One soft quality problem in a stored decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct QualityWarning {
    /// A JSON path such as `decisions[3].factors[0].label.kk`.
    pub field: String,
    /// A stable code: `factor_label_missing`, `summary_sentence_long`, `summary_too_long`,
    /// `deadline_without_action` or `counterfactual_against_reasons`.
    pub code: String,
    /// Why, in English.
    pub message: String,
}

/// The soft findings of item `index`, as answered.
fn warnings_of(index: usize, document: &DecisionDocument) -> Vec<QualityWarning> {
    decision_quality::check(document)
        .into_iter()
        .filter(|f| f.severity == Severity::Soft)
        .map(|f| QualityWarning {
            field: format!("decisions[{index}].{}", f.field),
            code: f.code.to_string(),
            message: f.message,
        })
        .collect()
}

/// Who sent the batch, for the audit log.
pub struct Sender<'a> {
    pub agency_id: i64,
    /// The API client's id, or the command that seeded them.
    pub client: &'a str,
}

/// Stores `documents` for the sender's agency, all or nothing.
pub fn ingest(
    conn: &mut DbConnection,
    keys: &Keys,
    sender: &Sender<'_>,
    documents: Vec<DecisionDocument>,
    now: DateTime<Utc>,
) -> Result<Vec<Ingested>, ServiceError> {
    // What needs no database is worked out first, on every core, so the write lock is held
    // only for the queries and inserts.
    let prepared = prepare_all(keys, documents);
    write_transaction(conn, |conn| {
        crate::db::take_turns_on(conn, &format!("decisions of {}", sender.agency_id))?;
        store(conn, keys, sender, prepared, now.naive_utc())
    })
}

/// One document with what storing it needs: its canonical form and keyed hash (compared with
/// a stored one on a re-send), the JSON kept (without the national id), the keyed hash of
/// the national id, a fresh access code with its keyed hash, and the soft quality warnings.
struct Prepared {
    /// The document as stored: its national id taken out.
    document: DecisionDocument,
    canonical: String,
    content_hash: String,
    stored_json: String,
    national_id_hash: Option<String>,
    code: AccessCode,
    access_code_hash: String,
    warnings: Vec<QualityWarning>,
}

/// The current keys of the three hashes a decision needs, fetched once per batch.
struct BatchKeys {
    content: stored_hash::Hasher,
    national_id: stored_hash::Hasher,
    access_code: stored_hash::Hasher,
}

/// Batches smaller than this are prepared on the calling thread.
const PREPARE_IN_PARALLEL_FROM: usize = 64;

/// Prepares every document, in the order given, spread over the machine's cores.
fn prepare_all(keys: &Keys, documents: Vec<DecisionDocument>) -> Vec<Prepared> {
    let keys = BatchKeys {
        content: stored_hash::Hasher::current(keys, Purpose::DecisionContent),
        national_id: stored_hash::Hasher::current(keys, Purpose::NationalId),
        access_code: stored_hash::Hasher::current(keys, Purpose::AccessCode),
    };
    crate::parallel::map_in_parts(documents, PREPARE_IN_PARALLEL_FROM, |index, document| {
        prepare(&keys, index, document)
    })
}

fn prepare(keys: &BatchKeys, index: usize, mut document: DecisionDocument) -> Prepared {
    // One keyed hash per item: the canonical form holds the national id, which a plain hash
    // would expose to a search over the few possible values.
    let (canonical, stored_json) = document.canonical_and_stored_json();
    let content_hash = keys.content.hash(&canonical);
    let warnings = warnings_of(index, &document);
    let national_id = document
        .subject
        .as_mut()
        .and_then(|subject| subject.national_id.take());
    let national_id_hash = national_id.map(|id| keys.national_id.hash(&id));
    let code = AccessCode::generate();
    let access_code_hash = keys.access_code.hash(code.as_str());
    Prepared {
        document,
        canonical,
        content_hash,
        stored_json,
        national_id_hash,
        code,
        access_code_hash,
        warnings,
    }
}

fn store(
    conn: &mut DbConnection,
    keys: &Keys,
    sender: &Sender<'_>,
    prepared: Vec<Prepared>,
    now: NaiveDateTime,
) -> Result<Vec<Ingested>, ServiceError> {
    let versions = resolve_versions(conn, sender.agency_id, &prepared)?;
    let external_ids: Vec<&str> = prepared
        .iter()
        .map(|p| p.document.external_id.as_str())
        .collect();
    let existing = decision::existing_by_external_ids(conn, sender.agency_id, &external_ids)?;
    // A stored hash is compared with the key it names, so a rotation does not make a re-sent
    // decision look changed.
    let conflicts: Vec<Problem> = prepared
        .iter()
        .enumerate()
        .filter_map(|(index, p)| {
            let external_id = &p.document.external_id;
            let (_, stored) = existing.get(external_id)?;
            let reason = if stored == PURGED_CONTENT_HASH {
                format!(
                    "{external_id} was stored and its personal data removed after the retention period"
                )
            } else if !stored_hash::matches(keys, Purpose::DecisionContent, &p.canonical, stored)
            {
                format!("{external_id} was already stored with other content")
            } else {
                return None;
            };
            Some(Problem {
                index: Some(index),
                field: format!("decisions[{index}].external_id"),
                reason,
            })
        })
        .collect();
    if !conflicts.is_empty() {
        return Err(ServiceError::Conflict {
            message: format!(
                "{} decision(s) conflict with stored ones; nothing was stored",
                conflicts.len()
            ),
            details: conflicts,
        });
    }
    let mut rows = Vec::new();
    let mut codes = Vec::new();
    let mut found_warnings = Vec::new();
    let mut results = Vec::with_capacity(prepared.len());
    for (index, (item, (version_id, system_id))) in prepared.into_iter().zip(versions).enumerate() {
        if let Some((reference, _)) = existing.get(&item.document.external_id) {
            // Answered again, never stored again: a re-send is not counted twice.
            results.push(Ingested {
                external_id: item.document.external_id,
                reference: reference.clone(),
                access_code: None,
                status: IngestStatus::Unchanged,
                warnings: item.warnings,
            });
            continue;
        }
        let root = format!("decisions[{index}].");
        found_warnings.push((
            system_id,
            item.warnings
                .iter()
                .map(|w| {
                    (
                        w.code.clone(),
                        w.field.trim_start_matches(&root).to_string(),
                    )
                })
                .collect::<Vec<_>>(),
        ));
        codes.push((results.len(), item.code.as_str().to_string()));
        results.push(Ingested {
            external_id: item.document.external_id.clone(),
            reference: String::new(),
            access_code: None,
            status: IngestStatus::Created,
            warnings: item.warnings,
        });
        rows.push(new_row(
            sender.agency_id,
            version_id,
            item.document,
            item.stored_json,
            item.content_hash,
            item.access_code_hash,
            item.national_id_hash,
            now,
        ));
    }
    insert_with_fresh_references(conn, &mut rows)?;
    crate::services::stats::upkeep::count_new_decisions(conn, &rows)?;
    store_warnings(conn, &rows, found_warnings, now)?;
    for ((position, code), row) in codes.into_iter().zip(&rows) {
        results[position].reference = row.reference.clone();
        results[position].access_code = Some(code);
    }
    if !rows.is_empty() {
        audit::append(
            conn,
            AuditEvent {
                actor: Actor {
                    kind: "api_client",
                    id: None,
                    role: Some(sender.client.to_string()),
                    agency_id: Some(sender.agency_id),
                },
                action: "decisions.ingested",
                subject_kind: "decision_batch",
                subject_id: rows[0].reference.clone(),
                details: serde_json::json!({"created": rows.len(), "unchanged": results.len() - rows.len()}),
            },
            now,
        )?;
    }
    Ok(results)
}

/// Keeps the warnings of the decisions just stored, one row each, for the quality score.
/// `found` is in the order of `rows`: (system id, [(code, field inside the decision)]).
fn store_warnings(
    conn: &mut DbConnection,
    rows: &[NewDecision],
    found: Vec<(i64, Vec<(String, String)>)>,
    now: NaiveDateTime,
) -> Result<(), ServiceError> {
    if found.iter().all(|(_, warnings)| warnings.is_empty()) {
        return Ok(());
    }
    let references: Vec<String> = rows
        .iter()
        .zip(&found)
        .filter(|(_, (_, warnings))| !warnings.is_empty())
        .map(|(row, _)| row.reference.clone())
        .collect();
    let ids = quality_rows::ids_by_reference(conn, &references)?;
    let mut new_rows = Vec::new();
    for (row, (system_id, warnings)) in rows.iter().zip(found) {
        for (code, field) in warnings {
            let Some(decision_id) = ids.get(&row.reference) else {
                return Err(ServiceError::Unexpected(anyhow::anyhow!(
                    "decision {} not found just after it was stored",
                    row.reference
                )));
            };
            new_rows.push(NewWarning {
                decision_id: *decision_id,
                system_id,
                code,
                field,
                created_at: now,
            });
        }
    }
    quality_rows::insert(conn, &new_rows)?;
    Ok(())
}

/// The row of a new decision; its document already without the national id.
#[allow(clippy::too_many_arguments)]
fn new_row(
    agency_id: i64,
    system_version_id: i64,
    document: DecisionDocument,
    content_json: String,
    content_hash: String,
    access_code_hash: String,
    subject_national_id_hash: Option<String>,
    now: NaiveDateTime,
) -> NewDecision {
    let subject = document.subject.unwrap_or_default();
    NewDecision {
        reference: DecisionReference::generate().as_str().to_string(),
        agency_id,
        system_version_id,
        external_id: document.external_id,
        access_code_hash,
        outcome: document.outcome,
        decided_at: document.decided_at.naive_utc(),
        content_json,
        content_hash,
        subject_email: subject.email,
        subject_national_id_hash,
        subject_language: subject.language.map(|l| l.code().to_string()),
        subject_region: subject.region,
        created_at: now,
    }
}

/// Inserts the rows in multi-row chunks. References are random (40 bits), so they are not
/// looked up first: the unique index refuses the rare collision, and that chunk is retried
/// in its own savepoint with new references.
pub fn insert_with_fresh_references(
    conn: &mut DbConnection,
    rows: &mut [NewDecision],
) -> Result<(), ServiceError> {
    const ATTEMPTS: usize = 4;
    for chunk in rows.chunks_mut(decision::INSERT_CHUNK) {
        let mut attempt = 1;
        loop {
            let inserted = write_transaction(conn, |conn| decision::insert_chunk(conn, chunk));
            match inserted {
                Ok(()) => break,
                Err(diesel::result::Error::DatabaseError(
                    diesel::result::DatabaseErrorKind::UniqueViolation,
                    info,
                )) if attempt < ATTEMPTS => {
                    tracing::info!(attempt, message = info.message(), "decision insert collided; retrying with new references");
                    for row in chunk.iter_mut() {
                        row.reference = DecisionReference::generate().as_str().to_string();
                    }
                    attempt += 1;
                }
                Err(diesel::result::Error::DatabaseError(
                    diesel::result::DatabaseErrorKind::UniqueViolation,
                    _,
                )) => {
                    return Err(ServiceError::Conflict {
                        message: "another request stored some of these decisions at the same time; send the batch again".into(),
                        details: Vec::new(),
                    })
                }
                Err(other) => return Err(other.into()),
            }
        }
    }
    Ok(())
}

/// A system as ingest needs it.
struct KnownSystem {
    id: i64,
    current: i32,
    registered_at: NaiveDateTime,
}

/// The system version each document pins, with its system's id: its `system_version`, else
/// the current one. An unknown system, another agency's, a version that does not exist, a
/// retired version, or a decision dated before the system was registered is a 422 for that
/// item.
fn resolve_versions(
    conn: &mut DbConnection,
    agency_id: i64,
    prepared: &[Prepared],
) -> Result<Vec<(i64, i64)>, ServiceError> {
    let documents = prepared.iter().map(|p| &p.document);
    let mut slugs: Vec<&str> = documents.clone().map(|d| d.system.as_str()).collect();
    slugs.sort_unstable();
    slugs.dedup();
    let systems: Vec<(String, i64, i32, NaiveDateTime)> = ai_systems::table
        .filter(ai_systems::agency_id.eq(agency_id))
        .filter(ai_systems::slug.eq_any(&slugs))
        .select((
            ai_systems::slug,
            ai_systems::id,
            ai_systems::current_version,
            ai_systems::created_at,
        ))
        .load(conn)?;
    let systems: HashMap<String, KnownSystem> = systems
        .into_iter()
        .map(|(slug, id, current, registered_at)| {
            (
                slug,
                KnownSystem {
                    id,
                    current,
                    registered_at,
                },
            )
        })
        .collect();
    let system_ids: Vec<i64> = systems.values().map(|s| s.id).collect();
    let versions: Vec<(i64, i32, i64, String)> = ai_system_versions::table
        .filter(ai_system_versions::system_id.eq_any(&system_ids))
        .select((
            ai_system_versions::system_id,
            ai_system_versions::version,
            ai_system_versions::id,
            ai_system_versions::status,
        ))
        .load(conn)?;
    let versions: HashMap<(i64, i32), (i64, String)> = versions
        .into_iter()
        .map(|(system, version, id, status)| ((system, version), (id, status)))
        .collect();
    let mut problems = Vec::new();
    let mut resolved = Vec::with_capacity(documents.len());
    for (index, document) in documents.enumerate() {
        let mut fail = |field: &str, reason: String| {
            problems.push(Problem {
                index: Some(index),
                field: format!("decisions[{index}].{field}"),
                reason,
            })
        };
        let Some(system) = systems.get(&document.system) else {
            fail(
                "system",
                format!(
                    "{} is not an AI system registered by your agency",
                    document.system
                ),
            );
            continue;
        };
        let wanted = document.system_version.unwrap_or(system.current);
        let Some((id, status)) = versions.get(&(system.id, wanted)) else {
            fail(
                "system_version",
                format!("version {wanted} of {} does not exist", document.system),
            );
            continue;
        };
        if status == SystemStatus::Retired.as_str() {
            fail(
                "system",
                format!(
                    "version {wanted} of {} is retired and makes no decisions",
                    document.system
                ),
            );
        } else if document.decided_at.naive_utc() < system.registered_at {
            fail(
                "decided_at",
                format!(
                    "is before {} was entered in the register ({})",
                    document.system,
                    system.registered_at.format("%Y-%m-%d")
                ),
            );
        } else {
            resolved.push((*id, system.id));
        }
    }
    if problems.is_empty() {
        Ok(resolved)
    } else {
        Err(ServiceError::Invalid(problems))
    }
}
