//! Evidence files posted with a form: each checked from its content and against the limits,
//! then stored in the blob store, ready to be recorded on an appeal. Shared by the challenge
//! form and the tracking page's "add evidence" form.

use super::multipart::Parsed;
use crate::blobs::evidence::{self, CheckedEvidence, EvidenceLimits, EvidenceProblem};
use crate::blobs::{BlobKey, BlobStore};
use crate::services::appeals::filing::StoredEvidence;
use crate::web::flash;
use app::types::{FieldError, FormError};

/// The name of the file input.
pub const FIELD: &str = "evidence";

/// A file that passed the checks, with its bytes.
pub struct CheckedFile {
    checked: CheckedEvidence,
    bytes: bytes::Bytes,
}

/// Checks each posted file from its content, and the set against the limits (`already`
/// files are on the appeal). Every problem is reported on the evidence field.
pub fn check(
    form: &Parsed,
    limits: &EvidenceLimits,
    already: &[usize],
) -> (Vec<CheckedFile>, Vec<FieldError>) {
    let mut checked = Vec::new();
    let mut errors = Vec::new();
    let uploads: Vec<_> = form.files.iter().filter(|f| f.field == FIELD).collect();
    let sizes: Vec<usize> = already
        .iter()
        .copied()
        .chain(uploads.iter().map(|u| u.bytes.len()))
        .collect();
    if let Err(problem) = evidence::check_set(&sizes, limits) {
        errors.push(flash::field_error(FIELD, form_error(&problem)));
    }
    for upload in uploads {
        if upload.truncated {
            errors.push(flash::field_error(FIELD, FormError::EvidenceTooLarge));
            continue;
        }
        match evidence::check(&upload.file_name, &upload.bytes, limits) {
            Ok(ok) => checked.push(CheckedFile {
                checked: ok,
                bytes: upload.bytes.clone(),
            }),
            Err(problem) => errors.push(flash::field_error(FIELD, form_error(&problem))),
        }
    }
    errors.dedup();
    (checked, errors)
}

fn form_error(problem: &EvidenceProblem) -> FormError {
    match problem {
        EvidenceProblem::TooMany { .. } => FormError::EvidenceTooMany,
        EvidenceProblem::TooLarge { .. } | EvidenceProblem::TotalTooLarge { .. } => {
            FormError::EvidenceTooLarge
        }
        EvidenceProblem::Empty | EvidenceProblem::UnsupportedType => FormError::EvidenceType,
    }
}

/// Stores the files under `owner` (a decision or appeal reference) and their SHA-256, so the
/// same file posted twice is kept once.
pub async fn store(
    blobs: &dyn BlobStore,
    owner: &str,
    files: Vec<CheckedFile>,
) -> anyhow::Result<Vec<StoredEvidence>> {
    let mut stored = Vec::with_capacity(files.len());
    for file in files {
        let key = BlobKey::for_evidence(owner, &file.checked.sha256_hex);
        blobs.put(&key, file.bytes).await?;
        stored.push(StoredEvidence {
            file_name: file.checked.safe_name,
            content_type: file.checked.kind.content_type(),
            size_bytes: file.checked.size as i64,
            sha256: file.checked.sha256_hex,
            blob_key: key.as_str().to_string(),
        });
    }
    Ok(stored)
}
