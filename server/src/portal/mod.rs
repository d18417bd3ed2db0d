//! The server's implementation of the pages' port: each call runs one service on the blocking
//! pool, and a service's error becomes the pages' [`AppError`] in one place ([`to_app_error`]).

use crate::auth::receipt::ReceiptSigner;
use crate::db::{DbConnection, DbPool};
use crate::services::appeals::{filing_form, queue, reading};
use crate::services::{
    agencies, calendar_page, citizen_data, decision_quality, decision_search, explanations,
    outbox_admin, register_browse, register_drafts, register_flags, stats, two_factor,
    ServiceError,
};
use crate::telemetry::new_reference;
use actix_web::web;
use app::api::AppError;
use app::port::{CitizenEmail, DecisionViewer, Portal, StaffPrincipal, TwoFactorViewer};
use app::types::{
    AgencyCalendarView, AgencyOverview, AppealFilters, AppealQueue, AppealView, ChallengeForm,
    CitizenHome, DecisionFilters, DecisionList, DraftReview, DraftSummary, Explanation, MyData,
    OutboxView, ReceiptCheck, RegisterEntry, RegisterFilters, RegisterFlagView, RegisterList,
    StaffAccounts, StaffHome, StatsFilters, StatsReport, TwoFactorView,
};
use std::sync::Arc;

/// The portal over the database.
pub struct DbPortal {
    pool: DbPool,
    receipts: Arc<ReceiptSigner>,
    /// The filing form's evidence limits: (files, megabytes per file).
    evidence_limits: (usize, usize),
    stats: crate::config::StatsSettings,
    /// Opens the sealed TOTP secrets for the enrolment page.
    keys: crate::keys::Keys,
    two_factor: crate::config::TwoFactorSettings,
}

/// What the two-factor pages need besides the database.
pub struct TwoFactorContext {
    pub keys: crate::keys::Keys,
    pub settings: crate::config::TwoFactorSettings,
}

impl DbPortal {
    /// A portal reading from `pool`, checking receipts with `receipts`.
    pub fn new(
        pool: DbPool,
        receipts: Arc<ReceiptSigner>,
        evidence_limits: (usize, usize),
        stats: crate::config::StatsSettings,
        two_factor: TwoFactorContext,
    ) -> DbPortal {
        DbPortal {
            pool,
            receipts,
            evidence_limits,
            stats,
            keys: two_factor.keys,
            two_factor: two_factor.settings,
        }
    }

    /// Runs `work` on the blocking pool with a connection of its own.
    async fn run<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ServiceError> + Send + 'static,
    {
        let pool = self.pool.clone();
        let outcome = web::block(move || -> Result<T, ServiceError> {
            let mut conn = pool.get().map_err(anyhow::Error::from)?;
            work(&mut conn)
        })
        .await;
        match outcome {
            Ok(result) => result.map_err(to_app_error),
            Err(error) => Err(unexpected(anyhow::anyhow!(error))),
        }
    }
}

/// What the pages see of a service's error. Pages only read, so a refusal of input cannot
/// arise from them: should one, it is a bug and is logged like any other.
fn to_app_error(error: ServiceError) -> AppError {
    match error {
        ServiceError::NotFound => AppError::NotFound,
        ServiceError::Unexpected(error) => unexpected(error),
        refused @ (ServiceError::Invalid(_) | ServiceError::Conflict { .. }) => {
            unexpected(anyhow::anyhow!("a page's query was refused: {refused:?}"))
        }
    }
}

fn unexpected(error: anyhow::Error) -> AppError {
    let reference = new_reference();
    tracing::error!(%reference, error = ?error, "unexpected error in portal");
    AppError::Unexpected { reference }
}

#[async_trait::async_trait]
impl Portal for DbPortal {
    async fn password_strength(
        &self,
        principal: &StaffPrincipal,
        candidate: &str,
    ) -> Result<u8, AppError> {
        let known = [
            principal.identity.email.as_str(),
            principal.identity.display_name.as_str(),
        ];
        Ok(crate::auth::password::strength(candidate, &known))
    }

