//! `/privacy`: what the portal keeps about a citizen, why, for how long, who can open it, and
//! who is responsible. "Who can open it" follows the code: a citizen opens one decision with its
//! reference and code (`services/access.rs`) or, signed in by email, the decisions and appeals of
//! that address (`services/citizen_data.rs`); reviewers and supervisors only their own state
//! body's (`services/explanations.rs`, `services/appeals/reading.rs`); ombudsmen and admins
//! every state body's; each staff view of a decision is audited. Retention: docs/security.md.

use crate::context::use_locale;
use crate::pages::accessibility::{configured_operator, mail_link, operator_text};
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

/// The privacy notice.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    let locale = use_locale();
    let operator = configured_operator();
    let section = move |title: &'static str, body: &'static str| {
        view! {
            <section>
                <h2>{title}</h2>
                <p>{body}</p>
            </section>
        }
    };
    let who = [
        (
            tr!(locale, privacy_who_citizen_title),
            tr!(locale, privacy_who_citizen_body),
        ),
        (
            tr!(locale, privacy_who_agency_title),
            tr!(locale, privacy_who_agency_body),
        ),
        (
            tr!(locale, privacy_who_ombudsman_title),
            tr!(locale, privacy_who_ombudsman_body),
        ),
        (
            tr!(locale, privacy_who_admin_title),
            tr!(locale, privacy_who_admin_body),
        ),
    ];
    let controller = match operator_text(&operator.controller, locale) {
        Some(name) => view! {
            <p>{tr!(locale, privacy_controller_body)}" "<strong>{name}</strong></p>
            {operator_text(&operator.address, locale).map(|address| view! {
                <p>{tr!(locale, privacy_controller_address)}" "{address}</p>
            })}
        }
        .into_any(),
        None => view! { <p>{tr!(locale, privacy_controller_unset)}</p> }.into_any(),
    };
    let contact = operator
        .data_contact()
        .map(|address| view! { <p>{tr!(locale, privacy_contact_body)}" "{mail_link(address)}</p> });
    view! {
        <Title text=tr!(locale, privacy_title) />
        <div class="prose">
            <h1>{tr!(locale, privacy_title)}</h1>
            <p class="lead">{tr!(locale, privacy_intro)}</p>
            {section(tr!(locale, privacy_what_title), tr!(locale, privacy_what_body))}
            {section(tr!(locale, privacy_why_title), tr!(locale, privacy_why_body))}
            <section aria-labelledby="privacy-who">
                <h2 id="privacy-who">{tr!(locale, privacy_who_title)}</h2>
                <dl class="privacy-who">
                    {who.into_iter().map(|(title, body)| view! { <dt>{title}</dt><dd>{body}</dd> }).collect_view()}
                </dl>
                <p>{tr!(locale, privacy_who_audit)}</p>
            </section>
            {section(tr!(locale, privacy_how_long_title), tr!(locale, privacy_how_long_body))}
            {section(tr!(locale, privacy_removed_title), tr!(locale, privacy_removed_body))}
            <section aria-labelledby="privacy-controller">
                <h2 id="privacy-controller">{tr!(locale, privacy_controller_title)}</h2>
                {controller}
                {contact}
            </section>
            {section(tr!(locale, privacy_rights_title), tr!(locale, privacy_rights_body))}
            {section(tr!(locale, privacy_cookies_title), tr!(locale, privacy_cookies_body))}
        </div>
    }
}
