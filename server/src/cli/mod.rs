//! One module per `redress` subcommand.

pub mod api_clients;
pub mod audit_verify;
pub mod bench_ingest;
pub mod calendar_day;
pub mod create_agency;
pub mod create_user;
pub mod deadline;
pub mod demo_appeals;
pub mod demo_decisions;
pub mod demo_evidence;
pub mod demo_scale;
pub mod demo_scale_appeals;
pub mod migrate;
pub mod outbox;
pub mod purge;
pub mod rotate_key;
pub mod seed_demo;
pub mod serve;
pub mod set_retention;
pub mod worker;

use crate::config::Settings;
use crate::db::{self, PooledDb};
use crate::domain::validator::Problem;
use crate::keys::Keys;
use crate::services::ServiceError;

/// A migrated connection for a one-off command, with the database's keys registered for its
/// audit entries.
pub fn connection(settings: &Settings) -> anyhow::Result<PooledDb> {
    Ok(open(settings)?.0)
}

/// A migrated connection for a one-off command and the keys as the database's ring has them
/// (registered for its audit entries, `keys::registry`).
pub fn open(settings: &Settings) -> anyhow::Result<(PooledDb, Keys)> {
    let pool = db::connect(&settings.database_url, 1)?;
    let mut conn = pool.get()?;
    let applied = db::run_migrations(&mut conn)?;
    let keys = Keys::load(&settings.signing_secret()?, &mut conn)?;
    crate::keys::registry::register(&mut conn, &keys)?;
    crate::services::stats::upkeep::catch_up_after_migrations(&mut conn, applied)?;
    Ok((conn, keys))
}

/// A refusal of a service that looked up the agency `--agency` named: `NotFound` means that
/// agency does not exist.
pub fn agency_refusal(agency: &str) -> impl Fn(ServiceError) -> anyhow::Error + '_ {
    move |error| match error {
        ServiceError::NotFound => anyhow::anyhow!("--agency {agency} is not an agency"),
        other => refusal(other),
    }
}

/// A service's refusal as the operator reads it: each problem after the flag it concerns
/// (`--email must be an email address`), everything else as it is.
pub fn refusal(error: ServiceError) -> anyhow::Error {
    let named = |problems: &[Problem]| {
        problems
            .iter()
            .map(|p| match p.field.as_str() {
                // Read from stdin or a prompt, not a flag.
                "password" => format!("the password {}", p.reason),
                flag => format!("--{} {}", flag.replace('_', "-"), p.reason),
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    match error {
        ServiceError::Invalid(problems) => anyhow::anyhow!(named(&problems)),
        ServiceError::Conflict { message, .. } => anyhow::anyhow!(message),
        ServiceError::NotFound => anyhow::anyhow!("not found"),
        ServiceError::Unexpected(error) => error,
    }
}
