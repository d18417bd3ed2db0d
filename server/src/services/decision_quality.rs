//! A system's quality score, read from the warnings stored when its decisions were ingested
//! (docs/api.md, "Quality checks"): public on the register entry, and with the worst examples
//! for the supervisors of the agency that owns the system.

use super::error::ServiceError;
use crate::db::models::decision_quality as rows;
use crate::db::schema::ai_systems;
use crate::db::DbConnection;
use crate::domain::stored;
use app::port::StaffPrincipal;
use app::types::{LocalizedText, QualityCode, QualityExample, QualityReview, Role, SystemQuality};
use diesel::prelude::*;
use std::collections::BTreeMap;

/// How many of the worst decisions a supervisor is shown.
pub const WORST_EXAMPLES: i64 = 10;

/// The score of the system `slug`; `NotFound` for a system that is not in the register.
pub fn of_system(conn: &mut DbConnection, slug: &str) -> Result<SystemQuality, ServiceError> {
    let system_id: i64 = ai_systems::table
        .filter(ai_systems::slug.eq(slug))
        .select(ai_systems::id)
        .first(conn)
        .optional()?
        .ok_or(ServiceError::NotFound)?;
    score(conn, system_id)
}

fn score(conn: &mut DbConnection, system_id: i64) -> Result<SystemQuality, ServiceError> {
    let decisions = rows::decisions_of_system(conn, system_id)?;
    let with_warnings = rows::decisions_with_warnings(conn, system_id)?;
    let mut by_code = rows::decisions_by_code(conn, system_id)?
        .into_iter()
        .map(|(code, n)| Ok((stored::vocab(&code, QualityCode::parse, "quality code")?, n)))
        .collect::<anyhow::Result<Vec<_>>>()?;
    by_code.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(SystemQuality {
        decisions,
        without_warnings: decisions - with_warnings,
        by_code,
    })
}

/// The score and the worst examples of system `slug`, for a supervisor of the agency that owns
/// it; anyone else gets `NotFound`, as for a system that does not exist. The examples are
/// read scoped to the supervisor's agency in the query itself.
pub fn review(
    conn: &mut DbConnection,
    principal: &StaffPrincipal,
    slug: &str,
) -> Result<QualityReview, ServiceError> {
    let Some(agency_id) = principal
        .agency_id
        .filter(|_| principal.role == Role::Supervisor)
    else {
        return Err(ServiceError::NotFound);
    };
    let (system_id, name_json): (i64, String) = ai_systems::table
        .inner_join(
            crate::db::schema::ai_system_versions::table.on(
                crate::db::schema::ai_system_versions::system_id
                    .eq(ai_systems::id)
                    .and(
                        crate::db::schema::ai_system_versions::version
                            .eq(ai_systems::current_version),
                    ),
            ),
        )
        .filter(ai_systems::slug.eq(slug))
        .filter(ai_systems::agency_id.eq(agency_id))
        .select((
            ai_systems::id,
            crate::db::schema::ai_system_versions::content_json,
        ))
        .first(conn)
        .optional()?
        .ok_or(ServiceError::NotFound)?;
    let content: serde_json::Value = stored::document(&name_json, "register entry")?;
    let system_name: LocalizedText = serde_json::from_value(content["name"].clone())
        .map_err(|e| ServiceError::Unexpected(e.into()))?;
    let quality = score(conn, system_id)?;
    let worst = rows::worst_of_agency(conn, agency_id, system_id, WORST_EXAMPLES)?;
    let references: Vec<String> = worst.iter().map(|(r, _)| r.clone()).collect();
    let mut codes: BTreeMap<String, Vec<QualityCode>> = BTreeMap::new();
    for (reference, code) in rows::codes_of(conn, &references)? {
        let code = stored::vocab(&code, QualityCode::parse, "quality code")?;
        let list = codes.entry(reference).or_default();
        if !list.contains(&code) {
            list.push(code);
        }
    }
    Ok(QualityReview {
        slug: slug.to_string(),
        system_name,
        quality,
        worst: worst
            .into_iter()
            .map(|(reference, warnings)| QualityExample {
                codes: codes.remove(&reference).unwrap_or_default(),
                reference,
                warnings,
            })
            .collect(),
    })
}
