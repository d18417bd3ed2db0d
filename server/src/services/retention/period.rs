//! A state body's retention period, as an operator sets it (`redress set-retention`, or
//! `redress create-agency --retention-months`).

use crate::db::models::agency;
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::{write_transaction, DbConnection};
use crate::domain::retention::RetentionPeriod;
use crate::services::error::problem;
use crate::services::ServiceError;
use chrono::{DateTime, Utc};

/// Sets the period of the state body `slug` to `months`, audited. `NotFound` for an unknown
/// slug; `Invalid` naming `retention_months` for a period out of range or not longer than the
/// body's challenge window.
pub fn set_period(
    conn: &mut DbConnection,
    actor: Actor,
    slug: &str,
    months: i64,
    now: DateTime<Utc>,
) -> Result<RetentionPeriod, ServiceError> {
    write_transaction(conn, |conn| {
        let found = agency::find_by_slug(conn, slug)?.ok_or(ServiceError::NotFound)?;
        let period =
            RetentionPeriod::new(months, found.challenge_window_months).map_err(|refusal| {
                ServiceError::Invalid(vec![problem("retention_months", refusal.reason())])
            })?;
        agency::set_retention_months(conn, found.id, period.months())?;
        audit::append(
            conn,
            AuditEvent {
                actor,
                action: "agency.retention_set",
                subject_kind: "agency",
                subject_id: found.slug.clone(),
                details: serde_json::json!({ "retention_months": period.months() }),
            },
            now.naive_utc(),
        )?;
        Ok(period)
    })
}
