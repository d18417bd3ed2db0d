//! What storing a decision needs that needs no database: its canonical form and keyed hash,
//! the JSON kept, the keyed hash of the national id, a fresh access code and the soft quality
//! warnings. Worked out on every core before or while the transaction runs, so the write lock
//! is held only for queries and inserts (docs/performance.md, "Ingest").

use super::QualityWarning;
use crate::domain::decision::DecisionDocument;
use crate::domain::decision_quality::{self, Severity};
use crate::domain::reference::AccessCode;
use crate::keys::{stored_hash, Keys, Purpose};

/// One document with what storing it needs.
pub(super) struct Prepared {
    /// The document as stored: its national id taken out.
    pub document: DecisionDocument,
    /// The canonical form (national id included), compared with a stored one on a re-send.
    pub canonical: String,
    pub content_hash: String,
    pub stored_json: String,
    pub national_id_hash: Option<String>,
    pub code: AccessCode,
    pub access_code_hash: String,
    pub warnings: Vec<QualityWarning>,
}

/// The current keys of the three hashes a decision needs, fetched once per batch.
pub(super) struct BatchKeys {
    content: stored_hash::Hasher,
    national_id: stored_hash::Hasher,
    access_code: stored_hash::Hasher,
}

impl BatchKeys {
    pub fn current(keys: &Keys) -> BatchKeys {
        BatchKeys {
            content: stored_hash::Hasher::current(keys, Purpose::DecisionContent),
            national_id: stored_hash::Hasher::current(keys, Purpose::NationalId),
            access_code: stored_hash::Hasher::current(keys, Purpose::AccessCode),
        }
    }
}

/// Batches smaller than this are prepared on the calling thread.
const PREPARE_IN_PARALLEL_FROM: usize = 64;

/// Prepares every document, in the order given, spread over the machine's cores.
pub(super) fn prepare_all(keys: &BatchKeys, documents: Vec<DecisionDocument>) -> Vec<Prepared> {
    crate::parallel::map_in_parts(documents, PREPARE_IN_PARALLEL_FROM, |index, document| {
        prepare(keys, index, document)
    })
}

/// Prepares item `index` of its batch.
pub(super) fn prepare(keys: &BatchKeys, index: usize, mut document: DecisionDocument) -> Prepared {
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
