//! `/ombudsman`: appeals escalated to the Human Rights Commissioner, from every state body,
//! the nearest deadline first. Each opens the same case page as the agency's staff use.

use crate::pages::staff_appeals::{AppealQueuePage, QueueKind};
use leptos::prelude::*;

/// The Human Rights Commissioner's queue of escalations.
#[component]
pub fn OmbudsmanPage() -> impl IntoView {
    view! { <AppealQueuePage kind=QueueKind::Ombudsman /> }
}
