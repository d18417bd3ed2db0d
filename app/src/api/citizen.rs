//! Server functions behind the pages of a citizen signed in by email, and the admin's outbox.

use super::AppError;
use crate::types::{CitizenHome, MyData, OutboxView};
use leptos::prelude::*;

/// The signed-in citizen's decisions and appeals.
#[server(prefix = "/rpc", endpoint = "citizen_home")]
pub async fn load_citizen_home() -> Result<CitizenHome, AppError> {
    let citizen = crate::port::citizen_email().ok_or(AppError::NotSignedIn)?;
    crate::port::portal()?.citizen_home(&citizen).await
}

/// Everything the portal holds about the signed-in citizen.
#[server(prefix = "/rpc", endpoint = "my_data")]
pub async fn load_my_data() -> Result<MyData, AppError> {
    let citizen = crate::port::citizen_email().ok_or(AppError::NotSignedIn)?;
    crate::port::portal()?.my_data(&citizen).await
}

/// The outbox for an admin: the counts and the messages of one status.
#[server(prefix = "/rpc", endpoint = "outbox")]
pub async fn load_outbox(status: String) -> Result<OutboxView, AppError> {
    let (portal, principal) = crate::port::portal_and_principal()?;
    portal.outbox(&principal, &status).await
}
