//! `POST /staff/stats/reviews`: an ombudsman opens a systemic review note on a system from the
//! systems-of-concern panel; back on the dashboard the note is listed, and the system's state
//! body sees it on its own.

use super::{csrf_ok, locale, redirect_with_flash, with_connection};
use crate::services::stats::reviews;
use crate::services::ServiceError;
use crate::state::AppState;
use crate::web::error::WebError;
use crate::web::flash;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use app::port::StaffPrincipal;
use app::types::{FieldError, FormError, Notice};
use serde::Deserialize;

const FORM: &str = "systemic_review";
const DASHBOARD: &str = "/staff/stats";

/// The form as posted.
#[derive(Deserialize)]
pub struct ReviewForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    system: String,
    #[serde(default)]
    note: String,
    /// The dashboard address the form was on, to return to with its filters.
    #[serde(default)]
    return_to: String,
}

/// Only the dashboard itself, with any query: never another site or page.
fn back_to(return_to: &str) -> &str {
    let on_dashboard = return_to == DASHBOARD
        || return_to
            .strip_prefix(DASHBOARD)
            .is_some_and(|rest| rest.starts_with('?'));
    if on_dashboard && !return_to.contains(['\r', '\n']) {
        return_to
    } else {
        DASHBOARD
    }
}

/// Opens the note.
pub async fn post(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<ReviewForm>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    let page = back_to(&form.return_to).to_string();
    if !csrf_ok(&req, &form.csrf_token) {
        return Ok(redirect_with_flash(
            &req,
            &page,
            &flash::notice(FORM, Notice::FormExpired),
        ));
    }
    let Some(principal) = req.extensions().get::<StaffPrincipal>().cloned() else {
        return Ok(HttpResponse::NotFound().finish());
    };
    let system = form.system.clone();
    let note = form.note.clone();
    let opened = with_connection(&state, locale(&req), move |conn| {
        match reviews::open(
            conn,
            &principal,
            &system,
            &note,
            chrono::Utc::now().naive_utc(),
        ) {
            Ok(_) => Ok(Ok(())),
            Err(ServiceError::Invalid(problems)) => Ok(Err(Some(problems))),
            Err(ServiceError::NotFound) => Ok(Err(None)),
            Err(other) => Err(anyhow::Error::from(other)),
        }
    })
    .await?;
    match opened {
        Ok(()) => Ok(redirect_with_flash(
            &req,
            &page,
            &flash::notice(FORM, Notice::ReviewOpened),
        )),
        Err(None) => Ok(HttpResponse::NotFound().finish()),
        Err(Some(problems)) => {
            let errors = problems
                .iter()
                .map(|p| FieldError {
                    field: p.field.clone(),
                    code: if p.reason == "required" {
                        FormError::FieldRequired
                    } else {
                        FormError::FieldTooLong
                    },
                })
                .collect();
            Ok(redirect_with_flash(
                &req,
                &page,
                &flash::with_errors(
                    FORM,
                    &[
                        ("note", form.note.as_str()),
                        ("system", form.system.as_str()),
                    ],
                    errors,
                ),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::back_to;

    #[test]
    fn the_form_returns_only_to_the_dashboard() {
        assert_eq!(back_to("/staff/stats?system=x"), "/staff/stats?system=x");
        assert_eq!(back_to("https://elsewhere.example"), "/staff/stats");
        assert_eq!(back_to("/staff/statsevil"), "/staff/stats");
        assert_eq!(back_to("//elsewhere.example/staff/stats"), "/staff/stats");
    }
}
