//! The citizen adds evidence to an appeal after filing (a document the agency asked for, a
//! certificate that arrived later). The files are already checked and stored; this records
//! them on the appeal with a history entry the agency sees and an audit entry.

use super::case::{self, Case};
use super::filing::StoredEvidence;
use super::steps::StepError;
use crate::db::models::appeal::{self, NewAttachment, NewEntry};
use crate::db::models::audit::{self, AuditEvent};
use crate::db::{write_transaction, DbConnection};
use chrono::{DateTime, Utc};

/// The case, if it is an open appeal on the decision the citizen opened.
fn citizens_open_case(
    conn: &mut DbConnection,
    decision_access: &str,
    reference: &str,
    now: DateTime<Utc>,
) -> Result<Case, StepError> {
    let case = case::load(conn, reference, now)?.ok_or(StepError::NotFound)?;
    if case.decision.reference != decision_access {
        return Err(StepError::NotFound);
    }
    if !case.state.is_open() {
        return Err(StepError::Closed);
    }
    Ok(case)
}

/// The sizes of the files already on the appeal, so the limits count them too.
pub fn existing_sizes(
    conn: &mut DbConnection,
    decision_access: &str,
    reference: &str,
    now: DateTime<Utc>,
) -> Result<Vec<usize>, StepError> {
    let case = citizens_open_case(conn, decision_access, reference, now)?;
    Ok(appeal::attachments(conn, case.row.id)?
        .into_iter()
        .map(|a| a.size_bytes.max(0) as usize)
        .collect())
}

/// Records `files` on the appeal; a file already there (same SHA-256) is kept once.
pub fn add(
    conn: &mut DbConnection,
    decision_access: &str,
    reference: &str,
    files: &[StoredEvidence],
    now: DateTime<Utc>,
) -> Result<(), StepError> {
    write_transaction(conn, |conn| {
        let case = citizens_open_case(conn, decision_access, reference, now)?;
        let stamp = now.naive_utc();
        let rows: Vec<NewAttachment<'_>> = files
            .iter()
            .map(|e| NewAttachment {
                appeal_id: case.row.id,
                file_name: &e.file_name,
                content_type: e.content_type,
                size_bytes: e.size_bytes,
                sha256: &e.sha256,
                blob_key: &e.blob_key,
                added_by: "citizen",
                added_at: stamp,
            })
            .collect();
        appeal::add_attachments(conn, &rows)?;
        let names = files
            .iter()
            .map(|e| e.file_name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        appeal::add_entry(
            conn,
            &NewEntry {
                appeal_id: case.row.id,
                occurred_at: stamp,
                author: "citizen",
                author_user_id: None,
                kind: "evidence",
                visibility: "public",
                body: &names,
            },
        )?;
        audit::append(
            conn,
            AuditEvent {
                actor: audit::Actor::citizen(),
                action: "appeal.evidence_added",
                subject_kind: "appeal",
                subject_id: case.row.reference.clone(),
                details: serde_json::json!({
                    "files": files.iter().map(|e| &e.sha256).collect::<Vec<_>>(),
                }),
            },
            stamp,
        )?;
        Ok(())
    })
}
