//! The server's implementation of the pages' port, every query scoped to the principal.

mod decisions;
mod register;

use crate::db::models::agency::{self, Agency, AgencyScope};
use crate::db::models::ai_system;
use crate::db::{DbConnection, DbPool};
use crate::web::error::new_reference;
use actix_web::web;
use app::api::AppError;
use app::port::{DecisionViewer, Portal, StaffPrincipal};
use app::types::{
    AgencyOverview, DecisionFilters, DecisionList, Explanation, RegisterEntry, RegisterFilters,
    RegisterFlagView, RegisterList, StaffHome,
};

/// The portal over the database.
pub struct DbPortal {
    pool: DbPool,
}

impl DbPortal {
    /// A portal reading from `pool`.
    pub fn new(pool: DbPool) -> DbPortal {
        DbPortal { pool }
    }

    /// Runs `work` on the blocking pool; unexpected failures are logged under a reference.
    async fn run<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> anyhow::Result<Result<T, AppError>> + Send + 'static,
    {
        let pool = self.pool.clone();
        let outcome = web::block(move || -> anyhow::Result<Result<T, AppError>> {
            let mut conn = pool.get()?;
            work(&mut conn)
        })
        .await;
        match outcome {
            Ok(Ok(result)) => result,
            Ok(Err(error)) => Err(unexpected(error)),
            Err(error) => Err(unexpected(anyhow::anyhow!(error))),
        }
    }
}

fn unexpected(error: anyhow::Error) -> AppError {
    let reference = new_reference();
    tracing::error!(%reference, error = ?error, "unexpected error in portal");
    AppError::Unexpected { reference }
}

fn overview(conn: &mut DbConnection, agency: Agency) -> anyhow::Result<AgencyOverview> {
    let systems = ai_system::list_current_for_agency(conn, agency.id)?;
    Ok(AgencyOverview {
        slug: agency.slug,
        name: serde_json::from_str(&agency.name_json)?,
        contact: serde_json::from_str(&agency.contact_json)?,
        systems,
    })
}

#[async_trait::async_trait]
impl Portal for DbPortal {
    async fn staff_home(&self, principal: &StaffPrincipal) -> Result<StaffHome, AppError> {
        let scope = AgencyScope::of(principal.agency_id);
        let identity = principal.identity.clone();
        self.run(move |conn| {
            let agencies = agency::list_visible(conn, scope)?
                .into_iter()
                .map(|a| overview(conn, a))
                .collect::<anyhow::Result<Vec<_>>>()?;
            Ok(Ok(StaffHome { identity, agencies }))
        })
        .await
    }

    async fn register_list(&self, filters: RegisterFilters) -> Result<RegisterList, AppError> {
        self.run(move |conn| Ok(Ok(register::list(conn, &filters)?)))
            .await
    }

    async fn register_entry(
        &self,
        slug: &str,
        version: Option<i32>,
    ) -> Result<RegisterEntry, AppError> {
        let slug = slug.to_string();
        self.run(move |conn| Ok(register::entry(conn, &slug, version)?.ok_or(AppError::NotFound)))
            .await
    }

    async fn explanation(
        &self,
        viewer: DecisionViewer,
        reference: &str,
    ) -> Result<Explanation, AppError> {
        let reference = reference.to_string();
        self.run(move |conn| {
            Ok(
                crate::services::explanations::for_viewer(conn, &viewer, &reference)?
                    .ok_or(AppError::NotFound),
            )
        })
        .await
    }

    async fn staff_decisions(
        &self,
        principal: &StaffPrincipal,
        filters: DecisionFilters,
    ) -> Result<DecisionList, AppError> {
        let scope = AgencyScope::of(principal.agency_id);
        self.run(move |conn| Ok(Ok(decisions::list(conn, scope, &filters)?)))
            .await
    }

    async fn editable_entry(
        &self,
        principal: &StaffPrincipal,
        slug: &str,
    ) -> Result<RegisterEntry, AppError> {
        let Some(agency_id) = principal
            .agency_id
            .filter(|_| principal.role == app::types::Role::Supervisor)
        else {
            return Err(AppError::NotFound);
        };
        let slug = slug.to_string();
        self.run(move |conn| {
            Ok(register::editable(conn, agency_id, &slug)?.ok_or(AppError::NotFound))
        })
        .await
    }

    async fn register_flags(
        &self,
        principal: &StaffPrincipal,
    ) -> Result<Vec<RegisterFlagView>, AppError> {
        if principal.role == app::types::Role::Reviewer {
            return Err(AppError::NotFound);
        }
        let scope = AgencyScope::of(principal.agency_id);
        self.run(move |conn| Ok(Ok(register::flags(conn, scope)?)))
            .await
    }

    async fn staff_agency(
        &self,
        principal: &StaffPrincipal,
        slug: &str,
    ) -> Result<AgencyOverview, AppError> {
        let scope = AgencyScope::of(principal.agency_id);
        let slug = slug.to_string();
        self.run(
            move |conn| match agency::find_visible(conn, scope, &slug)? {
                Some(found) => Ok(Ok(overview(conn, found)?)),
                None => Ok(Err(AppError::NotFound)),
            },
        )
        .await
    }
}
