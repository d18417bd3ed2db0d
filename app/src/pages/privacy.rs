//! `/privacy`: what the portal keeps about a citizen, why, and for how long.

use crate::context::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

/// The privacy notice.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    let locale = use_locale();
    let section = move |title: &'static str, body: &'static str| {
        view! {
            <section>
                <h2>{locale.t(title)}</h2>
                <p>{locale.t(body)}</p>
            </section>
        }
    };
    view! {
        <Title text=locale.t("privacy_title") />
        <div class="prose">
            <h1>{locale.t("privacy_title")}</h1>
            <p class="lead">{locale.t("privacy_intro")}</p>
            {section("privacy_what_title", "privacy_what_body")}
            {section("privacy_why_title", "privacy_why_body")}
            {section("privacy_how_long_title", "privacy_how_long_body")}
            {section("privacy_who_title", "privacy_who_body")}
            {section("privacy_rights_title", "privacy_rights_body")}
            {section("privacy_cookies_title", "privacy_cookies_body")}
        </div>
    }
}
