//! Password change for the signed-in staff member; posts to the server in plain HTML.

use crate::components::form::{has_error, CsrfField, ErrorSummary, FieldMessage};
use crate::context::use_page_context;
use crate::i18n::labels;
use crate::tr;
use leptos::prelude::*;
use leptos_meta::Title;

const FORM: &str = "password";

/// The change-password page.
#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let flash = context.flash.clone().unwrap_or_default();
    let errors = Signal::stored(flash.errors_for(FORM));
    let notice = flash.notice.filter(|_| flash.form == FORM);
    let field = move |name: &'static str,
                      label: &'static str,
                      autocomplete: &'static str,
                      hint: Option<&'static str>| {
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
                    aria-describedby=hint.map(|_| format!("{name}-hint"))
                    aria-invalid=has_error(&errors.get_untracked(), name).then_some("true")
                />
            </div>
        }
    };
    view! {
        <Title text=tr!(locale, password_title) />
        <div class="narrow">
            <h1>{tr!(locale, password_title)}</h1>
            {notice.map(|key| view! { <div class="notice" role="status">{labels::notice(locale, key)}</div> })}
            <ErrorSummary errors=errors />
            <form method="post" action="/staff/password" novalidate>
                <CsrfField />
                {field("current_password", tr!(locale, field_current_password), "current-password", None)}
                {field("new_password", tr!(locale, field_new_password), "new-password", Some(tr!(locale, hint_new_password)))}
                {field("confirm_password", tr!(locale, field_confirm_password), "new-password", None)}
                <button type="submit" class="button">{tr!(locale, password_submit)}</button>
            </form>
        </div>
    }
}
