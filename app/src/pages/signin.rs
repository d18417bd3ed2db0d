//! Staff sign-in. The form posts to the server in plain HTML; with JavaScript it also
//! checks empty fields before sending and offers a "show password" toggle.

use crate::components::form::{has_error, CsrfField, ErrorSummary, FieldMessage};
use crate::components::island::{mark_hydrated, FormContext};
use crate::context::use_page_context;
use crate::types::FieldError;
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
    let notice = flash.notice.clone().filter(|_| flash.form == FORM);
    let email = flash.value(FORM, "email");
    view! {
        <Title text=locale.t("signin_title") />
        <div class="narrow">
            <h1>{locale.t("signin_title")}</h1>
            {notice.map(|key| view! { <div class="notice" role="status">{locale.t(&key)}</div> })}
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
                code: "error_email_required".into(),
            });
        }
        let password = password_ref.get().map(|i| i.value()).unwrap_or_default();
        if password.is_empty() {
            found.push(FieldError {
                field: "password".into(),
                code: "error_password_required".into(),
            });
        }
        if !found.is_empty() {
            event.prevent_default();
            errors.set(found);
        }
    };

    view! {
        <ErrorSummary errors=errors />
        <p class="hint">{locale.t("signin_intro")}</p>
        <form method="post" action="/staff/signin" novalidate on:submit=on_submit>
            <CsrfField />
            <div class="field" class:field-invalid=move || has_error(&errors.get(), "email")>
                <label for="email">{locale.t("field_email")}</label>
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
                />
            </div>
            <div class="field" class:field-invalid=move || has_error(&errors.get(), "password")>
                <label for="password">{locale.t("field_password")}</label>
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
                        {move || if show_password.get() { locale.t("hide_password") } else { locale.t("show_password") }}
                    </button>
                </div>
            </div>
            <button type="submit" class="button">{locale.t("sign_in")}</button>
        </form>
    }
}
