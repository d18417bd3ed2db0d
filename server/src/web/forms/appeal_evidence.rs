//! `POST /appeals/{reference}/evidence`: the citizen adds evidence files to their open appeal.
//! The files are checked from their content and counted with those already on the appeal.

use super::appeal_step::step_error;
use super::multipart;
use super::{csrf_ok, evidence_upload, locale, redirect_with_flash};
use crate::services::appeals::evidence;
use crate::services::appeals::steps::StepError;
use crate::state::AppState;
use crate::web::error::WebError;
use crate::web::flash;
use actix_multipart::Multipart;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use app::port::CitizenAccess;
use app::types::{FieldError, Flash, FormError, Notice};

const FORM: &str = "appeal_step";

/// Records the files, or sends the citizen back saying what is wrong with them.
pub async fn post(
    req: HttpRequest,
    state: web::Data<AppState>,
    reference: web::Path<String>,
    body: Multipart,
) -> Result<HttpResponse, WebError> {
    let reader = locale(&req);
    let reference = reference.into_inner();
    let page = format!("/appeals/{reference}");
    let limits = state.settings.evidence.clone();
    let form = match multipart::read_or_reject(body, limits.max_bytes).await {
        Ok(form) => form,
        Err(rejected) => return Ok(rejected),
    };
    let Some(access) = req.extensions().get::<CitizenAccess>().cloned() else {
        return Ok(redirect_with_flash(&req, &page, &Flash::default()));
    };
    let back = |errors: Vec<FieldError>| {
        redirect_with_flash(&req, &page, &flash::with_errors(FORM, &[], errors))
    };
    if !csrf_ok(&req, form.value("csrf_token")) {
        return Ok(back(vec![flash::field_error("form", FormError::Csrf)]));
    }
    if !form.files.iter().any(|f| f.field == evidence_upload::FIELD) {
        return Ok(back(vec![flash::field_error(
            evidence_upload::FIELD,
            FormError::FieldRequired,
        )]));
    }
    let decision = access.reference.clone();
    let worker = state.clone();
    let appeal = reference.clone();
    let already = web::block(move || -> Result<Vec<usize>, StepError> {
        let mut conn = worker.pool.get().map_err(anyhow::Error::from)?;
        evidence::existing_sizes(&mut conn, &decision, &appeal, chrono::Utc::now())
    })
    .await
    .map_err(|e| WebError::unexpected(anyhow::anyhow!(e), reader))?;
    let already = match already {
        Ok(sizes) => sizes,
        Err(StepError::NotFound) => return Ok(HttpResponse::NotFound().finish()),
        Err(StepError::Unexpected(error)) => return Err(WebError::unexpected(error, reader)),
        Err(other) => return Ok(back(vec![step_error(&other)])),
    };
    let (checked, errors) = evidence_upload::check(&form, &limits, &already);
    if !errors.is_empty() {
        return Ok(back(errors));
    }
    let files = evidence_upload::store(state.blobs.as_ref(), &reference, checked)
        .await
        .map_err(|e| WebError::unexpected(e, reader))?;
    let worker = state.clone();
    let decision = access.reference;
    let appeal = reference.clone();
    let outcome = web::block(move || -> Result<(), StepError> {
        let mut conn = worker.pool.get().map_err(anyhow::Error::from)?;
        evidence::add(&mut conn, &decision, &appeal, &files, chrono::Utc::now())
    })
    .await
    .map_err(|e| WebError::unexpected(anyhow::anyhow!(e), reader))?;
    Ok(match outcome {
        Ok(()) => redirect_with_flash(&req, &page, &flash::notice(FORM, Notice::AppealStepDone)),
        Err(StepError::NotFound) => HttpResponse::NotFound().finish(),
        Err(StepError::Unexpected(error)) => return Err(WebError::unexpected(error, reader)),
        Err(other) => back(vec![step_error(&other)]),
    })
}
