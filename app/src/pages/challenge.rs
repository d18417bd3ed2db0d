//! `/d/{reference}/challenge`: the citizen challenges a decision they opened with its access
//! code. One plain multipart form posted to the same address; the server answers with a 303,
//! to the appeal's page on success or back here with the errors and what was typed.

use crate::api::load_challenge_form;
use crate::components::form::{CsrfField, ErrorSummary};
use crate::context::use_page_context;
use crate::i18n::appeal_labels::appeal_state;
use crate::i18n::{format_date, pick_text, Locale};
use crate::pages::challenge_fields::{field_error, FactorsFieldset, GroundsFieldset, Typed};
use crate::pages::status::citizen_load_error;
use crate::tr;
use crate::types::{AppealState, ChallengeForm, FieldError};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The flash form name the server's handler uses.
pub const CHALLENGE_FORM: &str = "challenge";

/// The challenge form page.
#[component]
pub fn ChallengePage() -> impl IntoView {
    let locale = use_page_context().locale;
    let params = use_params_map();
    let form = Resource::new_blocking(
        move || params.read().get("reference").unwrap_or_default(),
        load_challenge_form,
    );
    view! {
        <Suspense fallback=move || view! { <p>{tr!(locale, loading)}</p> }>
            {move || Suspend::new(async move {
                match form.await {
                    Ok(form) => view! { <ChallengeView form /> }.into_any(),
                    Err(error) => citizen_load_error(locale, error),
                }
            })}
        </Suspense>
    }
}

#[component]
pub(crate) fn ChallengeView(form: ChallengeForm) -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let d = form.challenge_until;
    let until = format_date(locale, d.year, d.month, d.day);
    let agency = pick_text(&form.agency_name, locale, context.default_locale).0;
    let back = format!("/d/{}", form.decision_reference);
    let reference = form.decision_reference.clone();
    let existing = form.existing.clone();
    let flash = context.flash.clone().unwrap_or_default();
    let errors = flash.errors_for(CHALLENGE_FORM);
    let summary = Signal::stored(if form.open {
        errors.clone()
    } else {
        Vec::new()
    });
    let body = if form.open {
        let typed = Typed::from_flash(&flash, CHALLENGE_FORM);
        view! {
            <p class="lead">{tr!(locale, challenge_form_intro, agency = agency)}</p>
            <p class="deadline">{tr!(locale, challenge_until, date = until)}</p>
            <FilingForm form errors typed />
        }
        .into_any()
    } else {
        view! { <p class="deadline">{tr!(locale, challenge_closed, date = until)}</p> }.into_any()
    };
    view! {
        <Title text=tr!(locale, challenge_form_title) />
        <ErrorSummary errors=summary />
        <p class="back"><a href=back>{tr!(locale, challenge_form_back)}</a></p>
        <p class="caption">
            {tr!(locale, explanation_caption)}" "
            <span class="reference-inline">{reference}</span>
        </p>
        <h1>{tr!(locale, challenge_form_title)}</h1>
        <ExistingAppeals existing />
        {body}
    }
}

/// Appeals already filed on this decision, each linked to its page.
#[component]
fn ExistingAppeals(existing: Vec<(String, AppealState)>) -> impl IntoView {
    let locale = use_page_context().locale;
    (!existing.is_empty()).then(|| {
        view! {
            <section class="panel panel-quiet" aria-labelledby="existing-heading">
                <h2 id="existing-heading">{tr!(locale, challenge_form_existing_title)}</h2>
                <ul class="plain-list">
                    {existing.into_iter().map(|(reference, state)| {
                        let href = format!("/appeals/{reference}");
                        view! {
                            <li>
                                <a href=href><span class="reference-inline">{reference}</span></a>
                                " · "{appeal_state(locale, state)}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// The form: reasons, the factors and their right values, the statement, evidence, contact.
#[component]
fn FilingForm(form: ChallengeForm, errors: Vec<FieldError>, typed: Typed) -> impl IntoView {
    let locale = use_page_context().locale;
    let action = format!("/d/{}/challenge", form.decision_reference);
    let invalid = |field: &str| errors.iter().any(|e| e.field == field);
    let described = |hint: &str, field: &str| {
        if invalid(field) {
            format!("{hint} {field}-error")
        } else {
            hint.to_string()
        }
    };
    let files_hint = tr!(
        locale,
        challenge_form_evidence_files,
        count = form.max_files,
        size = form.max_file_mb.to_string()
    );
    let language = Locale::parse(&typed.get("language")).unwrap_or(locale);
    view! {
        <form id="form" class="challenge-form" method="post" enctype="multipart/form-data" action=action>
            {field_error(locale, &errors, "form")}
            <CsrfField />
            <input type="hidden" name="form_token" value=form.form_token.clone() />
            <GroundsFieldset errors=errors.clone() typed=typed.clone() />
            {(!form.factors.is_empty()).then(|| view! {
                <FactorsFieldset factors=form.factors.clone() errors=errors.clone() typed=typed.clone() />
            })}
            <div class="field" class:field-invalid=invalid("statement")>
                <label for="statement" class="label-question">{tr!(locale, challenge_form_statement_label)}</label>
                <p class="hint" id="statement-hint">{tr!(locale, challenge_form_statement_hint)}</p>
                {field_error(locale, &errors, "statement")}
                <textarea id="statement" name="statement" rows="10" maxlength="10000" required=true
                    aria-describedby=described("statement-hint", "statement")
                    aria-invalid=invalid("statement").then_some("true")>{typed.get("statement")}</textarea>
            </div>
            <div class="field" class:field-invalid=invalid("evidence")>
                <label for="evidence" class="label-question">{tr!(locale, challenge_form_evidence_label)}</label>
                <p class="hint" id="evidence-hint">{tr!(locale, challenge_form_evidence_hint)}" "{files_hint}</p>
                {field_error(locale, &errors, "evidence")}
                {(!errors.is_empty()).then(|| view! { <p class="hint">{tr!(locale, challenge_form_evidence_again)}</p> })}
                <input type="file" id="evidence" name="evidence" multiple=true accept="application/pdf,image/png,image/jpeg"
                    aria-describedby=described("evidence-hint", "evidence")
                    aria-invalid=invalid("evidence").then_some("true") />
            </div>
            <fieldset class="fieldset-plain">
                <legend class="legend-question">{tr!(locale, challenge_form_contact_legend)}</legend>
                <div class="field" class:field-invalid=invalid("contact_email")>
                    <label for="contact_email">{tr!(locale, challenge_form_email_label)}</label>
                    <p class="hint" id="contact_email-hint">{tr!(locale, challenge_form_email_hint)}</p>
                    {field_error(locale, &errors, "contact_email")}
                    <input type="email" id="contact_email" name="contact_email" autocomplete="email" required=true
                        spellcheck="false" value=typed.get("contact_email")
                        aria-describedby=described("contact_email-hint", "contact_email")
                        aria-invalid=invalid("contact_email").then_some("true") />
                </div>
                <div class="field">
                    <label for="language">{tr!(locale, challenge_form_language_label)}</label>
                    <select id="language" name="language">
                        {Locale::ALL.into_iter().map(|l| view! {
                            <option value=l.code() lang=l.code() selected=l == language>{l.native_name()}</option>
                        }).collect_view()}
                    </select>
                </div>
            </fieldset>
            <h2>{tr!(locale, challenge_form_next_title)}</h2>
            <p>{tr!(locale, challenge_form_next_body)}</p>
            <button type="submit" class="button button-large">{tr!(locale, challenge_form_submit)}</button>
        </form>
    }
}
