//! Server functions behind the appeal pages: filing, tracking, the staff and ombudsman queues,
//! and checking a filing receipt.

use super::AppError;
use crate::types::{AppealFilters, AppealQueue, AppealView, ChallengeForm, ReceiptCheck};
use leptos::prelude::*;

/// The filing form for a decision the citizen opened with its access code.
#[server(prefix = "/rpc", endpoint = "challenge_form")]
pub async fn load_challenge_form(reference: String) -> Result<ChallengeForm, AppError> {
    let viewer = crate::port::decision_viewer().ok_or(AppError::NotSignedIn)?;
    crate::port::portal()?
        .challenge_form(viewer, &reference)
        .await
}

/// An appeal, for the citizen of its decision, staff of its agency or an ombudsman.
#[server(prefix = "/rpc", endpoint = "appeal")]
pub async fn load_appeal(reference: String) -> Result<AppealView, AppError> {
    let viewer = crate::port::decision_viewer().ok_or(AppError::NotSignedIn)?;
    crate::port::portal()?.appeal(viewer, &reference).await
}

/// A page of the signed-in person's queue.
#[server(prefix = "/rpc", endpoint = "appeal_queue")]
pub async fn load_appeal_queue(filters: AppealFilters) -> Result<AppealQueue, AppError> {
    let (portal, principal) = crate::port::portal_and_principal()?;
    portal.appeal_queue(&principal, filters).await
}

/// Whether a pasted filing receipt is genuine and unchanged.
#[server(prefix = "/rpc", endpoint = "verify_receipt")]
pub async fn check_receipt(receipt: String) -> Result<ReceiptCheck, AppError> {
    crate::port::portal()?.verify_receipt(&receipt).await
}
