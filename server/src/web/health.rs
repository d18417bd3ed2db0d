//! Liveness and readiness for load balancers and orchestrators.

use crate::db;
use crate::services::outbox_admin;
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use diesel::connection::SimpleConnection;

/// `GET /healthz`: the process is up.
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body("ok")
}

/// `GET /readyz`: the database answers and every migration has run. Mail is not checked: a
/// mail server that is down only makes messages wait in the outbox, whose backlog is reported
/// (queued and failed counts, the oldest queued message's age) for monitoring.
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let pool = state.pool.clone();
    let check = web::block(move || -> anyhow::Result<Option<serde_json::Value>> {
        let mut conn = pool.get()?;
        conn.batch_execute("SELECT 1")?;
        if db::has_pending_migrations(&mut conn)? {
            return Ok(None);
        }
        let backlog = outbox_admin::backlog(&mut conn, chrono::Utc::now().naive_utc())?;
        Ok(Some(serde_json::to_value(backlog)?))
    })
    .await;
    match check {
        Ok(Ok(Some(backlog))) => {
            HttpResponse::Ok().json(serde_json::json!({"status": "ready", "outbox": backlog}))
        }
        Ok(Ok(None)) => HttpResponse::ServiceUnavailable()
            .json(serde_json::json!({"status": "migrations_pending"})),
        Ok(Err(error)) => {
            tracing::warn!(error = %error, "readiness check failed");
            HttpResponse::ServiceUnavailable()
                .json(serde_json::json!({"status": "database_unreachable"}))
        }
        Err(error) => {
            tracing::warn!(error = %error, "readiness check did not run");
            HttpResponse::ServiceUnavailable().json(serde_json::json!({"status": "unavailable"}))
        }
    }
}