    async fn two_factor(&self, viewer: TwoFactorViewer) -> Result<TwoFactorView, AppError> {
        let key = two_factor::key_of(&self.keys);
        let settings = self.two_factor.clone();
        self.run(move |conn| {
            let (user_id, during_sign_in) = match &viewer {
                TwoFactorViewer::Staff(principal) => (principal.user_id, false),
                TwoFactorViewer::SigningIn(step) if step.enrolling => (step.user_id, true),
                TwoFactorViewer::SigningIn(_) => return Err(ServiceError::NotFound),
            };
            let account = crate::db::models::user::find_by_id(conn, user_id)?
                .ok_or(ServiceError::NotFound)?;
            if let TwoFactorViewer::SigningIn(step) = &viewer {
                if !crate::services::staff_sessions::step_holds(&account, step.auth_time)
                    || two_factor::pending_enrolment(conn, account.id)? != step.enrolment
                {
                    // The step lapsed, or a later sign-in began another enrolment.
                    return Ok(None);
                }
            }
            two_factor::view(conn, &key, &settings, &account, during_sign_in).map(Some)
        })
        .await?
        .ok_or(AppError::NotSignedIn)
    }

    async fn staff_accounts(&self, principal: &StaffPrincipal) -> Result<StaffAccounts, AppError> {
        let principal = principal.clone();
        let settings = self.two_factor.clone();
        self.run(move |conn| two_factor::accounts(conn, &settings, &principal))
            .await
    }

    async fn staff_home(&self, principal: &StaffPrincipal) -> Result<StaffHome, AppError> {
        let principal = principal.clone();
        self.run(move |conn| agencies::staff_home(conn, &principal))
            .await
    }

    async fn register_list(&self, filters: RegisterFilters) -> Result<RegisterList, AppError> {
        self.run(move |conn| register_browse::list(conn, &filters))
            .await
    }

    async fn register_entry(
        &self,
        slug: &str,
        version: Option<i32>,
    ) -> Result<RegisterEntry, AppError> {
        let slug = slug.to_string();
        self.run(move |conn| register_browse::entry(conn, &slug, version))
            .await
    }

    async fn system_quality(&self, slug: &str) -> Result<app::types::SystemQuality, AppError> {
        let slug = slug.to_string();
        self.run(move |conn| decision_quality::of_system(conn, &slug))
            .await
    }

    async fn quality_review(
        &self,
        principal: &StaffPrincipal,
        slug: &str,
    ) -> Result<app::types::QualityReview, AppError> {
        let (principal, slug) = (principal.clone(), slug.to_string());
        self.run(move |conn| decision_quality::review(conn, &principal, &slug))
            .await
    }

    async fn explanation(
        &self,
        viewer: DecisionViewer,
        reference: &str,
    ) -> Result<Explanation, AppError> {
        let reference = reference.to_string();
        self.run(move |conn| {
            explanations::for_viewer(conn, &viewer, &reference)?.ok_or(ServiceError::NotFound)
        })
        .await
    }

    async fn staff_decisions(
        &self,
        principal: &StaffPrincipal,
        filters: DecisionFilters,
    ) -> Result<DecisionList, AppError> {
        let principal = principal.clone();
        self.run(move |conn| decision_search::list(conn, &principal, &filters))
            .await
    }

    async fn editable_entry(
        &self,
        principal: &StaffPrincipal,
        slug: &str,
    ) -> Result<RegisterEntry, AppError> {
        let principal = principal.clone();
        let slug = slug.to_string();
        self.run(move |conn| register_browse::editable(conn, &principal, &slug))
            .await
    }

    async fn register_drafts(
        &self,
        principal: &StaffPrincipal,
    ) -> Result<Vec<DraftSummary>, AppError> {
        let principal = principal.clone();
        self.run(move |conn| register_drafts::list(conn, &principal))
            .await
    }

