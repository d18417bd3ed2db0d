//! `POST /api/v1/systems` (scope `systems:write`; publishing at once also `register:publish`).

use crate::api::auth::ApiPrincipal;
use crate::api::body::json_body;
use crate::api::error::ApiError;
use crate::domain::register_walk::read_register_entry;
use crate::domain::rules::change_note_problem;
use crate::domain::validator::Validator;
#[allow(unused_imports)]
use crate::services::register::Saved;
use crate::services::register::{self, Publication, SaveStatus};
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use app::types::RegisterEntryContent;
use serde_json::Value;

/// The scope that lets a system publish without a supervisor's review.
const PUBLISH_SCOPE: &str = "register:publish";

/// Saves an entry as a draft for the agency's supervisors to publish, or publishes it at once
/// (`"publish": true` with a `"change_note"`, scope `register:publish`); identical content
/// makes nothing (docs/api.md, "Drafts and publishing").
#[utoipa::path(post, path = "/api/v1/systems", tag = "register",
    request_body = RegisterEntryContent,
    security(("bearer" = ["systems:write"]), ("bearer" = ["systems:write", "register:publish"])),
    responses(
        (status = 201, description = "A draft was saved, or with `publish` a new version was published", body = Saved),
        (status = 200, description = "Identical to the draft or the current version: nothing was made", body = Saved),
        (status = 400, description = "The body is not JSON, or repeats a key", body = crate::api::error::ErrorBody),
        (status = 401, description = "No valid token", body = crate::api::error::ErrorBody),
        (status = 403, description = "The token lacks systems:write, or register:publish for `publish`", body = crate::api::error::ErrorBody),
        (status = 409, description = "The slug belongs to another agency", body = crate::api::error::ErrorBody),
        (status = 413, description = "Over 16 MiB", body = crate::api::error::ErrorBody),
        (status = 415, description = "Not application/json", body = crate::api::error::ErrorBody),
        (status = 422, description = "Every invalid field, `change_note` among them", body = crate::api::error::ErrorBody),
    ))]
#[tracing::instrument(skip_all, fields(agency = principal.agency_id()))]
pub async fn create(
    principal: ApiPrincipal,
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    principal.require("systems:write")?;
    let mut document = json_body(&req, payload).await?;
    let mut validator = Validator::new(None);
    let publishing = take_publication(&mut document, &mut validator);
    if matches!(publishing, Some(Some(_))) {
        principal.require(PUBLISH_SCOPE)?;
    }
    let content = read_register_entry(&document, &mut validator);
    let (Some(content), Some(change_note)) = (content, publishing) else {
        return Err(ApiError::invalid(validator.details));
    };
    let agency_id = principal.agency_id();
    let actor = principal.actor();
    let pool = state.pool.clone();
    let saved = web::block(move || -> Result<_, ApiError> {
        let mut conn = pool.get().map_err(anyhow::Error::from)?;
        let publication = match &change_note {
            Some(change_note) => Publication::Now { change_note },
            None => Publication::Draft,
        };
        Ok(register::save_entry(
            &mut conn,
            agency_id,
            actor,
            &content,
            publication,
            chrono::Utc::now(),
        )?)
    })
    .await??;
    Ok(match saved.status {
        SaveStatus::Created => HttpResponse::Created().json(saved),
        SaveStatus::Unchanged => HttpResponse::Ok().json(saved),
    })
}

/// Takes `publish` and `change_note` out of the body (they are not fields of the entry):
/// `Some(None)` for a draft, `Some(Some(note))` to publish at once with the note, `None`
/// when either is wrong (the problem is recorded, with the entry's own, for one 422).
fn take_publication(document: &mut Value, v: &mut Validator) -> Option<Option<String>> {
    let map = document.as_object_mut()?;
    let publish = map.remove("publish");
    let change_note = map.remove("change_note");
    let publish = match publish {
        None | Some(Value::Null) | Some(Value::Bool(false)) => false,
        Some(Value::Bool(true)) => true,
        Some(_) => {
            v.fail("publish", "must be true or false");
            return None;
        }
    };
    match (publish, change_note) {
        (false, None | Some(Value::Null)) => Some(None),
        (false, Some(_)) => {
            v.fail("change_note", "is read only with \"publish\": true");
            None
        }
        (true, None | Some(Value::Null)) => {
            v.fail(
                "change_note",
                "is required to publish: say what changed, for the public",
            );
            None
        }
        (true, Some(Value::String(note))) => match change_note_problem(&note) {
            Some(reason) => {
                v.fail("change_note", reason);
                None
            }
            None => Some(Some(note)),
        },
        (true, Some(_)) => {
            v.fail("change_note", "must be a string");
            None
        }
    }
}
