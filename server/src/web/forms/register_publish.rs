//! `POST /staff/register/{slug}/publish` and `/discard`: a supervisor of the owning agency
//! publishes the entry's draft with a change note, or discards it (`services::register_drafts`).
//! Anyone else gets 404, as for a draft that does not exist.

use super::{csrf_ok, locale};
use crate::services::register_drafts;
use crate::services::ServiceError;
use crate::state::AppState;
use crate::web::error::WebError;
use crate::web::flash;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use app::port::StaffPrincipal;
use app::types::{FormError, Notice, Role, DRAFT_FORM};
use serde::Deserialize;

/// The publish form as posted.
#[derive(Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    change_note: String,
    #[serde(default)]
    csrf_token: String,
}

/// The discard form as posted.
#[derive(Deserialize)]
pub struct DiscardForm {
    #[serde(default)]
    csrf_token: String,
}

/// The signed-in supervisor, if it is one: only they review drafts.
fn supervisor(req: &HttpRequest) -> Option<StaffPrincipal> {
    req.extensions()
        .get::<StaffPrincipal>()
        .cloned()
        .filter(|p| p.role == Role::Supervisor)
}

/// Publishes the draft, or sends the supervisor back to it with the note and what is wrong.
pub async fn publish(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    form: web::Form<PublishForm>,
) -> Result<HttpResponse, WebError> {
    let slug = slug.into_inner();
    let form = form.into_inner();
    let Some(principal) = supervisor(&req) else {
        return Ok(HttpResponse::NotFound().finish());
    };
    let draft_page = format!("/staff/register/{slug}/draft");
    let reader = locale(&req);
    let csrf_valid = csrf_ok(&req, &form.csrf_token);
    let worker = state.clone();
    let wanted = slug.clone();
    let outcome = web::block(move || -> anyhow::Result<Result<(), Option<String>>> {
        let mut conn = worker.pool.get()?;
        // The note is kept in a stored flash: 500 characters of Kazakh are too long for a cookie.
        let back = |conn: &mut crate::db::DbConnection, code: FormError| {
            let kept = flash::with_errors(
                DRAFT_FORM,
                &[("change_note", form.change_note.as_str())],
                vec![flash::field_error("change_note", code)],
            );
            flash::store(conn, &kept).map(|id| Err(Some(id)))
        };
        if !csrf_valid {
            // Whether the draft exists is told only to its own supervisors.
            return match register_drafts::review(&mut conn, &principal, &wanted) {
                Ok(_) => Ok(back(&mut conn, FormError::Csrf)?),
                Err(ServiceError::NotFound) => Ok(Err(None)),
                Err(other) => Err(other.into()),
            };
        }
        match register_drafts::publish(
            &mut conn,
            &principal,
            &wanted,
            &form.change_note,
            chrono::Utc::now(),
        ) {
            Ok(_) => Ok(Ok(())),
            Err(ServiceError::Invalid(problems)) => {
                let reason = problems.first().map(|p| p.reason.as_str()).unwrap_or("");
                let code = crate::domain::validator::reason_code(reason);
                Ok(back(&mut conn, code)?)
            }
            Err(ServiceError::NotFound) => Ok(Err(None)),
            Err(other) => Err(other.into()),
        }
    })
    .await
    .map_err(|e| WebError::unexpected(anyhow::anyhow!(e), reader))?
    .map_err(|e| WebError::unexpected(e, reader))?;
    Ok(match outcome {
        Ok(()) => super::redirect_with_flash(
            &req,
            &format!("/register/{slug}"),
            &flash::notice("entry", Notice::DraftPublished),
        ),
        Err(Some(stored)) => super::redirect_with_stored_flash(&req, &draft_page, Some(stored)),
        Err(None) => HttpResponse::NotFound().finish(),
    })
}

/// Discards the draft; the published entry stays as it is.
pub async fn discard(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    form: web::Form<DiscardForm>,
) -> Result<HttpResponse, WebError> {
    let slug = slug.into_inner();
    let Some(principal) = supervisor(&req) else {
        return Ok(HttpResponse::NotFound().finish());
    };
    let draft_page = format!("/staff/register/{slug}/draft");
    if !csrf_ok(&req, &form.csrf_token) {
        return Ok(super::redirect_with_flash(
            &req,
            &draft_page,
            &flash::with_errors(
                DRAFT_FORM,
                &[],
                vec![flash::field_error("discard", FormError::Csrf)],
            ),
        ));
    }
    let reader = locale(&req);
    let worker = state.clone();
    let wanted = slug.clone();
    let outcome = web::block(move || -> Result<(), ServiceError> {
        let mut conn = worker.pool.get().map_err(anyhow::Error::from)?;
        register_drafts::discard(&mut conn, &principal, &wanted, chrono::Utc::now())
    })
    .await
    .map_err(|e| WebError::unexpected(anyhow::anyhow!(e), reader))?;
    Ok(match outcome {
        Ok(()) => super::redirect_with_flash(
            &req,
            "/staff/register/drafts",
            &flash::notice(DRAFT_FORM, Notice::DraftDiscarded),
        ),
        Err(ServiceError::NotFound) => HttpResponse::NotFound().finish(),
        Err(error) => return Err(WebError::unexpected(anyhow::Error::from(error), reader)),
    })
}
