//! Staff sign-in. The form posts to the server in plain HTML; with JavaScript it also
//! checks empty fields before sending and offers a "show password" toggle.

use crate::components::form::{described_by, has_error, CsrfField, ErrorSummary, FieldMessage};
use crate::components::island::{mark_hydrated, FormContext};
use crate::context::use_page_context;
use crate::i18n::labels;
use crate::tr;
use crate::types::FieldError;
use crate::types::FormError;
use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos_meta::Title;

const FORM: &str = "signin";

/// The staff sign-in page.
#[component]
pub fn SignInPage() -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let flash = context.flash.clone().unwrap_or_default();
    let errors = flash.errors_for(FORM);
    let notice = flash.notice.filter(|_| flash.form == FORM);
    let email = flash.value(FORM, "email");
    view! {
        <Title text=tr!(locale, signin_title) />
        <div class="narrow">
            <h1>{tr!(locale, signin_title)}</h1>
            {notice.map(|key| view! { <div class="notice" role="status">{labels::notice(locale, key)}</div> })}
            <SignInForm form=FormContext::from_page(&context) errors email />
        </div>
    }
}

/// The form and its error summary: the page's only interactive part, hydrated as an island.
#[island]
fn SignInForm(form: FormContext, errors: Vec<FieldError>, email: String) -> impl IntoView {
    let locale = form.locale;
    form.provide();
    mark_hydrated();
    let errors = RwSignal::new(errors);

    // Only the WebAssembly client flips this, so the toggle never shows without JavaScript.
    let client_ready = RwSignal::new(false);
    Effect::new(move |_| client_ready.set(true));
    let show_password = RwSignal::new(false);

    let email_ref = NodeRef::<html::Input>::new();
    let password_ref = NodeRef::<html::Input>::new();
    let on_submit = move |event: SubmitEvent| {
        let mut found = Vec::new();
        let email = email_ref.get().map(|i| i.value()).unwrap_or_default();
        if email.trim().is_empty() {
            found.push(FieldError {
                field: "email".into(),
                code: FormError::EmailRequired,
            });
        }
        let password = password_ref.get().map(|i| i.value()).unwrap_or_default();
        if password.is_empty() {
            found.push(FieldError {
                field: "password".into(),
                code: FormError::PasswordRequired,
            });
        }
        if !found.is_empty() {
            event.prevent_default();
            errors.set(found);
        }
    };

    view! {
        <ErrorSummary errors=errors />
        <p class="hint">{tr!(locale, signin_intro)}</p>
        <form method="post" action="/staff/signin" novalidate on:submit=on_submit>
            <CsrfField />
            <div class="field" class:field-invalid=move || has_error(&errors.get(), "email")>
                <label for="email">{tr!(locale, field_email)}</label>
                <FieldMessage errors=errors field="email" />
                <input
                    id="email"
                    name="email"
                    type="email"
                    autocomplete="username"
                    spellcheck="false"
                    required
                    value=email
                    node_ref=email_ref
                    aria-invalid=move || has_error(&errors.get(), "email").then_some("true")
                    aria-describedby=move || described_by(None, "email", &errors.get())
                />
            </div>
            <div class="field" class:field-invalid=move || has_error(&errors.get(), "password")>
                <label for="password">{tr!(locale, field_password)}</label>
                <FieldMessage errors=errors field="password" />
                <div class="password-row">
                    <input
                        id="password"
                        name="password"
                        type=move || if show_password.get() { "text" } else { "password" }
                        autocomplete="current-password"
                        required
                        node_ref=password_ref
                        aria-invalid=move || has_error(&errors.get(), "password").then_some("true")
                        aria-describedby=move || described_by(None, "password", &errors.get())
                    />
                    <button
                        type="button"
                        id="toggle-password"
                        class="button button-secondary button-small"
                        hidden=move || !client_ready.get()
                        aria-controls="password"
                        aria-pressed=move || if show_password.get() { "true" } else { "false" }
                        on:click=move |_| show_password.update(|shown| *shown = !*shown)
                    >
                        {move || if show_password.get() { tr!(locale, hide_password) } else { tr!(locale, show_password) }}
                    </button>
                </div>
            </div>
            <button type="submit" class="button">{tr!(locale, sign_in)}</button>
        </form>
    }
}
