//! The port between pages and the server's services. The server crate implements
//! [`Portal`] and hands it to Leptos through context; `app` never depends on `server`.

use crate::api::AppError;
use crate::types::{
    AgencyCalendarView, AgencyOverview, AppealFilters, AppealQueue, AppealView, ChallengeForm,
    CitizenHome, DecisionFilters, DecisionList, DraftReview, DraftSummary, Explanation, MyData,
    OutboxView, ReceiptCheck, RegisterEntry, RegisterFilters, RegisterFlagView, RegisterList, Role,
    StaffAccounts, StaffHome, StaffIdentity, StatsFilters, StatsReport, TwoFactorView,
};
#[cfg(feature = "ssr")]
use actix_web::HttpMessage;
use leptos::prelude::*;
use std::sync::Arc;

/// A verified staff session, put into the request's extensions by the server's middleware.
#[derive(Clone, Debug)]
pub struct StaffPrincipal {
    pub user_id: i64,
    pub session_id: String,
    pub role: Role,
    /// The one agency of a reviewer or supervisor; `None` for ombudsmen and admins.
    pub agency_id: Option<i64>,
    pub identity: StaffIdentity,
}

/// A staff member between password and one-time code, put into the request's extensions by
/// the server's middleware on the sign-in pages only. It signs nobody in.
#[derive(Clone, Debug)]
pub struct SignInStep {
    pub user_id: i64,
    /// When the password was checked.
    pub auth_time: i64,
    /// Whether they must set up an authenticator (rather than type a code from one).
    pub enrolling: bool,
    /// The enrolment this sign-in began: the only one its page may show.
    pub enrolment: Option<i64>,
}

/// Whose two-factor page is asked for.
#[derive(Clone, Debug)]
pub enum TwoFactorViewer {
    Staff(StaffPrincipal),
    SigningIn(SignInStep),
}

/// A citizen's access to one decision, opened with its reference and access code.
#[derive(Clone, Debug)]
pub struct CitizenAccess {
    pub reference: String,
}

/// A citizen signed in by email (a single-use link): they see every decision whose subject
/// contact is this address and every appeal filed with it.
#[derive(Clone, Debug)]
pub struct CitizenEmail {
    /// The address, trimmed and in lower case.
    pub email: String,
}

/// Who is asking to read a decision.
#[derive(Clone, Debug)]
pub enum DecisionViewer {
    Citizen(CitizenAccess),
    Staff(StaffPrincipal),
}

/// What pages may ask of the server. Every method scopes its data to the principal.
#[async_trait::async_trait]
pub trait Portal: Send + Sync + 'static {
    /// The principal's home page data.
    async fn staff_home(&self, principal: &StaffPrincipal) -> Result<StaffHome, AppError>;
    /// One agency the principal may see; `NotFound` otherwise.
    async fn staff_agency(
        &self,
        principal: &StaffPrincipal,
        slug: &str,
    ) -> Result<AgencyOverview, AppError>;
    /// The public register, filtered.
    async fn register_list(&self, filters: RegisterFilters) -> Result<RegisterList, AppError>;
    /// One register entry at `version` (the current one if `None`).
    async fn register_entry(
        &self,
        slug: &str,
        version: Option<i32>,
    ) -> Result<RegisterEntry, AppError>;
    /// The quality score of a system in the register; `NotFound` if there is none.
    async fn system_quality(&self, slug: &str) -> Result<crate::types::SystemQuality, AppError>;
    /// A system's quality score with its worst examples, for a supervisor of the agency that
    /// owns it; `NotFound` otherwise.
    async fn quality_review(
        &self,
        principal: &StaffPrincipal,
        slug: &str,
    ) -> Result<crate::types::QualityReview, AppError>;
    /// A decision's explanation, if the viewer may read it; `NotFound` otherwise.
    async fn explanation(
        &self,
        viewer: DecisionViewer,
        reference: &str,
    ) -> Result<Explanation, AppError>;
    /// The principal's agency's decisions (all agencies for ombudsmen and admins).
    async fn staff_decisions(
        &self,
        principal: &StaffPrincipal,
        filters: DecisionFilters,
    ) -> Result<DecisionList, AppError>;
    /// The current version of an entry the principal may edit (a supervisor of its agency).
    async fn editable_entry(
        &self,
        principal: &StaffPrincipal,
        slug: &str,
    ) -> Result<RegisterEntry, AppError>;
    /// The register drafts of the principal's agency (supervisors only; `NotFound` otherwise).
    async fn register_drafts(
        &self,
        principal: &StaffPrincipal,
    ) -> Result<Vec<DraftSummary>, AppError>;
    /// One draft of the principal's agency with what it changes (supervisors only).
    async fn register_draft(
        &self,
        principal: &StaffPrincipal,
        slug: &str,
    ) -> Result<DraftReview, AppError>;
    /// Error reports on the principal's agency's register entries (supervisors and above).
    async fn register_flags(
        &self,
        principal: &StaffPrincipal,
    ) -> Result<Vec<RegisterFlagView>, AppError>;
    /// The filing form for a decision the citizen opened; `NotSignedIn` without that access.
    async fn challenge_form(
        &self,
        viewer: DecisionViewer,
        decision_reference: &str,
    ) -> Result<ChallengeForm, AppError>;
    /// An appeal as the viewer may see it: the citizen of its decision, staff of its agency,
    /// an ombudsman. Staff views are recorded in the audit log. `NotFound` otherwise.
    async fn appeal(&self, viewer: DecisionViewer, reference: &str)
        -> Result<AppealView, AppError>;
    /// The principal's queue: their agency's appeals, or escalations for an ombudsman.
    async fn appeal_queue(
        &self,
        principal: &StaffPrincipal,
        filters: AppealFilters,
    ) -> Result<AppealQueue, AppError>;
    /// An agency's calendar for `year`, for administrators; `NotFound` for everyone else.
    async fn agency_calendar(
        &self,
        principal: &StaffPrincipal,
        slug: &str,
        year: i32,
    ) -> Result<AgencyCalendarView, AppError>;
    /// Checks a pasted filing receipt against the portal's receipt key.
    async fn verify_receipt(&self, receipt: &str) -> Result<ReceiptCheck, AppError>;
    /// The decisions and appeals of a citizen signed in by email.
    async fn citizen_home(&self, citizen: &CitizenEmail) -> Result<CitizenHome, AppError>;
    /// Everything the portal holds about a citizen signed in by email.
    async fn my_data(&self, citizen: &CitizenEmail) -> Result<MyData, AppError>;
    /// The outbox for an admin: counts and the messages of one status (`queued`, `failed`,
    /// `sent`); `NotFound` for everyone else.
    async fn outbox(
        &self,
        principal: &StaffPrincipal,
        status: &str,
    ) -> Result<OutboxView, AppError>;
    /// The redress statistics: public (small counts suppressed) when `principal` is `None`;
    /// exact for an ombudsman or admin; exact for a supervisor's own state body only;
    /// `NotFound` for a reviewer. A filter that cannot be read (a month not `YYYY-MM`, an
    /// unknown slug) is left out, so a hand-edited address still shows figures.
    async fn stats(
        &self,
        principal: Option<&StaffPrincipal>,
        filters: StatsFilters,
    ) -> Result<StatsReport, AppError>;
    /// How hard `candidate` would be to guess as `principal`'s new password, from 0 (very
    /// weak) to 4 (strong): the change-password page's strength meter.
    async fn password_strength(
        &self,
        principal: &StaffPrincipal,
        candidate: &str,
    ) -> Result<u8, AppError>;
    /// A staff member's own two-factor page; during a sign-in, only while it waits for an
    /// authenticator the role requires (`NotSignedIn` otherwise).
    async fn two_factor(&self, viewer: TwoFactorViewer) -> Result<TwoFactorView, AppError>;
    /// Every staff account with its two-factor state: admins only (`NotFound` for others).
    async fn staff_accounts(&self, principal: &StaffPrincipal) -> Result<StaffAccounts, AppError>;
}

