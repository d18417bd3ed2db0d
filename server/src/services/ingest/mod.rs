//! Ingesting a batch of decisions for one agency: all or nothing. Every item is read into a
//! typed document (else 422 naming every problem, or 400 for what is not JSON), the systems
//! and versions are resolved (422), conflicts with stored decisions are found (409), and the
//! new decisions are written in one transaction with their audit entry; any refusal rolls the
//! whole transaction back.
//!
//! A batch sent as bytes is read, prepared and stored as a pipeline: while the transaction
//! inserts one chunk, the next is read and prepared on the other cores, so a large batch
//! costs little more than its inserts (docs/performance.md, "Ingest").

mod batch;
mod prepare;

pub use batch::insert_with_fresh_references;

use super::error::ServiceError;
use crate::db::{write_transaction, DbConnection};
use crate::domain::decision::DecisionDocument;
use crate::domain::decision_walk::MAX_BATCH;
use crate::domain::decision_wire::{self, Refused};
use crate::keys::Keys;
use batch::Batch;
use chrono::{DateTime, Utc};
use prepare::{BatchKeys, Prepared};
use serde::Serialize;
use std::collections::HashSet;

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

/// Who sent the batch, for the audit log.
pub struct Sender<'a> {
    pub agency_id: i64,
    /// The API client's id, or the command that seeded them.
    pub client: &'a str,
}

/// Why a batch sent as bytes was not stored.
#[derive(Debug)]
pub enum BodyError {
    /// Not JSON, or a key given twice (400).
    NotJson(String),
    /// Refused by the rules or the stored decisions (422, 409), or failed.
    Service(ServiceError),
}

impl From<ServiceError> for BodyError {
    fn from(error: ServiceError) -> BodyError {
        BodyError::Service(error)
    }
}

/// Stores `documents`, already read, for the sender's agency, all or nothing.
pub fn ingest(
    conn: &mut DbConnection,
    keys: &Keys,
    sender: &Sender<'_>,
    documents: Vec<DecisionDocument>,
    now: DateTime<Utc>,
) -> Result<Vec<Ingested>, ServiceError> {
    let prepared = prepare::prepare_all(&BatchKeys::current(keys), documents);
    write_transaction(conn, |conn| {
        take_turns(conn, sender)?;
        let mut batch = Batch::new(keys, sender, now.naive_utc());
        batch.add(conn, prepared)?;
        batch.finish(conn)
    })
}

/// Reads the JSON batch in `body` and stores it for the sender's agency, all or nothing.
pub fn ingest_body(
    conn: &mut DbConnection,
    keys: &Keys,
    sender: &Sender<'_>,
    body: &[u8],
    now: DateTime<Utc>,
) -> Result<Vec<Ingested>, BodyError> {
    let items = decision_wire::split_items(body)
        .filter(|items| (PIPELINE_FROM..=MAX_BATCH).contains(&items.len()));
    let Some(items) = items else {
        let documents = read(decision_wire::read_batch_body(body, now))?;
        return Ok(ingest(conn, keys, sender, documents, now)?);
    };
    match pipeline(conn, keys, sender, &items, now) {
        Ok(results) => Ok(results),
        Err(Piped::Refused(error)) => Err(error.into()),
        // Some item is not right, or the quick reader would not say: the walker names every
        // problem, or hands over documents the quick reader could not read.
        Err(Piped::Unreadable) => {
            let documents = read(decision_wire::read_batch_by_walker(body, now))?;
            Ok(ingest(conn, keys, sender, documents, now)?)
        }
    }
}

fn read(
    batch: Result<crate::domain::decision::DecisionBatch, Refused>,
) -> Result<Vec<DecisionDocument>, BodyError> {
    match batch {
        Ok(batch) => Ok(batch.decisions),
        Err(Refused::NotJson(message)) => Err(BodyError::NotJson(message)),
        Err(Refused::Invalid(problems)) => Err(ServiceError::Invalid(problems).into()),
    }
}

/// Batches this large go through the pipeline; smaller ones are read whole, on every core.
const PIPELINE_FROM: usize = 2 * PIPELINE_CHUNK;

