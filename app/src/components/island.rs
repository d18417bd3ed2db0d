//! What the interactive islands share. Only `#[island]` components reach the browser; the rest
//! of each page is rendered on the server and never hydrated.

use crate::context::PageContext;
use crate::i18n::Locale;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The part of the page's context a form island needs. The page context itself stays on the
/// server (it names the signed-in person), so an island receives this as a serialized prop.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormContext {
    pub locale: Locale,
    pub csrf_token: String,
}

impl FormContext {
    /// Taken from the page's context while the server renders the page.
    pub fn from_page(page: &PageContext) -> FormContext {
        FormContext {
            locale: page.locale,
            csrf_token: page.csrf_token.clone(),
        }
    }

    /// Makes `use_page_context` inside the island see the language and token, on the server
    /// and in the browser alike, so both render the same HTML.
    pub fn provide(self) {
        provide_context(PageContext {
            locale: self.locale,
            csrf_token: self.csrf_token,
            ..PageContext::default()
        });
    }
}

/// Marks `<html data-hydrated>` once an island has been hydrated by the WebAssembly client, so
/// tests (and styles, if ever needed) can tell a page whose interactive parts run from plain
/// server HTML.
pub fn mark_hydrated() {
    Effect::new(|_| {
        #[cfg(feature = "hydrate")]
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
}
