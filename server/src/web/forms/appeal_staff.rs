//! Staff acts on an appeal besides workflow steps: `POST /staff/appeals/{reference}/claim`,
//! `.../assign` (supervisors) and `.../note` (an internal note or a message to the citizen).

use super::appeal_step::step_error;
use super::{csrf_ok, locale, redirect_with_flash};
use crate::services::appeals::claim::{self, NOTE_MAX_CHARS};
use crate::services::appeals::steps::StepError;
use crate::state::AppState;
use crate::web::error::WebError;
use crate::web::flash;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use app::port::StaffPrincipal;
use app::types::{FieldError, Flash, FormError, Notice};
use serde::Deserialize;

const FORM: &str = "appeal_step";

/// The fields the three forms post.
#[derive(Deserialize, Default)]
pub struct StaffForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    assignee: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    visibility: String,
}

/// The reviewer takes the appeal.
pub async fn claim(
    req: HttpRequest,
    state: web::Data<AppState>,
    reference: web::Path<String>,
    form: web::Form<StaffForm>,
) -> Result<HttpResponse, WebError> {
    act(
        req,
        state,
        reference.into_inner(),
        form.into_inner(),
        Act::Claim,
    )
    .await
}

/// A supervisor gives the appeal to someone.
pub async fn assign(
    req: HttpRequest,
    state: web::Data<AppState>,
    reference: web::Path<String>,
    form: web::Form<StaffForm>,
) -> Result<HttpResponse, WebError> {
    act(
        req,
        state,
        reference.into_inner(),
        form.into_inner(),
        Act::Assign,
    )
    .await
}

/// A note for colleagues or a message to the citizen.
pub async fn note(
    req: HttpRequest,
    state: web::Data<AppState>,
    reference: web::Path<String>,
    form: web::Form<StaffForm>,
) -> Result<HttpResponse, WebError> {
    act(
        req,
        state,
        reference.into_inner(),
        form.into_inner(),
        Act::Note,
    )
    .await
}

#[derive(Clone, Copy)]
enum Act {
    Claim,
    Assign,
    Note,
}

async fn act(
    req: HttpRequest,
    state: web::Data<AppState>,
    reference: String,
    form: StaffForm,
    act: Act,
) -> Result<HttpResponse, WebError> {
    let reader = locale(&req);
    let page = format!("/staff/appeals/{reference}");
    let Some(principal) = req.extensions().get::<StaffPrincipal>().cloned() else {
        return Ok(redirect_with_flash(
            &req,
            "/staff/signin",
            &Flash::default(),
        ));
    };
    let back = |errors: Vec<FieldError>| {
        redirect_with_flash(
            &req,
            &page,
            &flash::with_errors(
                FORM,
                &[
                    ("body", form.body.as_str()),
                    ("visibility", form.visibility.as_str()),
                    ("assignee", form.assignee.as_str()),
                ],
                errors,
            ),
        )
    };
    if !csrf_ok(&req, &form.csrf_token) {
        return Ok(back(vec![flash::field_error("form", FormError::Csrf)]));
    }
    let body = form.body.trim().to_string();
    let internal = form.visibility != "public";
    let assignee = form.assignee.trim().parse::<i64>().ok();
    let version = form.version.trim().parse::<i32>().ok();
    match act {
        Act::Note if body.is_empty() => {
            return Ok(back(vec![flash::field_error(
                "body",
                FormError::FieldRequired,
            )]))
        }
        Act::Note if body.chars().count() > NOTE_MAX_CHARS => {
            return Ok(back(vec![flash::field_error(
                "body",
                FormError::FieldTooLong,
            )]))
        }
        Act::Assign if assignee.is_none() => {
            return Ok(back(vec![flash::field_error(
                "assignee",
                FormError::FieldRequired,
            )]))
        }
        _ => {}
    }
    let worker = state.clone();
    let outcome = web::block(move || -> Result<(), StepError> {
        let mut conn = worker.pool.get().map_err(anyhow::Error::from)?;
        let now = chrono::Utc::now();
        match act {
            Act::Claim => claim::claim(&mut conn, &principal, &reference, now),
            Act::Assign => claim::assign(
                &mut conn,
                &principal,
                &reference,
                assignee.unwrap_or_default(),
                version.unwrap_or_default(),
                now,
            ),
            Act::Note => claim::add_note(&mut conn, &principal, &reference, &body, internal, now),
        }
    })
    .await
    .map_err(|e| WebError::unexpected(anyhow::anyhow!(e), reader))?;
    let notice = match act {
        Act::Claim => Notice::AppealClaimed,
        Act::Assign | Act::Note => Notice::AppealStepDone,
    };
    Ok(match outcome {
        Ok(()) => redirect_with_flash(&req, &page, &flash::notice(FORM, notice)),
        Err(StepError::NotFound) => HttpResponse::NotFound().finish(),
        Err(StepError::Unexpected(error)) => return Err(WebError::unexpected(error, reader)),
        Err(other) => back(vec![step_error(&other)]),
    })
}
