//! The localised "page not found", answered with status 404.

use crate::context::use_locale;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

/// Marks the response as 404 while the server renders it.
pub fn set_not_found_status() {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_actix::ResponseOptions>() {
        response.set_status(actix_web::http::StatusCode::NOT_FOUND);
    }
}

/// Shown for any address the portal does not know, and for records a person may not see.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_not_found_status();
    let locale = use_locale();
    view! {
        <Title text=tr!(locale, not_found_title) />
        <h1>{tr!(locale, not_found_title)}</h1>
        <p>{tr!(locale, not_found_body)}</p>
        <p><a href="/">{tr!(locale, back_home)}</a></p>
    }
}
