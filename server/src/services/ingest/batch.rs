//! The transaction of one batch, fed in chunks: each chunk's systems and versions are
//! resolved (422) and its conflicts with stored decisions found (409), and while the batch has
//! neither, its new decisions are inserted at once. [`Batch::finish`] refuses the batch if any
//! chunk had a problem (422 before 409), so the caller's transaction rolls everything back;
//! otherwise it adds the tallies, the warnings and the audit entry.

use super::prepare::Prepared;
use super::{IngestStatus, Ingested, Sender};
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::models::decision::{self, NewDecision};
use crate::db::models::decision_quality::{self as quality_rows, NewWarning};
use crate::db::schema::{ai_system_versions, ai_systems};
use crate::db::{write_transaction, DbConnection};
use crate::domain::decision::DecisionDocument;
use crate::domain::reference::DecisionReference;
use crate::domain::validator::Problem;
use crate::keys::{stored_hash, Keys, Purpose};
use crate::services::error::ServiceError;
use crate::services::retention::PURGED_CONTENT_HASH;
use app::types::SystemStatus;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use std::collections::HashMap;

/// A system as ingest needs it.
struct KnownSystem {
    id: i64,
    current: i32,
    registered_at: NaiveDateTime,
}

/// What the transaction has found and written so far.
pub(super) struct Batch<'a> {
    keys: &'a Keys,
    sender: &'a Sender<'a>,
    now: NaiveDateTime,
    /// The systems looked up so far by slug; `None` for a slug the agency has not registered.
    systems: HashMap<String, Option<KnownSystem>>,
    /// (system id, version) → (version id, status), for the systems looked up.
    versions: HashMap<(i64, i32), (i64, String)>,
    /// Items checked so far: the index of the next one.
    items: usize,
    problems: Vec<Problem>,
    conflicts: Vec<Problem>,
    /// One per item, in order; the new ones get their reference and code in `finish`.
    results: Vec<Ingested>,
    /// The new decisions inserted, with the position of each one's result and access code.
    rows: Vec<NewDecision>,
    codes: Vec<(usize, String)>,
    /// In the order of `rows`: (system id, [(code, field inside the decision)]).
    found_warnings: Vec<(i64, Vec<(String, String)>)>,
}

