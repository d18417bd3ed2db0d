//! Password change for the signed-in staff member. The form posts to the server in plain HTML;
//! with JavaScript, a strength meter under the new password shows how hard it is to guess (the
//! server measures it; the policy itself is applied when the form is posted).

use crate::api::PasswordStrength;
use crate::components::form::{described_by, has_error, CsrfField, ErrorSummary, FieldMessage};
use crate::components::island::{mark_hydrated, FormContext};
use crate::context::use_page_context;
use crate::i18n::{labels, Locale};
use crate::tr;
use crate::types::FieldError;
use leptos::prelude::*;
use leptos_meta::Title;

const FORM: &str = "password";

/// The change-password page.
#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let flash = context.flash.clone().unwrap_or_default();
    let errors = flash.errors_for(FORM);
    let notice = flash.notice.filter(|_| flash.form == FORM);
    view! {
        <Title text=tr!(locale, password_title) />
        <div class="narrow">
            <h1>{tr!(locale, password_title)}</h1>
            {notice.map(|key| view! { <div class="notice" role="status">{labels::notice(locale, key)}</div> })}
            <PasswordForm form=FormContext::from_page(&context) errors />
        </div>
    }
}

/// The form, hydrated as an island for its strength meter.
#[island]
fn PasswordForm(form: FormContext, errors: Vec<FieldError>) -> impl IntoView {
    let locale = form.locale;
    form.provide();
    mark_hydrated();
    let errors = Signal::stored(errors);
    let measure = ServerAction::<PasswordStrength>::new();
    let measured = measure.value();
    let field = move |name: &'static str,
                      label: &'static str,
                      autocomplete: &'static str,
                      hint: Option<&'static str>| {
        let measured_field = name == "new_password";
        view! {
            <div class="field" class:field-invalid=has_error(&errors.get_untracked(), name)>
                <label for=name>{label}</label>
                {hint.map(|h| view! { <p class="hint" id=format!("{name}-hint")>{h}</p> })}
                <FieldMessage errors=errors field=name />
                <input
                    id=name
                    name=name
                    type="password"
                    autocomplete=autocomplete
                    required
                    aria-describedby=described_by(hint.map(|_| format!("{name}-hint")).as_deref(), name, &errors.get_untracked())
                    aria-invalid=has_error(&errors.get_untracked(), name).then_some("true")
                    on:input=move |ev| {
                        if measured_field {
                            measure.dispatch(PasswordStrength { candidate: event_target_value(&ev) });
                        }
                    }
                />
                {measured_field.then(|| view! {
                    {move || match measured.get() {
                        Some(Ok(score)) => Some(view! { <StrengthMeter locale=locale score=score /> }),
                        _ => None,
                    }}
                })}
            </div>
        }
    };
    view! {
        <ErrorSummary errors=errors />
        <form method="post" action="/staff/password" novalidate>
            <CsrfField />
            {field("current_password", tr!(locale, field_current_password), "current-password", None)}
            {field("new_password", tr!(locale, field_new_password), "new-password", Some(tr!(locale, hint_new_password)))}
            {field("confirm_password", tr!(locale, field_confirm_password), "new-password", None)}
            <button type="submit" class="button">{tr!(locale, password_submit)}</button>
        </form>
    }
}

/// How strong the new password is, as a meter and a word, announced politely to screen readers.
#[component]
fn StrengthMeter(locale: Locale, score: u8) -> impl IntoView {
    let word = match score {
        0 => tr!(locale, password_strength_0),
        1 => tr!(locale, password_strength_1),
        2 => tr!(locale, password_strength_2),
        3 => tr!(locale, password_strength_3),
        _ => tr!(locale, password_strength_4),
    };
    view! {
        <p class="strength" aria-live="polite">
            <label for="password-strength">{tr!(locale, password_strength_label)}</label>
            <meter id="password-strength" min="0" max="4" low="2.5" high="3.5" optimum="4" value=score.to_string()>
                {word}
            </meter>
            <span class="strength-word">{word}</span>
        </p>
    }
}
