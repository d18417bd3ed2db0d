//! `GET /appeals/{reference}/evidence/{id}`: an evidence file, for whoever may see the appeal
//! (the citizen of its decision, staff of its agency, ombudsmen). Served as a download with the
//! type its content was checked to be, never rendered in the portal's origin.

use crate::blobs::BlobKey;
use crate::db::models::appeal;
use crate::db::models::audit::{self, AuditEvent};
use crate::db::write_transaction;
use crate::services::appeals::{case, reading};
use crate::state::AppState;
use crate::web::error::WebError;
use crate::web::forms::locale;
use actix_web::http::header;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use app::port::{CitizenAccess, DecisionViewer, StaffPrincipal};

/// The file, or 404 for anyone who may not see the appeal.
pub async fn download(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, WebError> {
    let reader = locale(&req);
    let (reference, id) = path.into_inner();
    let viewer = {
        let extensions = req.extensions();
        match (
            extensions.get::<StaffPrincipal>(),
            extensions.get::<CitizenAccess>(),
        ) {
            (Some(principal), _) => Some(DecisionViewer::Staff(principal.clone())),
            (None, Some(access)) => Some(DecisionViewer::Citizen(access.clone())),
            (None, None) => None,
        }
    };
    let Some(viewer) = viewer else {
        return Ok(HttpResponse::NotFound().finish());
    };
    let worker = state.clone();
    let found = web::block(move || -> anyhow::Result<Option<appeal::AttachmentRow>> {
        let mut conn = worker.pool.get()?;
        let now = chrono::Utc::now();
        let Some(case) = case::load(&mut conn, &reference, now)? else {
            return Ok(None);
        };
        if !reading::may_see(&viewer, &case) {
            return Ok(None);
        }
        let file = appeal::attachments(&mut conn, case.row.id)?
            .into_iter()
            .find(|a| a.id == id);
        if let (Some(file), DecisionViewer::Staff(principal)) = (&file, &viewer) {
            let event = AuditEvent {
                actor: audit::Actor::principal(principal),
                action: "appeal.evidence_viewed_by_staff",
                subject_kind: "appeal",
                subject_id: case.row.reference.clone(),
                details: serde_json::json!({ "sha256": file.sha256 }),
            };
            write_transaction(&mut conn, |conn| {
                audit::append(conn, event, now.naive_utc())
            })?;
        }
        Ok(file)
    })
    .await
    .map_err(|e| WebError::unexpected(anyhow::anyhow!(e), reader))?
    .map_err(|e| WebError::unexpected(e, reader))?;
    let Some(file) = found else {
        return Ok(HttpResponse::NotFound().finish());
    };
    let key = BlobKey::parse(&file.blob_key).ok_or_else(|| {
        WebError::unexpected(
            anyhow::anyhow!("stored blob key {:?}", file.blob_key),
            reader,
        )
    })?;
    let Some(bytes) = state
        .blobs
        .get(&key)
        .await
        .map_err(|e| WebError::unexpected(e, reader))?
    else {
        return Err(WebError::unexpected(
            anyhow::anyhow!("evidence {} is recorded but not stored", file.blob_key),
            reader,
        ));
    };
    Ok(HttpResponse::Ok()
        .content_type(file.content_type.as_str())
        .insert_header((
            header::CONTENT_DISPOSITION,
            header::ContentDisposition {
                disposition: header::DispositionType::Attachment,
                parameters: vec![header::DispositionParam::FilenameExt(
                    header::ExtendedValue {
                        charset: header::Charset::Ext("UTF-8".into()),
                        language_tag: None,
                        value: file.file_name.into_bytes(),
                    },
                )],
            },
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .body(bytes))
}
