//! Appeals whose escalation window has passed are closed by the portal itself, so a decided
//! appeal does not stay open for ever when the citizen accepts by silence. The state machine
//! decides whether the window has passed (on the agency's local date); this only finds the
//! candidates and asks it.

use super::steps::{take_step, StepActor, StepError, StepEvent, StepRequest};
use crate::db::models::audit;
use crate::db::schema::appeals;
use crate::db::DbConnection;
use crate::domain::appeal::{Actor, Event};
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;

/// Closes the decided appeals whose last day to escalate is behind them; returns how many.
pub fn close_expired(conn: &mut DbConnection, now: DateTime<Utc>) -> anyhow::Result<usize> {
    // A day's margin on the UTC date: the machine applies the exact local date.
    let candidates: Vec<(String, i32)> = appeals::table
        .filter(appeals::state.eq("decided"))
        .filter(appeals::escalate_until.lt((now - Duration::days(1)).date_naive()))
        .select((appeals::reference, appeals::version))
        .load(conn)?;
    let portal = StepActor {
        actor: Actor::System,
        audit: audit::Actor::system(),
        decision_access: None,
    };
    let mut closed = 0;
    for (reference, version) in candidates {
        let request = StepRequest {
            reference,
            expected_version: version,
            event: StepEvent::Ready(Event::Close),
        };
        match take_step(conn, &portal, &request, now) {
            Ok(_) => closed += 1,
            // Someone acted on it meanwhile, or its window is still open locally: next round.
            Err(StepError::Stale | StepError::Refused(_)) => {}
            Err(StepError::Unexpected(error)) => return Err(error),
            Err(other) => anyhow::bail!("closing {}: {other:?}", request.reference),
        }
    }
    Ok(closed)
}
