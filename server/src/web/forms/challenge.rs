//! `POST /d/{reference}/challenge`: the citizen files a challenge of the decision they opened,
//! with evidence files. The files are checked from their content, stored in the blob store,
//! and the appeal is filed (`services::appeals::filing`); on a problem the form comes back
//! with every error and what was typed.

use super::evidence_upload;
use super::multipart::{self, Parsed};
use super::{csrf_ok, locale, redirect_with_flash, redirect_with_stored_flash};
use crate::services::appeals::filing::{self, FilingError, FilingRequest};
use crate::state::AppState;
use crate::web::error::WebError;
use crate::web::flash;
use actix_multipart::Multipart;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use app::i18n::Locale;
use app::port::CitizenAccess;
use app::types::{ChallengedFactor, FieldError, Flash, FormError, GroundKind, Grounds, Notice};

const FORM: &str = "challenge";

/// Files the challenge, or sends the citizen back to the form.
pub async fn post(
    req: HttpRequest,
    state: web::Data<AppState>,
    reference: web::Path<String>,
    body: Multipart,
) -> Result<HttpResponse, WebError> {
    let reader = locale(&req);
    let reference = reference.into_inner();
    let page = format!("/d/{reference}/challenge");
    let limits = state.settings.evidence.clone();
    let form = match multipart::read_or_reject(body, limits.max_bytes).await {
        Ok(form) => form,
        Err(rejected) => return Ok(rejected),
    };
    let opened = req
        .extensions()
        .get::<CitizenAccess>()
        .map(|a| a.reference.clone());
    if opened.as_deref() != Some(reference.as_str()) {
        // The decision's access has ended (or never began): its page says how to open it.
        return Ok(redirect_with_flash(
            &req,
            &format!("/d/{reference}"),
            &Flash::default(),
        ));
    }
    let mut errors = Vec::new();
    if !csrf_ok(&req, form.value("csrf_token")) {
        errors.push(flash::field_error("form", FormError::Csrf));
    }
    let (grounds, mut ground_errors) = grounds(&form);
    errors.append(&mut ground_errors);
    let (checked, mut file_errors) = evidence_upload::check(&form, &limits, &[]);
    errors.append(&mut file_errors);
    let language = Locale::parse(form.value("language")).unwrap_or(reader);
    let request = FilingRequest {
        decision_reference: reference.clone(),
        idempotency_key: form.value("form_token").to_string(),
        grounds,
        statement: form.value("statement").to_string(),
        contact_email: form.value("contact_email").to_string(),
        language,
        evidence: Vec::new(),
    };
    if request.idempotency_key.is_empty() || request.idempotency_key.len() > 100 {
        errors.push(flash::field_error("form", FormError::Csrf));
    }
    if !errors.is_empty() {
        // The service's own checks run too, so the citizen sees every problem at once.
        if let Err(mut more) = filing::check_request(&request, &factor_keys_named(&form)) {
            errors.append(&mut more);
        }
        return back(&req, &state, &page, &form, errors).await;
    }
    let evidence = evidence_upload::store(state.blobs.as_ref(), &reference, checked)
        .await
        .map_err(|e| WebError::unexpected(e, reader))?;
    let request = FilingRequest {
        evidence,
        ..request
    };
    let worker = state.clone();
    let outcome = web::block(move || -> Result<filing::Filed, FilingError> {
        let mut conn = worker.pool.get().map_err(anyhow::Error::from)?;
        filing::file(&mut conn, &worker.receipts, &request, chrono::Utc::now())
    })
    .await
    .map_err(|e| WebError::unexpected(anyhow::anyhow!(e), reader))?;
    match outcome {
        Ok(filed) => Ok(redirect_with_flash(
            &req,
            &format!("/appeals/{}", filed.reference),
            &flash::notice("appeal", Notice::AppealFiled),
        )),
        Err(FilingError::Invalid(errors)) => back(&req, &state, &page, &form, errors).await,
        Err(FilingError::WindowClosed { .. }) => {
            let errors = vec![flash::field_error("form", FormError::AppealWindowClosed)];
            back(&req, &state, &page, &form, errors).await
        }
        Err(FilingError::NotFound) => Ok(HttpResponse::NotFound().finish()),
        Err(FilingError::Unexpected(error)) => Err(WebError::unexpected(error, reader)),
    }
}

/// The grounds as ticked, with the factors named and what the citizen says about each.
fn grounds(form: &Parsed) -> (Grounds, Vec<FieldError>) {
    let mut errors = Vec::new();
    let mut kinds = Vec::new();
    for value in form.values("grounds") {
        match GroundKind::parse(value) {
            Some(kind) => kinds.push(kind),
            None => errors.push(flash::field_error("grounds", FormError::FieldInvalid)),
        }
    }
    let factors = factor_keys_named(form)
        .into_iter()
        .map(|key| ChallengedFactor {
            correct_value: form.value(&format!("correct_{key}")).to_string(),
            why: form.value(&format!("why_{key}")).to_string(),
            key,
        })
        .collect();
    (Grounds { kinds, factors }, errors)
}

fn factor_keys_named(form: &Parsed) -> Vec<String> {
    let mut keys: Vec<String> = form
        .values("factor")
        .into_iter()
        .map(str::to_string)
        .collect();
    keys.dedup();
    keys
}

/// Back to the form with the errors and everything typed (kept in the database: a statement
/// is too long for a cookie). Files are not kept: the browser asks for them again.
async fn back(
    req: &HttpRequest,
    state: &web::Data<AppState>,
    page: &str,
    form: &Parsed,
    mut errors: Vec<FieldError>,
) -> Result<HttpResponse, WebError> {
    errors.dedup();
    let mut kept = flash::with_errors(FORM, &[], errors);
    kept.values = form
        .fields
        .iter()
        .filter(|(name, _)| name != "csrf_token" && name != "form_token")
        .map(|(name, value)| {
            // Checkboxes repeat their name; the page asks for "name=value" to see if ticked.
            if name == "grounds" || name == "factor" {
                (format!("{name}={value}"), "on".to_string())
            } else {
                (name.clone(), value.clone())
            }
        })
        .collect();
    let worker = state.clone();
    let reader = locale(req);
    let stored = web::block(move || -> anyhow::Result<String> {
        let mut conn = worker.pool.get()?;
        Ok(flash::store(&mut conn, &kept)?)
    })
    .await
    .map_err(|e| WebError::unexpected(anyhow::anyhow!(e), reader))?
    .map_err(|e| WebError::unexpected(e, reader))?;
    Ok(redirect_with_stored_flash(req, page, Some(stored)))
}
