//! `POST /staff/register/{slug}/edit`: a supervisor of the owning agency saves a register
//! entry, checked by the same rules as the API; a change becomes the entry's draft, which the
//! supervisor reviews and publishes with a change note (`register_publish`). The form's
//! "Preview" button checks the same way and shows the entry as the public would see it,
//! saving nothing.

use super::{csrf_ok, locale};
use crate::db::models::audit::Actor;
use crate::db::DbConnection;
use crate::domain::register_walk::read_register_entry;
use crate::domain::validator::{reason_code, Validator};
use crate::services::register::{EntryState, Publication};
use crate::services::{register, ServiceError};
use crate::state::AppState;
use crate::web::error::WebError;
use crate::web::flash;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use app::port::StaffPrincipal;
use app::types::Notice;
use app::types::{
    Flash, Role, DRAFT_FORM, EDITOR_FORM, EDITOR_PLAIN_FIELDS, EDITOR_PREVIEW,
    EDITOR_SUMMARY_FIELDS, EDITOR_TEXT_FIELDS,
};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

const LANGUAGES: [&str; 3] = ["kk", "ru", "en"];
/// The value of the editor's "Preview" button (`name="action"`); "Save" sends none.
const PREVIEW_ACTION: &str = "preview";

enum Outcome {
    NotYours,
    Invalid(Flash),
    /// The change is the entry's draft now.
    Drafted,
    /// The form says what is published already: nothing was made.
    Unchanged,
    /// "Preview": the entry as the public would see it, shown above the form; nothing saved.
    Preview(Flash),
}

/// Saves the entry, or sends the supervisor back to the form with everything typed.
pub async fn post(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let slug = slug.into_inner();
    let principal = req.extensions().get::<StaffPrincipal>().cloned();
    let Some(principal) = principal.filter(|p| p.role == Role::Supervisor) else {
        return Ok(HttpResponse::NotFound().finish());
    };
    let fields: BTreeMap<String, String> = form.into_inner().into_iter().collect();
    let edit_page = format!("/staff/register/{slug}/edit");
    if !csrf_ok(
        &req,
        fields
            .get("csrf_token")
            .map(String::as_str)
            .unwrap_or_default(),
    ) {
        return Ok(super::redirect_with_stored_flash(&req, &edit_page, None));
    }
    let reader = locale(&req);
    let worker = state.clone();
    let wanted = slug.clone();
    let outcome = web::block(move || -> anyhow::Result<(Outcome, Option<String>)> {
        let mut conn = worker.pool.get()?;
        let outcome = save(&mut conn, &principal, &wanted, &fields)?;
        let stored = match &outcome {
            Outcome::Invalid(flash) | Outcome::Preview(flash) => {
                Some(flash::store(&mut conn, flash)?)
            }
            _ => None,
        };
        Ok((outcome, stored))
    })
    .await
    .map_err(|e| WebError::unexpected(anyhow::anyhow!(e), reader))?
    .map_err(|e| WebError::unexpected(e, reader))?;
    Ok(match outcome {
        (Outcome::NotYours, _) => HttpResponse::NotFound().finish(),
        (Outcome::Invalid(_), stored) => {
            super::redirect_with_stored_flash(&req, &edit_page, stored)
        }
        (Outcome::Preview(_), stored) => {
            super::redirect_with_stored_flash(&req, &format!("{edit_page}#preview"), stored)
        }
        (Outcome::Drafted, _) => super::redirect_with_flash(
            &req,
            &format!("/staff/register/{slug}/draft"),
            &flash::notice(DRAFT_FORM, Notice::DraftSaved),
        ),
        (Outcome::Unchanged, _) => super::redirect_with_flash(
            &req,
            &format!("/register/{slug}"),
            &flash::notice("entry", Notice::EntryUnchanged),
        ),
    })
}

fn save(
    conn: &mut DbConnection,
    principal: &StaffPrincipal,
    slug: &str,
    fields: &BTreeMap<String, String>,
) -> anyhow::Result<Outcome> {
    let Some(agency_id) = principal.agency_id else {
        return Ok(Outcome::NotYours);
    };
    let current = match register::editable_entry(conn, agency_id, slug) {
        Ok(current) => current,
        Err(ServiceError::NotFound) => return Ok(Outcome::NotYours),
        Err(other) => return Err(other.into()),
    };
    let content = apply(serde_json::to_value(current)?, fields);
    let mut validator = Validator::new(None);
    // The editor keeps everything typed, however long: this flash is stored, not a cookie.
    let mut kept = flash::with_errors(EDITOR_FORM, &[], Vec::new());
    kept.values = fields
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "csrf_token" | "action"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let Some(content) = read_register_entry(&content, &mut validator) else {
        kept.errors = validator
            .details
            .iter()
            .map(|d| flash::field_error(&form_field(&d.field), reason_code(&d.reason)))
            .collect();
        return Ok(Outcome::Invalid(kept));
    };
    if content.slug != slug {
        return Ok(Outcome::NotYours);
    }
    if fields.get("action").map(String::as_str) == Some(PREVIEW_ACTION) {
        kept.values
            .insert(EDITOR_PREVIEW.to_string(), serde_json::to_string(&content)?);
        return Ok(Outcome::Preview(kept));
    }
    let saved = register::save_entry(
        conn,
        agency_id,
        Actor::principal(principal),
        &content,
        Publication::Draft,
        chrono::Utc::now(),
    )?;
    Ok(match saved.state {
        EntryState::Draft => Outcome::Drafted,
        EntryState::Published => Outcome::Unchanged,
    })
}

/// The form field a validation path points at (a text map's first language when the map itself is wrong).
fn form_field(path: &str) -> String {
    let is_map = EDITOR_TEXT_FIELDS.contains(&path) || EDITOR_SUMMARY_FIELDS.contains(&path);
    if is_map {
        format!("{path}.kk")
    } else {
        path.to_string()
    }
}

/// The current content with the form's values written over it (data categories stay as they are).
fn apply(mut content: Value, fields: &BTreeMap<String, String>) -> Value {
    let text = |prefix: &str| -> Value {
        let map: Map<String, Value> = LANGUAGES
            .iter()
            .filter_map(|l| {
                let value = fields.get(&format!("{prefix}.{l}"))?.trim();
                (!value.is_empty()).then(|| (l.to_string(), json!(value)))
            })
            .collect();
        Value::Object(map)
    };
    let plain = |name: &str| {
        fields
            .get(name)
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let Some(object) = content.as_object_mut() else {
        return content;
    };
    for field in EDITOR_TEXT_FIELDS {
        object.insert(field.into(), text(field));
    }
    for field in EDITOR_PLAIN_FIELDS.iter().filter(|f| !f.contains('.')) {
        let value = plain(field);
        let json_value = match *field {
            "human_final_decision" => match value.as_str() {
                "true" => json!(true),
                "false" => json!(false),
                _ => Value::Null,
            },
            _ => json!(value),
        };
        object.insert(field.to_string(), json_value);
    }
    let url = plain("impact_assessment.url");
    object.insert(
        "impact_assessment".into(),
        json!({
            "date": plain("impact_assessment.date"),
            "summary": text("impact_assessment.summary"),
            "url": if url.is_empty() { Value::Null } else { json!(url) },
        }),
    );
    object.insert(
        "bias_audit".into(),
        json!({ "date": plain("bias_audit.date"), "summary": text("bias_audit.summary") }),
    );
    content
}
