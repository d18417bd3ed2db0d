//! What the server knows about a request that every page needs: language, CSRF token,
//! flash of the last form post, and who is signed in. Rendered once on the server and
//! shipped to the client with the page, so hydration sees the same values.

use crate::i18n::Locale;
use crate::types::{Flash, StaffIdentity};
#[cfg(feature = "ssr")]
use actix_web::HttpMessage;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Per-request facts, put into the request's extensions by the server's middleware.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PageContext {
    pub locale: Locale,
    pub default_locale: Locale,
    pub csrf_token: String,
    pub flash: Option<Flash>,
    pub staff: Option<StaffIdentity>,
    /// The decision this browser opened with "Find my decision", if any.
    pub citizen_reference: Option<String>,
}

/// Reads the server's [`PageContext`] during SSR; the client receives the same value.
pub fn provide_page_context() -> PageContext {
    let shared = SharedValue::new(server_page_context);
    let context = shared.into_inner();
    provide_context(context.clone());
    context
}

#[cfg(feature = "ssr")]
fn server_page_context() -> PageContext {
    use_context::<leptos_actix::Request>()
        .and_then(|request| request.extensions().get::<PageContext>().cloned())
        .unwrap_or_default()
}

#[cfg(not(feature = "ssr"))]
fn server_page_context() -> PageContext {
    PageContext::default()
}

/// The page context provided by [`provide_page_context`].
pub fn use_page_context() -> PageContext {
    use_context::<PageContext>().unwrap_or_default()
}

/// The reader's language.
pub fn use_locale() -> Locale {
    use_page_context().locale
}
