//! `/confirm?token=…`: the page the link in a "confirm your address" email opens. Like the
//! sign-in link, it takes a press of the button, so a mail scanner cannot use the link up.

use crate::context::use_page_context;
use crate::pages::citizen_link::EmailLinkForm;
use crate::tr;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The address confirmation page.
#[component]
pub fn ConfirmAddressPage() -> impl IntoView {
    let query = use_query_map();
    let token = query.read_untracked().get("token").unwrap_or_default();
    view! { <ConfirmAddressView token /> }
}

/// The confirmation button for a link's token.
#[component]
pub fn ConfirmAddressView(token: String) -> impl IntoView {
    let locale = use_page_context().locale;
    view! {
        <EmailLinkForm
            token
            title=tr!(locale, confirm_title)
            body=tr!(locale, confirm_body)
            action="/confirm"
            submit=tr!(locale, confirm_submit)
        />
    }
}
