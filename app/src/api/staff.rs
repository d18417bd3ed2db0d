//! Server functions behind the staff pages.

use super::AppError;
use crate::types::{AgencyOverview, StaffHome};
use leptos::prelude::*;

/// The signed-in person's home: their agency (or every agency) and its AI systems.
#[server(prefix = "/rpc", endpoint = "staff_home")]
pub async fn load_staff_home() -> Result<StaffHome, AppError> {
    let (portal, principal) = crate::port::portal_and_principal()?;
    portal.staff_home(&principal).await
}

/// One agency and its AI systems, if the signed-in person may see it.
#[server(prefix = "/rpc", endpoint = "staff_agency")]
pub async fn load_staff_agency(slug: String) -> Result<AgencyOverview, AppError> {
    let (portal, principal) = crate::port::portal_and_principal()?;
    portal.staff_agency(&principal, &slug).await
}
