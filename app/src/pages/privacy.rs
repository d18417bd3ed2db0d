//! `/privacy`: what the portal keeps about a citizen, why, and for how long.

use crate::context::use_locale;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

/// The privacy notice.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    let locale = use_locale();
    let section = move |title: &'static str, body: &'static str| {
        view! {
            <section>
                <h2>{title}</h2>
                <p>{body}</p>
            </section>
        }
    };
    view! {
        <Title text=tr!(locale, privacy_title) />
        <div class="prose">
            <h1>{tr!(locale, privacy_title)}</h1>
            <p class="lead">{tr!(locale, privacy_intro)}</p>
            {section(tr!(locale, privacy_what_title), tr!(locale, privacy_what_body))}
            {section(tr!(locale, privacy_why_title), tr!(locale, privacy_why_body))}
            {section(tr!(locale, privacy_how_long_title), tr!(locale, privacy_how_long_body))}
            {section(tr!(locale, privacy_removed_title), tr!(locale, privacy_removed_body))}
            {section(tr!(locale, privacy_who_title), tr!(locale, privacy_who_body))}
            {section(tr!(locale, privacy_rights_title), tr!(locale, privacy_rights_body))}
            {section(tr!(locale, privacy_cookies_title), tr!(locale, privacy_cookies_body))}
        </div>
    }
}