    async fn register_draft(
        &self,
        principal: &StaffPrincipal,
        slug: &str,
    ) -> Result<DraftReview, AppError> {
        let principal = principal.clone();
        let slug = slug.to_string();
        self.run(move |conn| register_drafts::review(conn, &principal, &slug))
            .await
    }

    async fn register_flags(
        &self,
        principal: &StaffPrincipal,
    ) -> Result<Vec<RegisterFlagView>, AppError> {
        let principal = principal.clone();
        self.run(move |conn| register_flags::for_principal(conn, &principal))
            .await
    }

    async fn staff_agency(
        &self,
        principal: &StaffPrincipal,
        slug: &str,
    ) -> Result<AgencyOverview, AppError> {
        let principal = principal.clone();
        let slug = slug.to_string();
        self.run(move |conn| agencies::staff_agency(conn, &principal, &slug))
            .await
    }

    async fn challenge_form(
        &self,
        viewer: DecisionViewer,
        decision_reference: &str,
    ) -> Result<ChallengeForm, AppError> {
        let reference = decision_reference.to_string();
        let limits = self.evidence_limits;
        self.run(move |conn| {
            filing_form::challenge_form(conn, &viewer, &reference, limits, chrono::Utc::now())
        })
        .await
    }

    async fn appeal(
        &self,
        viewer: DecisionViewer,
        reference: &str,
    ) -> Result<AppealView, AppError> {
        let reference = reference.to_string();
        self.run(move |conn| {
            reading::for_viewer(conn, &viewer, &reference, chrono::Utc::now())?
                .ok_or(ServiceError::NotFound)
        })
        .await
    }

    async fn appeal_queue(
        &self,
        principal: &StaffPrincipal,
        filters: AppealFilters,
    ) -> Result<AppealQueue, AppError> {
        let principal = principal.clone();
        self.run(move |conn| queue::list(conn, &principal, &filters, chrono::Utc::now()))
            .await
    }

    async fn agency_calendar(
        &self,
        principal: &StaffPrincipal,
        slug: &str,
        year: i32,
    ) -> Result<AgencyCalendarView, AppError> {
        let principal = principal.clone();
        let slug = slug.to_string();
        self.run(move |conn| calendar_page::view(conn, &principal, &slug, year))
            .await
    }

    async fn verify_receipt(&self, receipt: &str) -> Result<ReceiptCheck, AppError> {
        Ok(filing_form::verify_receipt(&self.receipts, receipt))
    }

    async fn citizen_home(&self, citizen: &CitizenEmail) -> Result<CitizenHome, AppError> {
        let email = citizen.email.clone();
        self.run(move |conn| Ok(citizen_data::home(conn, &email)?))
            .await
    }

    async fn my_data(&self, citizen: &CitizenEmail) -> Result<MyData, AppError> {
        let email = citizen.email.clone();
        self.run(move |conn| Ok(citizen_data::my_data(conn, &email, chrono::Utc::now())?))
            .await
    }

    async fn outbox(
        &self,
        principal: &StaffPrincipal,
        status: &str,
    ) -> Result<OutboxView, AppError> {
        let role = principal.role;
        let status = status.to_string();
        self.run(move |conn| outbox_admin::view(conn, role, &status, chrono::Utc::now()))
            .await
    }

    async fn stats(
        &self,
        principal: Option<&StaffPrincipal>,
        filters: StatsFilters,
    ) -> Result<StatsReport, AppError> {
        let viewer = match principal {
            None => stats::StatsViewer::public(),
            Some(p) => stats::StatsViewer::staff(p.role, p.agency_id).map_err(to_app_error)?,
        };
        let settings = self.stats.clone();
        self.run(move |conn| {
            stats::report(
                conn,
                &viewer,
                &filters,
                settings.today(chrono::Utc::now()),
                &settings,
                stats::Strictness::LeaveOut,
            )
        })
        .await
    }
}
