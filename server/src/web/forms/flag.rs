//! `POST /register/{slug}/flag`: anyone may report an error in a register entry; the report
//! is stored for the owning agency's supervisors. Limited per address, counted in the database.

use super::{client_ip, csrf_ok, locale, redirect_with_flash};
use crate::db::models::rate_limit;
use crate::db::schema::{ai_systems, register_flags};
use crate::db::write_transaction;
use crate::state::AppState;
use crate::web::error::WebError;
use crate::web::flash;
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;

const FORM: &str = "flag";
const BUCKET: &str = "register_flag_ip";
const MAX_MESSAGE_CHARS: usize = 2_000;

/// The flag form as posted.
#[derive(Deserialize)]
pub struct FlagForm {
    #[serde(default)]
    message: String,
    #[serde(default)]
    contact_email: String,
    #[serde(default)]
    csrf_token: String,
}

enum Outcome {
    Stored,
    UnknownSystem,
    RateLimited,
}

/// Stores the report, or sends the person back with what they typed.
pub async fn post(
    req: HttpRequest,
    state: web::Data<AppState>,
    slug: web::Path<String>,
    form: web::Form<FlagForm>,
) -> Result<HttpResponse, WebError> {
    let slug = slug.into_inner();
    let form = form.into_inner();
    let page = format!("/register/{slug}#flag");
    let kept = [
        ("message", form.message.as_str()),
        ("contact_email", form.contact_email.as_str()),
    ];
    let back = |errors| redirect_with_flash(&req, &page, &flash::with_errors(FORM, &kept, errors));
    if !csrf_ok(&req, &form.csrf_token) {
        return Ok(back(vec![flash::field_error("message", "error_csrf")]));
    }
    let message = form.message.trim().to_string();
    let email = form.contact_email.trim().to_string();
    let mut errors = Vec::new();
    if message.is_empty() {
        errors.push(flash::field_error("message", "error_flag_message_required"));
    } else if message.chars().count() > MAX_MESSAGE_CHARS {
        errors.push(flash::field_error("message", "error_flag_message_too_long"));
    }
    if !email.is_empty()
        && (!email.contains('@') || email.contains(char::is_whitespace) || email.len() > 254)
    {
        errors.push(flash::field_error("contact_email", "error_email_invalid"));
    }
    if !errors.is_empty() {
        return Ok(back(errors));
    }
    let ip = client_ip(&req);
    let reader = locale(&req);
    let worker = state.clone();
    let wanted = slug.clone();
    let outcome = web::block(move || -> anyhow::Result<Outcome> {
        let mut conn = worker.pool.get()?;
        let now = chrono::Utc::now().naive_utc();
        let limits = &worker.settings.rate_limit;
        let since = now - chrono::Duration::minutes(limits.window_minutes);
        if rate_limit::count_since(&mut conn, BUCKET, &ip, since)? >= limits.flags_per_ip {
            return Ok(Outcome::RateLimited);
        }
        let system: Option<(i64, i32)> = ai_systems::table
            .filter(ai_systems::slug.eq(&wanted))
            .select((ai_systems::id, ai_systems::current_version))
            .first(&mut conn)
            .optional()?;
        let Some((system_id, version)) = system else {
            return Ok(Outcome::UnknownSystem);
        };
        write_transaction(&mut conn, |conn| -> anyhow::Result<()> {
            diesel::insert_into(register_flags::table)
                .values((
                    register_flags::system_id.eq(system_id),
                    register_flags::version.eq(version),
                    register_flags::message.eq(&message),
                    register_flags::contact_email.eq((!email.is_empty()).then_some(&email)),
                    register_flags::created_at.eq(now),
                ))
                .execute(conn)?;
            rate_limit::record(conn, BUCKET, &ip, now)?;
            Ok(())
        })?;
        Ok(Outcome::Stored)
    })
    .await
    .map_err(|e| WebError::unexpected(anyhow::anyhow!(e), reader))?
    .map_err(|e| WebError::unexpected(e, reader))?;
    Ok(match outcome {
        Outcome::Stored => {
            redirect_with_flash(&req, &page, &flash::notice(FORM, "notice_flag_stored"))
        }
        Outcome::UnknownSystem => HttpResponse::NotFound().finish(),
        Outcome::RateLimited => back(vec![flash::field_error(
            "message",
            "error_flag_rate_limited",
        )]),
    })
}
