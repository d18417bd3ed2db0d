//! What the server knows about a request that every page needs: language, CSRF token,
//! flash of the last form post, and who is signed in. Pages render on the server only, so it
//! is never shipped to the browser; an island gets the little it needs as a prop
//! (`components::island::FormContext`).

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

/// Reads the server's [`PageContext`] during SSR and provides it to the page's components.
pub fn provide_page_context() -> PageContext {
    let context = server_page_context();
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