/// Items read and prepared at a time: few, so the transaction starts soon after the body has
/// arrived. The transaction takes every chunk that is ready when it comes back for more (up
/// to [`MOST_STORED_AT_ONCE`]), so where it is the slower side, as on PostgreSQL, it makes
/// fewer round trips.
const PIPELINE_CHUNK: usize = 100;

/// The most items the transaction checks and inserts at once.
const MOST_STORED_AT_ONCE: usize = 500;

/// Why the pipeline stopped.
enum Piped {
    /// An item the quick reader would not read, or an external id given twice.
    Unreadable,
    Refused(ServiceError),
}

impl From<ServiceError> for Piped {
    fn from(error: ServiceError) -> Piped {
        Piped::Refused(error)
    }
}

impl From<diesel::result::Error> for Piped {
    fn from(error: diesel::result::Error) -> Piped {
        Piped::Refused(error.into())
    }
}

/// Reads and prepares `items` chunk by chunk on one helper thread while this thread stores
/// each chunk as it arrives: on two cores, the reading and the transaction have one each. The
/// transaction starts with the first chunk, so a batch refused there takes no write lock.
fn pipeline(
    conn: &mut DbConnection,
    keys: &Keys,
    sender: &Sender<'_>,
    items: &[&[u8]],
    now: DateTime<Utc>,
) -> Result<Vec<Ingested>, Piped> {
    let batch_keys = BatchKeys::current(keys);
    let batch_keys = &batch_keys;
    std::thread::scope(|scope| {
        // Room for every chunk: the reader never waits for the transaction.
        let (send, received) =
            std::sync::mpsc::sync_channel::<Option<Vec<Prepared>>>(MAX_BATCH / PIPELINE_CHUNK);
        scope.spawn(move || {
            for (n, chunk) in items.chunks(PIPELINE_CHUNK).enumerate() {
                let first = n * PIPELINE_CHUNK;
                let prepared = chunk
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        decision_wire::read_item_quickly(item, now)
                            .map(|document| prepare::prepare(batch_keys, first + i, document))
                    })
                    .collect::<Option<Vec<_>>>();
                let unreadable = prepared.is_none();
                // A closed channel means the transaction has stopped: nothing more is needed.
                if send.send(prepared).is_err() || unreadable {
                    return;
                }
            }
        });
        let mut external_ids = HashSet::with_capacity(items.len());
        // The next chunk with those ready behind it; `None` once the reader has finished.
        let mut next_chunk = || -> Result<Option<Vec<Prepared>>, Piped> {
            let mut taken = match received.recv() {
                // The reader has finished, or died: only a whole batch may be committed.
                Err(_) if external_ids.len() == items.len() => return Ok(None),
                Err(_) => {
                    return Err(Piped::Refused(ServiceError::Unexpected(anyhow::anyhow!(
                        "the batch's reader stopped after {} of {} items",
                        external_ids.len(),
                        items.len()
                    ))))
                }
                Ok(None) => return Err(Piped::Unreadable),
                Ok(Some(chunk)) => chunk,
            };
            while taken.len() < MOST_STORED_AT_ONCE {
                match received.try_recv() {
                    Ok(Some(chunk)) => taken.extend(chunk),
                    Ok(None) => return Err(Piped::Unreadable),
                    Err(_) => break,
                }
            }
            if taken
                .iter()
                .all(|p| external_ids.insert(p.document.external_id.clone()))
            {
                Ok(Some(taken))
            } else {
                Err(Piped::Unreadable)
            }
        };
        let first = next_chunk()?;
        write_transaction(conn, |conn| {
            take_turns(conn, sender)?;
            let mut batch = Batch::new(keys, sender, now.naive_utc());
            let mut chunk = first;
            while let Some(prepared) = chunk {
                batch.add(conn, prepared)?;
                chunk = next_chunk()?;
            }
            Ok(batch.finish(conn)?)
        })
    })
}

/// Batches of one agency are stored one after the other on PostgreSQL too.
fn take_turns(conn: &mut DbConnection, sender: &Sender<'_>) -> diesel::QueryResult<()> {
    crate::db::take_turns_on(conn, &format!("decisions of {}", sender.agency_id))
}
