//! `redress outbox` and `redress outbox retry ID`: what the admin page shows, for operators.

use crate::config::Settings;
use crate::db::models::audit::Actor;
use crate::services::outbox_admin::{self, STATUSES};
use app::types::Role;

/// Prints the counts and the messages of `status` (or of every status).
pub fn list(settings: &Settings, status: Option<&str>) -> anyhow::Result<()> {
    let mut conn = super::connection(settings)?;
    let wanted: Vec<&str> = match status {
        Some(one) if STATUSES.contains(&one) => vec![one],
        Some(other) => anyhow::bail!("--status {other} is not one of: queued, failed, sent"),
        None => STATUSES.to_vec(),
    };
    let now = chrono::Utc::now();
    let mut first = true;
    for status in wanted {
        let view =
            outbox_admin::view(&mut conn, Role::Admin, status, now).map_err(super::refusal)?;
        if first {
            println!(
                "queued={} failed={} sent_last_day={} oldest_queued_secs={}",
                view.queued, view.failed, view.sent_last_day, view.oldest_queued_secs
            );
            first = false;
        }
        for row in view.rows {
            println!(
                "{}\t{}\t{}\t{}\t{}\tattempts={}\tcreated={}\t{}\t{}",
                row.id,
                row.status,
                row.kind,
                row.recipient,
                row.language,
                row.attempts,
                row.created_at,
                row.sent_at
                    .map(|at| format!("sent={at}"))
                    .unwrap_or_else(|| format!("next={}", row.next_attempt_at)),
                row.last_error.unwrap_or_default(),
            );
        }
    }
    Ok(())
}

/// Queues the failed message `id` again.
pub fn retry(settings: &Settings, id: i64) -> anyhow::Result<()> {
    let mut conn = super::connection(settings)?;
    outbox_admin::retry(
        &mut conn,
        Actor::operator("outbox retry"),
        id,
        chrono::Utc::now(),
    )
    .map_err(|error| match error {
        crate::services::ServiceError::NotFound => {
            anyhow::anyhow!("no failed message has id {id}")
        }
        other => super::refusal(other),
    })?;
    println!("message {id} queued again");
    Ok(())
}
