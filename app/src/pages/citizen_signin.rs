//! `/signin`: a citizen asks for a single-use sign-in link by email. The form posts to the
//! server in plain HTML; with JavaScript it also checks the address before sending.

use crate::components::form::{described_by, has_error, CsrfField, ErrorSummary, FieldMessage};
use crate::components::island::{mark_hydrated, FormContext};
use crate::context::use_page_context;
use crate::i18n::labels;
use crate::tr;
use crate::types::{FieldError, FormError, Notice};
use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos_meta::Title;

/// The flash form name the server's `/signin`, `/signin/link`, `/confirm` and `/me/signout`
/// handlers use.
pub const FORM: &str = "citizen_signin";

/// The citizen's sign-in page.
#[component]
pub fn CitizenSignInPage() -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let flash = context.flash.clone().unwrap_or_default();
    let errors = flash.errors_for(FORM);
    let notice = flash.notice.filter(|_| flash.form == FORM);
    let email = flash.value(FORM, "email");
    view! {
        <Title text=tr!(locale, citizen_signin_title) />
        <div class="narrow">
            <h1>{tr!(locale, citizen_signin_title)}</h1>
            {notice.map(|notice| {
                let class = if notice == Notice::FormExpired { "notice notice-warning" } else { "notice" };
                view! { <div class=class role="status">{labels::notice(locale, notice)}</div> }
            })}
            <CitizenSignInForm form=FormContext::from_page(&context) errors email />
            <p>
                {tr!(locale, citizen_signin_have_code)}" "
                <a href="/find">{tr!(locale, citizen_signin_find_link)}</a>
            </p>
            <p class="footer-small">
                {tr!(locale, citizen_signin_staff)}" "
                <a href="/staff/signin">{tr!(locale, nav_staff_signin)}</a>
            </p>
        </div>
    }
}

/// A used or expired link comes back as an error on `token`: the summary shows it and leads to
/// the address field, where a new link is asked for.
fn summary_errors(errors: Vec<FieldError>) -> Vec<FieldError> {
    errors
        .into_iter()
        .map(|mut e| {
            if e.field == "token" {
                e.field = "email".into();
            }
            e
        })
        .collect()
}

/// The browser's check: an address is there and looks like one. Whether it is known is for
/// the server alone to say (and it never tells).
fn check_typed(email: &str) -> Option<FormError> {
    let email = email.trim();
    if email.is_empty() {
        return Some(FormError::EmailRequired);
    }
    match email.split_once('@') {
        Some((local, domain)) if !local.is_empty() && domain.contains('.') => None,
        _ => Some(FormError::EmailInvalid),
    }
}

/// The form and its error summary, hydrated as an island.
#[island]
fn CitizenSignInForm(form: FormContext, errors: Vec<FieldError>, email: String) -> impl IntoView {
    let locale = form.locale;
    form.provide();
    mark_hydrated();
    let errors = RwSignal::new(errors);
    let summary = Signal::derive(move || summary_errors(errors.get()));
    let email_ref = NodeRef::<html::Input>::new();
    let on_submit = move |event: SubmitEvent| {
        let typed = email_ref.get().map(|i| i.value()).unwrap_or_default();
        if let Some(code) = check_typed(&typed) {
            event.prevent_default();
            errors.set(vec![FieldError {
                field: "email".into(),
                code,
            }]);
        }
    };
    view! {
        <ErrorSummary errors=summary />
        <p class="lead">{tr!(locale, citizen_signin_intro)}</p>
        <form method="post" action="/signin" novalidate on:submit=on_submit>
            <CsrfField />
            <div class="field" class:field-invalid=move || has_error(&errors.get(), "email")>
                <label for="email">{tr!(locale, field_email)}</label>
                <FieldMessage errors=errors field="email" />
                <input
                    id="email"
                    name="email"
                    type="email"
                    autocomplete="email"
                    spellcheck="false"
                    required
                    value=email
                    node_ref=email_ref
                    aria-invalid=move || has_error(&errors.get(), "email").then_some("true")
                    aria-describedby=move || described_by(None, "email", &errors.get())
                />
            </div>
            <button type="submit" class="button">{tr!(locale, citizen_signin_submit)}</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::{check_typed, summary_errors};
    use crate::types::{FieldError, FormError};

    #[test]
    fn the_browser_check_wants_an_address_and_leaves_the_rest_to_the_server() {
        assert_eq!(check_typed("  "), Some(FormError::EmailRequired));
        assert_eq!(check_typed("aigerim"), Some(FormError::EmailInvalid));
        assert_eq!(check_typed("@example.kz"), Some(FormError::EmailInvalid));
        assert_eq!(check_typed(" aigerim@example.kz "), None);
    }

    #[test]
    fn a_refused_link_is_listed_against_the_address_field() {
        let errors = summary_errors(vec![FieldError {
            field: "token".into(),
            code: FormError::LinkInvalid,
        }]);
        assert_eq!(errors[0].field, "email");
        assert_eq!(errors[0].code, FormError::LinkInvalid);
    }
}
