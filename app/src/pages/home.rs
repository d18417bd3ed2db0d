//! The front door: what Redress is and where each person goes next.

use crate::context::use_page_context;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let staff_link = if context.staff.is_some() {
        "/staff"
    } else {
        "/staff/signin"
    };
    view! {
        <Title text="" />
        <section class="hero">
            <h1>{tr!(locale, home_title)}</h1>
            <p class="lead">{tr!(locale, home_lead)}</p>
            <p><a class="button button-large" href="/find">{tr!(locale, home_find_button)}</a></p>
        </section>
        <section class="steps" aria-labelledby="how-title">
            <h2 id="how-title">{tr!(locale, home_how_title)}</h2>
            <ol class="step-list">
                <li><h3>{tr!(locale, home_step1_title)}</h3><p>{tr!(locale, home_step1_body)}</p></li>
                <li><h3>{tr!(locale, home_step2_title)}</h3><p>{tr!(locale, home_step2_body)}</p></li>
                <li><h3>{tr!(locale, home_step3_title)}</h3><p>{tr!(locale, home_step3_body)}</p></li>
            </ol>
        </section>
        <section class="panel" aria-labelledby="rights-title">
            <h2 id="rights-title">{tr!(locale, home_rights_title)}</h2>
            <p>{tr!(locale, home_rights_body)}</p>
        </section>
        <section class="panel" aria-labelledby="register-title">
            <h2 id="register-title">{tr!(locale, home_register_title)}</h2>
            <p>{tr!(locale, home_register_body)}</p>
            <p><a href="/register">{tr!(locale, home_register_link)}</a></p>
        </section>
        <section class="panel panel-quiet" aria-labelledby="staff-title">
            <h2 id="staff-title">{tr!(locale, home_staff_title)}</h2>
            <p>{tr!(locale, home_staff_body)}</p>
            <p><a class="button button-secondary" href=staff_link>{tr!(locale, home_staff_link)}</a></p>
        </section>
    }
}
