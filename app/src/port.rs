//! The port between pages and the server's services. The server crate implements
//! [`Portal`] and hands it to Leptos through context; `app` never depends on `server`.

use crate::api::AppError;
use crate::types::{AgencyOverview, Role, StaffHome, StaffIdentity};
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
}

/// The portal as it travels through Leptos's context.
pub type SharedPortal = Arc<dyn Portal>;

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