/// The portal as it travels through Leptos's context.
pub type SharedPortal = Arc<dyn Portal>;

/// The portal from context.
pub fn portal() -> Result<SharedPortal, AppError> {
    use_context::<SharedPortal>().ok_or_else(|| AppError::Unexpected {
        reference: "no-portal".into(),
    })
}

/// Who may read decisions in this request: a signed-in staff member first, else the citizen.
pub fn decision_viewer() -> Option<DecisionViewer> {
    let request = use_context::<leptos_actix::Request>()?;
    let extensions = request.extensions();
    if let Some(principal) = extensions.get::<StaffPrincipal>() {
        return Some(DecisionViewer::Staff(principal.clone()));
    }
    extensions
        .get::<CitizenAccess>()
        .cloned()
        .map(DecisionViewer::Citizen)
}

/// Who runs the portal, as configured: the privacy notice and the accessibility statement
/// name them.
pub fn operator_details() -> crate::types::OperatorDetails {
    use_context::<leptos_actix::Request>()
        .and_then(|request| {
            request
                .extensions()
                .get::<crate::types::OperatorDetails>()
                .cloned()
        })
        .unwrap_or_default()
}

/// The citizen signed in by email in this request, if any.
pub fn citizen_email() -> Option<CitizenEmail> {
    let request = use_context::<leptos_actix::Request>()?;
    let extensions = request.extensions();
    extensions.get::<CitizenEmail>().cloned()
}

/// Whose two-factor page this request may show: the signed-in staff member, else the one
/// between password and code.
pub fn two_factor_viewer() -> Option<TwoFactorViewer> {
    let request = use_context::<leptos_actix::Request>()?;
    let extensions = request.extensions();
    if let Some(principal) = extensions.get::<StaffPrincipal>() {
        return Some(TwoFactorViewer::Staff(principal.clone()));
    }
    extensions
        .get::<SignInStep>()
        .cloned()
        .map(TwoFactorViewer::SigningIn)
}

/// The portal from context and the signed-in principal from the request.
pub fn portal_and_principal() -> Result<(SharedPortal, StaffPrincipal), AppError> {
    let portal = use_context::<SharedPortal>().ok_or_else(|| AppError::Unexpected {
        reference: "no-portal".into(),
    })?;
    let principal = use_context::<leptos_actix::Request>()
        .and_then(|request| request.extensions().get::<StaffPrincipal>().cloned())
        .ok_or(AppError::NotSignedIn)?;
    Ok((portal, principal))
}
