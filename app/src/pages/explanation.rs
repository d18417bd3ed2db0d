//! `/d/{reference}`: a decision explained in plain language, ending in one clear next step.

use crate::api::load_explanation;
use crate::components::form::CsrfField;
use crate::components::reasons::DecisionReasons;
use crate::components::text::AgencyText;
use crate::context::use_page_context;
use crate::i18n::appeal_labels;
use crate::i18n::{counts, labels};
use crate::i18n::{format_date, format_value, pick_text, Locale};
use crate::pages::explanation_action::ActionSection;
use crate::pages::status::citizen_load_error;
use crate::tr;
use crate::types::{AgencyContact, AppealState, CalendarDate, Explanation, LocalizedText};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn date(locale: Locale, d: CalendarDate) -> String {
    format_date(locale, d.year, d.month, d.day)
}

/// The explanation page.
#[component]
pub fn ExplanationPage() -> impl IntoView {
    let locale = use_page_context().locale;
    let params = use_params_map();
    let explanation = Resource::new_blocking(
        move || params.read().get("reference").unwrap_or_default(),
        load_explanation,
    );
    view! {
        <Suspense fallback=move || view! { <p>{tr!(locale, loading)}</p> }>
            {move || Suspend::new(async move {
                match explanation.await {
                    Ok(explanation) => view! { <ExplanationView explanation /> }.into_any(),
                    Err(error) => citizen_load_error(locale, error),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ExplanationView(explanation: Explanation) -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let e = explanation;
    let title = format!("{} · {}", tr!(locale, explanation_title), e.reference);
    let system_href = format!("/register/{}?version={}", e.system_slug, e.system_version);
    let human = labels::human_involvement(locale, e.human_involvement);
    let decided = date(locale, e.decided_on);
    let until = date(locale, e.challenge_until);
    let challenge = Challenge {
        reference: e.reference.clone(),
        appeals: e.appeals.clone(),
        agency_name: e.agency_name.clone(),
        contact: e.agency_contact.clone(),
        open: e.challenge_open,
        window_months: e.challenge_window_months,
    };
    let retention = tr!(
        locale,
        explanation_retention,
        agency = pick_text(&e.agency_name, locale, context.default_locale).0,
        period = counts::retention_period(locale, e.retention_months)
    );
    let staff_note = e.viewed_by_staff.then(
        || view! { <p class="notice" role="status">{tr!(locale, explanation_staff_view)}</p> },
    );
    view! {
        <Title text=title />
        {staff_note}
        <p class="caption">{tr!(locale, explanation_caption)}" "<span class="reference-inline">{e.reference.clone()}</span></p>
        <h1>{tr!(locale, explanation_title)}</h1>
        <section class="outcome-panel" aria-labelledby="outcome-heading">
            <h2 id="outcome-heading" class="visually-hidden">{tr!(locale, explanation_outcome)}</h2>
            <p class="outcome-label"><AgencyText text=e.outcome_label /></p>
            <p>{tr!(locale, explanation_decided_on, date = decided, agency = pick_text(&e.agency_name, locale, context.default_locale).0)}</p>
        </section>
        <section aria-labelledby="summary-heading">
            <h2 id="summary-heading">{tr!(locale, explanation_summary)}</h2>
            <p class="lead"><AgencyText text=e.summary /></p>
        </section>
        {e.action.map(|action| view! { <ActionSection action /> })}
        {view! { <DecisionReasons factors=e.factors for_staff=e.viewed_by_staff /> }.into_any()}
        {(!e.counterfactuals.is_empty()).then(|| view! {
            <section aria-labelledby="counterfactual-heading">
                <h2 id="counterfactual-heading">{tr!(locale, explanation_counterfactuals)}</h2>
                <ul class="counterfactual-list">
                    {e.counterfactuals.into_iter().map(|c| {
                        let changes = c.changes.iter().map(|change| {
                            let (label, _) = pick_text(&change.label, locale, context.default_locale);
                            tr!(locale, counterfactual_change, factor = label, from = format_value(locale, &change.from, change.unit.as_deref()), to = format_value(locale, &change.to, change.unit.as_deref()))
                        }).collect::<Vec<_>>().join("; ");
                        let (result, _) = pick_text(&c.outcome_label, locale, context.default_locale);
                        view! { <li>{tr!(locale, counterfactual_sentence, changes = changes, outcome = result)}</li> }
                    }).collect_view()}
                </ul>
            </section>
        })}
        <section aria-labelledby="data-heading">
            <h2 id="data-heading">{tr!(locale, explanation_data)}</h2>
            <ul>
                {e.data_sources.into_iter().map(|d| view! {
                    <li><AgencyText text=d.category />" — "<AgencyText text=d.source /></li>
                }).collect_view()}
            </ul>
            <p>
                {retention}" "
                <a href="/privacy">{tr!(locale, explanation_retention_link)}</a>
            </p>
        </section>
        <section aria-labelledby="human-heading">
            <h2 id="human-heading">{tr!(locale, explanation_human)}</h2>
            <p>{human}</p>
        </section>
        <section aria-labelledby="system-heading">
            <h2 id="system-heading">{tr!(locale, explanation_system)}</h2>
            <p>
                <a href=system_href><AgencyText text=e.system_name /></a>
                " "{tr!(locale, explanation_system_version, version = e.system_version.to_string())}
            </p>
        </section>
        <section aria-labelledby="law-heading">
            <h2 id="law-heading">{tr!(locale, explanation_legal_basis)}</h2>
            <p><AgencyText text=e.legal_basis /></p>
        </section>
        {view! { <ChallengeSection challenge until /> }.into_any()}
        {(!e.viewed_by_staff).then(|| view! {
            <form method="post" action="/d/signout" class="end-session">
                <CsrfField />
                <button type="submit" class="button button-secondary">{tr!(locale, explanation_end_session)}</button>
            </form>
        })}
    }
}

/// What the "how to challenge" panel needs from the explanation.
struct Challenge {
    reference: String,
    appeals: Vec<(String, AppealState)>,
    agency_name: LocalizedText,
    contact: AgencyContact,
    open: bool,
    window_months: i32,
}

#[component]
fn ChallengeSection(challenge: Challenge, until: String) -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let e = challenge;
    let contact = e.contact;
    let agency = pick_text(&e.agency_name, locale, context.default_locale).0;
    let subject = tr!(locale, challenge_email_subject, reference = &e.reference);
    let mailto = format!(
        "mailto:{}?subject={}",
        contact.email,
        subject.replace(' ', "%20")
    );
    let months = e.window_months;
    let online = format!("/d/{}/challenge", e.reference);
    view! {
        <section class="challenge-panel" aria-labelledby="challenge-heading">
            <h2 id="challenge-heading">{tr!(locale, challenge_title)}</h2>
            {(!e.appeals.is_empty()).then(|| view! {
                <div class="existing-appeals">
                    <h3>{tr!(locale, challenge_form_existing_title)}</h3>
                    <ul>
                        {e.appeals.iter().map(|(reference, state)| view! {
                            <li>
                                <a href=format!("/appeals/{reference}")>{reference.clone()}</a>
                                " — "{appeal_labels::appeal_state(locale, *state)}
                            </li>
                        }).collect_view()}
                    </ul>
                </div>
            })}
            {if e.open {
                view! {
                    <p class="deadline">{tr!(locale, challenge_until, date = until)}</p>
                    <p class="hint">{counts::challenge_window(locale, months)}</p>
                    <p><a class="button button-large" href=online>{tr!(locale, challenge_form_start)}</a></p>
                    <h3>{tr!(locale, challenge_form_other_ways)}</h3>
                    <p>{tr!(locale, challenge_contact_intro, agency = &agency)}</p>
                    <p><a href=mailto>{tr!(locale, challenge_email_button, agency = agency)}</a></p>
                }.into_any()
            } else {
                view! { <p class="deadline">{tr!(locale, challenge_closed, date = until)}</p> }.into_any()
            }}
            <dl class="contact">
                <dt>{tr!(locale, contact_email)}</dt><dd><a href=format!("mailto:{}", contact.email)>{contact.email.clone()}</a></dd>
                <dt>{tr!(locale, contact_phone)}</dt><dd>{contact.phone.clone()}</dd>
                <dt>{tr!(locale, contact_address)}</dt><dd><AgencyText text=contact.address.clone() /></dd>
                {(!contact.hours.is_empty()).then(|| view! { <dt>{tr!(locale, contact_hours)}</dt><dd><AgencyText text=contact.hours.clone() /></dd> })}
            </dl>
            <p class="hint">{tr!(locale, challenge_quote_reference, reference = e.reference)}</p>
        </section>
    }
}
