//! The Leptos application of Redress: pages, components, DTOs, and the thin
//! server functions that call the [`port::Portal`] implemented by the server crate.

// Leptos views nest deeply in their types; the explanation page needs more than the default.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod components;
pub mod context;
pub mod i18n;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod port;
pub mod types;

/// Entry point of the WebAssembly client. Pages are server-rendered and work without it; the
/// script Leptos puts in the page calls this, then hydrates each `#[island]` it finds (the only
/// interactive parts), so the rest of the page's code never reaches the browser.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