impl<'a> Batch<'a> {
    pub fn new(keys: &'a Keys, sender: &'a Sender<'a>, now: NaiveDateTime) -> Batch<'a> {
        Batch {
            keys,
            sender,
            now,
            systems: HashMap::new(),
            versions: HashMap::new(),
            items: 0,
            problems: Vec::new(),
            conflicts: Vec::new(),
            results: Vec::new(),
            rows: Vec::new(),
            codes: Vec::new(),
            found_warnings: Vec::new(),
        }
    }

    /// Checks the next items of the batch, in order, and inserts the new ones unless the batch
    /// is already refused.
    pub fn add(
        &mut self,
        conn: &mut DbConnection,
        chunk: Vec<Prepared>,
    ) -> Result<(), ServiceError> {
        let first = self.items;
        self.items += chunk.len();
        self.look_up_systems(conn, &chunk)?;
        let versions: Vec<Option<(i64, i64)>> = chunk
            .iter()
            .enumerate()
            .map(|(i, item)| self.resolve(first + i, &item.document))
            .collect();
        let external_ids: Vec<&str> = chunk
            .iter()
            .map(|p| p.document.external_id.as_str())
            .collect();
        let existing =
            decision::existing_by_external_ids(conn, self.sender.agency_id, &external_ids)?;
        self.find_conflicts(first, &chunk, &existing);
        if !self.problems.is_empty() || !self.conflicts.is_empty() {
            // Refused in `finish`: the later chunks are only checked, to name every problem.
            return Ok(());
        }
        let mut rows = Vec::with_capacity(chunk.len());
        for (i, (mut item, version)) in chunk.into_iter().zip(versions).enumerate() {
            let Some((version_id, system_id)) = version else {
                continue; // unreachable: an unresolved version is a problem
            };
            if let Some((reference, _)) = existing.get(&item.document.external_id) {
                // Answered again, never stored again: a re-send is not counted twice.
                self.results.push(Ingested {
                    external_id: item.document.external_id,
                    reference: reference.clone(),
                    access_code: None,
                    status: IngestStatus::Unchanged,
                    warnings: item.warnings,
                });
                continue;
            }
            let warnings = std::mem::take(&mut item.warnings);
            let root = format!("decisions[{}].", first + i);
            self.found_warnings.push((
                system_id,
                warnings
                    .iter()
                    .map(|w| {
                        (
                            w.code.clone(),
                            w.field.trim_start_matches(&root).to_string(),
                        )
                    })
                    .collect(),
            ));
            self.codes
                .push((self.results.len(), item.code.as_str().to_string()));
            self.results.push(Ingested {
                external_id: item.document.external_id.clone(),
                reference: String::new(),
                access_code: None,
                status: IngestStatus::Created,
                warnings,
            });
            rows.push(new_row(self.sender.agency_id, version_id, item, self.now));
        }
        insert_with_fresh_references(conn, &mut rows)?;
        self.rows.append(&mut rows);
        Ok(())
    }

    /// The results in the order sent, once the tallies, warnings and audit entry are written;
    /// or the batch's problems (422), else its conflicts (409), for the caller to roll back.
    pub fn finish(mut self, conn: &mut DbConnection) -> Result<Vec<Ingested>, ServiceError> {
        if !self.problems.is_empty() {
            return Err(ServiceError::Invalid(self.problems));
        }
        if !self.conflicts.is_empty() {
            return Err(ServiceError::Conflict {
                message: format!(
                    "{} decision(s) conflict with stored ones; nothing was stored",
                    self.conflicts.len()
                ),
                details: self.conflicts,
            });
        }
        crate::services::stats::upkeep::count_new_decisions(conn, &self.rows)?;
        store_warnings(conn, &self.rows, self.found_warnings, self.now)?;
        for ((position, code), row) in self.codes.into_iter().zip(&self.rows) {
            self.results[position].reference = row.reference.clone();
            self.results[position].access_code = Some(code);
        }
        if let Some(first) = self.rows.first() {
            audit::append(
                conn,
                AuditEvent {
                    actor: Actor {
                        kind: "api_client",
                        id: None,
                        role: Some(self.sender.client.to_string()),
                        agency_id: Some(self.sender.agency_id),
                    },
                    action: "decisions.ingested",
                    subject_kind: "decision_batch",
                    subject_id: first.reference.clone(),
                    details: serde_json::json!({
                        "created": self.rows.len(),
                        "unchanged": self.results.len() - self.rows.len(),
                    }),
                },
                self.now,
            )?;
        }
        Ok(self.results)
    }

    /// Loads the systems of `chunk` not looked up yet, with their versions.
    fn look_up_systems(
        &mut self,
        conn: &mut DbConnection,
        chunk: &[Prepared],
    ) -> Result<(), ServiceError> {
        let mut slugs: Vec<&str> = chunk
            .iter()
            .map(|p| p.document.system.as_str())
            .filter(|slug| !self.systems.contains_key(*slug))
            .collect();
        if slugs.is_empty() {
            return Ok(());
        }
        slugs.sort_unstable();
        slugs.dedup();
        let found: Vec<(String, i64, i32, NaiveDateTime)> = ai_systems::table
            .filter(ai_systems::agency_id.eq(self.sender.agency_id))
            .filter(ai_systems::slug.eq_any(&slugs))
            .select((
                ai_systems::slug,
                ai_systems::id,
                ai_systems::current_version,
                ai_systems::created_at,
            ))
            .load(conn)?;
        let system_ids: Vec<i64> = found.iter().map(|(_, id, _, _)| *id).collect();
        let versions: Vec<(i64, i32, i64, String)> = ai_system_versions::table
            .filter(ai_system_versions::system_id.eq_any(&system_ids))
            .select((
                ai_system_versions::system_id,
                ai_system_versions::version,
                ai_system_versions::id,
                ai_system_versions::status,
            ))
            .load(conn)?;
        self.versions.extend(
            versions
                .into_iter()
                .map(|(system, version, id, status)| ((system, version), (id, status))),
        );
        for slug in slugs {
            self.systems.entry(slug.to_string()).or_insert(None);
        }
        for (slug, id, current, registered_at) in found {
            self.systems.insert(
                slug,
                Some(KnownSystem {
                    id,
                    current,
                    registered_at,
                }),
            );
        }
        Ok(())
    }

    /// The version `document` (item `index`) pins, with its system's id: its
    /// `system_version`, else the current one. An unknown system, another agency's, a version
    /// that does not exist, a retired version, or a decision dated before the system was
    /// registered is a problem of that item.
    fn resolve(&mut self, index: usize, document: &DecisionDocument) -> Option<(i64, i64)> {
        let mut fail = |field: &str, reason: String| {
            self.problems.push(Problem {
                index: Some(index),
                field: format!("decisions[{index}].{field}"),
                reason,
            });
            None
        };
        let Some(Some(system)) = self.systems.get(&document.system) else {
            return fail(
                "system",
                format!(
                    "{} is not an AI system registered by your agency",
                    document.system
                ),
            );
        };
        let wanted = document.system_version.unwrap_or(system.current);
        let Some((id, status)) = self.versions.get(&(system.id, wanted)) else {
            return fail(
                "system_version",
                format!("version {wanted} of {} does not exist", document.system),
            );
        };
        if status == SystemStatus::Retired.as_str() {
            fail(
                "system",
                format!(
                    "version {wanted} of {} is retired and makes no decisions",
                    document.system
                ),
            )
        } else if document.decided_at.naive_utc() < system.registered_at {
            fail(
                "decided_at",
                format!(
                    "is before {} was entered in the register ({})",
                    document.system,
                    system.registered_at.format("%Y-%m-%d")
                ),
            )
        } else {
            Some((*id, system.id))
        }
    }

    /// Notes the items of `chunk` whose external id is stored with other content, or whose
    /// personal data was removed. A stored hash is compared with the key it names, so a
    /// rotation does not make a re-sent decision look changed.
    fn find_conflicts(
        &mut self,
        first: usize,
        chunk: &[Prepared],
        existing: &HashMap<String, (String, String)>,
    ) {
        for (i, p) in chunk.iter().enumerate() {
            let external_id = &p.document.external_id;
            let Some((_, stored)) = existing.get(external_id) else {
                continue;
            };
            let reason = if stored == PURGED_CONTENT_HASH {
                format!(
                    "{external_id} was stored and its personal data removed after the retention period"
                )
            } else if !stored_hash::matches(
                self.keys,
                Purpose::DecisionContent,
                &p.canonical,
                stored,
            ) {
                format!("{external_id} was already stored with other content")
            } else {
                continue;
            };
            let index = first + i;
            self.conflicts.push(Problem {
                index: Some(index),
                field: format!("decisions[{index}].external_id"),
                reason,
            });
        }
    }
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
fn new_row(
    agency_id: i64,
    system_version_id: i64,
    item: Prepared,
    now: NaiveDateTime,
) -> NewDecision {
    let document = item.document;
    let subject = document.subject.unwrap_or_default();
    NewDecision {
        reference: DecisionReference::generate().as_str().to_string(),
        agency_id,
        system_version_id,
        external_id: document.external_id,
        access_code_hash: item.access_code_hash,
        outcome: document.outcome,
        decided_at: document.decided_at.naive_utc(),
        content_json: item.stored_json,
        content_hash: item.content_hash,
        subject_email: subject.email,
        subject_national_id_hash: item.national_id_hash,
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
