//! What the citizen sees before and after filing: the challenge form's data for a decision
//! they opened, and the check of a pasted filing receipt.

use super::case::{decision_factors, local_today};
use super::clock::calendar_date;
use crate::auth::receipt::{ReceiptProblem, ReceiptSigner};
use crate::db::models::{agency, appeal, decision};
use crate::db::DbConnection;
use crate::domain::local_time::local_date;
use crate::domain::stored;
use crate::services::{calendar, ServiceError};
use app::port::DecisionViewer;
use app::types::{AppealState, ChallengeForm, GroundKind, ReceiptCheck, ReceiptFacts};
use chrono::{DateTime, Utc};

/// The filing form for `decision_reference`, for the citizen who opened that decision.
/// `NotFound` for anyone else: staff do not file challenges.
pub fn challenge_form(
    conn: &mut DbConnection,
    viewer: &DecisionViewer,
    decision_reference: &str,
    limits: (usize, usize),
    now: DateTime<Utc>,
) -> Result<ChallengeForm, ServiceError> {
    let DecisionViewer::Citizen(access) = viewer else {
        return Err(ServiceError::NotFound);
    };
    let stored = decision::find_by_reference(conn, &access.reference)?
        .filter(|d| {
            crate::domain::reference::DecisionReference::parse(decision_reference)
                .is_some_and(|r| r.as_str() == d.reference)
        })
        .ok_or(ServiceError::NotFound)?;
    let owner = agency::find_by_id(conn, stored.agency_id)?
        .ok_or_else(|| anyhow::anyhow!("decision {} has no agency", stored.reference))?;
    let terms = calendar::for_agency(conn, &owner)?;
    let until = terms
        .profile
        .challenge_until(local_date(stored.decided_at, &owner.time_zone))
        .due;
    let (_, document) = decision_factors(&stored)?;
    let factors = crate::services::explanations::factor_views(&document);
    let existing = appeal::on_decision(conn, stored.id)?
        .into_iter()
        .map(|(reference, state)| {
            Ok((
                reference,
                stored::vocab(&state, AppealState::parse, "appeal state")?,
            ))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(ChallengeForm {
        decision_reference: stored.reference,
        agency_name: stored::document(&owner.name_json, "agency name")?,
        factors,
        challenge_until: calendar_date(until),
        open: local_today(now, &owner.time_zone) <= until,
        existing,
        max_files: limits.0,
        max_file_mb: limits.1,
        form_token: crate::secrets::random_token(),
    })
}

/// Checks a pasted receipt with the portal's key.
pub fn verify_receipt(signer: &ReceiptSigner, token: &str) -> ReceiptCheck {
    match signer.verify(token.trim()) {
        Ok(receipt) => ReceiptCheck::Genuine(ReceiptFacts {
            grounds: receipt
                .grounds
                .iter()
                .filter_map(|g| GroundKind::parse(g))
                .collect(),
            attachments: receipt
                .attachments
                .into_iter()
                .map(|a| (a.name, a.sha256))
                .collect(),
            filed_at: DateTime::<Utc>::from_timestamp(receipt.filed_at, 0)
                .map(|t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string())
                .unwrap_or_default(),
            appeal: receipt.appeal,
            decision: receipt.decision,
            statement_sha256: receipt.statement_sha256,
        }),
        Err(ReceiptProblem::Malformed) => ReceiptCheck::Malformed,
        Err(ReceiptProblem::UnknownKey) => ReceiptCheck::UnknownKey,
        Err(ReceiptProblem::Altered) => ReceiptCheck::Altered,
    }
}
