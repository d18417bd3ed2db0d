//! Password change for the signed-in staff member; posts to the server in plain HTML.

use crate::components::form::{has_error, CsrfField, ErrorSummary, FieldMessage};
use crate::context::use_page_context;
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
    let notice = flash.notice.clone().filter(|_| flash.form == FORM);
    let field = move |name: &'static str,
                      label: &'static str,
                      autocomplete: &'static str,
                      hint: Option<&'static str>| {
        view! {
            <div class="field" class:field-invalid=has_error(&errors.get_untracked(), name)>
                <label for=name>{locale.t(label)}</label>
                {hint.map(|h| view! { <p class="hint" id=format!("{name}-hint")>{locale.t(h)}</p> })}
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
        <Title text=locale.t("password_title") />
        <div class="narrow">
            <h1>{locale.t("password_title")}</h1>
            {notice.map(|key| view! { <div class="notice" role="status">{locale.t(&key)}</div> })}
            <ErrorSummary errors=errors />
            <form method="post" action="/staff/password" novalidate>
                <CsrfField />
                {field("current_password", "field_current_password", "current-password", None)}
                {field("new_password", "field_new_password", "new-password", Some("hint_new_password"))}
                {field("confirm_password", "field_confirm_password", "new-password", None)}
                <button type="submit" class="button">{locale.t("password_submit")}</button>
            </form>
        </div>
    }
}
