//! The second step of a staff sign-in: the six-digit code from the authenticator app, or one
//! of the recovery codes. A plain form; the server holds the step (`/staff/signin/code`).

use crate::components::form::{described_by, has_error, CsrfField, ErrorSummary, FieldMessage};
use crate::context::use_page_context;
use crate::i18n::labels;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

/// The flash form name of the code pages (the server's `signin_code` handler).
pub const FORM: &str = "signin_code";

/// `/staff/signin/code`.
#[component]
pub fn SignInCodePage() -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let flash = context.flash.clone().unwrap_or_default();
    let errors = Signal::stored(flash.errors_for(FORM));
    let notice = flash.notice.filter(|_| flash.form == FORM);
    view! {
        <Title text=tr!(locale, signin_code_title) />
        <div class="narrow">
            <h1>{tr!(locale, signin_code_title)}</h1>
            {notice.map(|key| view! { <div class="notice" role="status">{labels::notice(locale, key)}</div> })}
            <ErrorSummary errors=errors />
            <p>{tr!(locale, signin_code_intro)}</p>
            <form method="post" action="/staff/signin/code" novalidate>
                <CsrfField />
                <CodeField errors=errors hint=tr!(locale, signin_code_hint) id="code" />
                <button type="submit" class="button">{tr!(locale, sign_in)}</button>
            </form>
            <p class="hint">
                <a href="/staff/signin">{tr!(locale, signin_code_start_again)}</a>
            </p>
        </div>
    }
}

/// The one-time code field, as every two-factor form has it.
#[component]
pub fn CodeField(
    errors: Signal<Vec<crate::types::FieldError>>,
    hint: &'static str,
    /// The input's id: unique on the page, which may hold two code forms.
    id: &'static str,
) -> impl IntoView {
    let locale = use_page_context().locale;
    let invalid = has_error(&errors.get_untracked(), "code");
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field" class:field-invalid=invalid>
            <label for=id>{tr!(locale, field_code)}</label>
            <p class="hint" id=hint_id.clone()>{hint}</p>
            <FieldMessage errors=errors field="code" />
            <input
                id=id
                name="code"
                type="text"
                class="input-code"
                autocomplete="one-time-code"
                autocapitalize="characters"
                spellcheck="false"
                maxlength="20"
                required
                aria-describedby=described_by(Some(hint_id.as_str()), "code", &errors.get_untracked())
                aria-invalid=invalid.then_some("true")
            />
        </div>
    }
}
