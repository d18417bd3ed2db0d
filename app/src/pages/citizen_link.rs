//! `/signin/link?token=…`: the page a sign-in email's link opens. Signing in takes a press of
//! the button (a form post), so a mail scanner that opens links does not use the single-use
//! link up.

use crate::components::form::CsrfField;
use crate::context::use_page_context;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

/// The sign-in link's page.
#[component]
pub fn CitizenLinkPage() -> impl IntoView {
    let query = use_query_map();
    let token = query.read_untracked().get("token").unwrap_or_default();
    view! { <CitizenLinkView token /> }
}

/// The page for a link's token: the button, or what to do when the token is missing.
#[component]
pub fn CitizenLinkView(token: String) -> impl IntoView {
    let locale = use_page_context().locale;
    view! {
        <EmailLinkForm
            token
            title=tr!(locale, citizen_link_title)
            body=tr!(locale, citizen_link_body)
            action="/signin/link"
            submit=tr!(locale, sign_in)
        />
    }
}

/// One button posting a single-use link's `token` to `action`, with the reason for the
/// button; a short message and the way to a new link when the token is missing.
#[component]
pub fn EmailLinkForm(
    token: String,
    title: &'static str,
    body: &'static str,
    action: &'static str,
    submit: &'static str,
) -> impl IntoView {
    let locale = use_page_context().locale;
    let token = token.trim().to_string();
    // The token sits in this page's address: it is not sent on to any other page.
    let no_referrer = view! { <Meta name="referrer" content="no-referrer" /> };
    if token.is_empty() {
        return view! {
            {no_referrer}
            <Title text=tr!(locale, email_link_missing_title) />
            <div class="narrow">
                <h1>{tr!(locale, email_link_missing_title)}</h1>
                <p>{tr!(locale, email_link_missing_body)}</p>
                <p><a class="button" href="/signin">{tr!(locale, email_link_ask_new)}</a></p>
            </div>
        }
        .into_any();
    }
    view! {
        {no_referrer}
        <Title text=title />
        <div class="narrow">
            <h1>{title}</h1>
            <p class="lead">{body}</p>
            <form method="post" action=action>
                <CsrfField />
                <input type="hidden" name="token" value=token />
                <button type="submit" class="button button-large">{submit}</button>
            </form>
            <p class="hint">{tr!(locale, email_link_why)}</p>
        </div>
    }
    .into_any()
}
