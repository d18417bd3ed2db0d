//! Liveness and readiness for load balancers and orchestrators.

use crate::db;
use crate::state::AppState;
use actix_web::{web, HttpResponse};
use diesel::connection::SimpleConnection;

/// `GET /healthz`: the process is up.
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body("ok")
}

/// `GET /readyz`: the database answers and every migration has run.
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let pool = state.pool.clone();
    let check = web::block(move || -> anyhow::Result<bool> {
        let mut conn = pool.get()?;
        conn.batch_execute("SELECT 1")?;
        Ok(!db::has_pending_migrations(&mut conn)?)
    })
    .await;
    match check {
        Ok(Ok(true)) => HttpResponse::Ok().json(serde_json::json!({"status": "ready"})),
        Ok(Ok(false)) => HttpResponse::ServiceUnavailable()
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
