//! `POST /staff/agencies/{slug}/calendar` and `.../calendar/remove`: an administrator adds a
//! dated exception to an agency's calendar (a decree's swapped day, a newly announced holiday)
//! or removes one. Both are audited and recount the agency's open appeal deadlines
//! (`services::calendar`).

use super::{csrf_ok, locale, redirect_with_flash};
use crate::db::models::audit::Actor;
use crate::domain::calendar::ExceptionKind;
use crate::services::{calendar, ServiceError};
use crate::state::AppState;
use crate::web::error::WebError;
use crate::web::flash;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use app::port::StaffPrincipal;
use app::types::{FieldError, Flash, FormError, Notice, Role};
use chrono::NaiveDate;
use serde::Deserialize;

const FORM: &str = "calendar";

/// The add and remove forms as posted.
#[derive(Deserialize, Default)]
pub struct DayForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    note: String,
}

/// Adds (or replaces) the exception on a day.
pub async fn put(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    form: web::Form<DayForm>,
) -> Result<HttpResponse, WebError> {
    change(req, state, slug.into_inner(), form.into_inner(), true).await
}

/// Removes the exception on a day.
pub async fn remove(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    form: web::Form<DayForm>,
) -> Result<HttpResponse, WebError> {
    change(req, state, slug.into_inner(), form.into_inner(), false).await
}

async fn change(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: String,
    form: DayForm,
    adding: bool,
) -> Result<HttpResponse, WebError> {
    let reader = locale(&req);
    let Some(principal) = req.extensions().get::<StaffPrincipal>().cloned() else {
        return Ok(redirect_with_flash(
            &req,
            "/staff/signin",
            &Flash::default(),
        ));
    };
    if principal.role != Role::Admin {
        return Ok(HttpResponse::NotFound().finish());
    }
    let date = NaiveDate::parse_from_str(form.date.trim(), "%Y-%m-%d").ok();
    let page = format!(
        "/staff/agencies/{slug}/calendar{}",
        date.map(|d| format!("?year={}", chrono::Datelike::year(&d)))
            .unwrap_or_default()
    );
    let kept = [
        ("date", form.date.as_str()),
        ("kind", form.kind.as_str()),
        ("note", form.note.as_str()),
    ];
    let back = |errors: Vec<FieldError>| {
        redirect_with_flash(&req, &page, &flash::with_errors(FORM, &kept, errors))
    };
    if !csrf_ok(&req, &form.csrf_token) {
        return Ok(back(vec![flash::field_error("form", FormError::Csrf)]));
    }
    let mut errors = Vec::new();
    if date.is_none() {
        errors.push(flash::field_error("date", FormError::FieldDate));
    }
    let kind = match form.kind.as_str() {
        "day_off" => Some(ExceptionKind::DayOff),
        "working_day" => Some(ExceptionKind::WorkingDay),
        _ if adding => {
            errors.push(flash::field_error("kind", FormError::FieldRequired));
            None
        }
        _ => None,
    };
    if adding && form.note.trim().is_empty() {
        errors.push(flash::field_error("note", FormError::FieldRequired));
    }
    let Some(date) = date.filter(|_| errors.is_empty()) else {
        return Ok(back(errors));
    };
    let worker = state.clone();
    let actor = Actor::principal(&principal);
    let note = form.note.trim().to_string();
    let outcome = web::block(move || -> Result<(), ServiceError> {
        let mut conn = worker.pool.get().map_err(anyhow::Error::from)?;
        let now = chrono::Utc::now().naive_utc();
        match kind {
            Some(kind) if adding => {
                calendar::put_exception(&mut conn, actor, &slug, date, kind, &note, now)
            }
            _ => calendar::remove_exception(&mut conn, actor, &slug, date, now),
        }
    })
    .await
    .map_err(|e| WebError::unexpected(anyhow::anyhow!(e), reader))?;
    Ok(match outcome {
        Ok(()) => redirect_with_flash(&req, &page, &flash::notice(FORM, Notice::CalendarSaved)),
        Err(ServiceError::Invalid(_)) => {
            back(vec![flash::field_error("note", FormError::FieldTooLong)])
        }
        Err(ServiceError::NotFound) if adding => HttpResponse::NotFound().finish(),
        Err(ServiceError::NotFound) => {
            back(vec![flash::field_error("date", FormError::FieldInvalid)])
        }
        Err(error) => return Err(WebError::unexpected(anyhow::Error::from(error), reader)),
    })
}
