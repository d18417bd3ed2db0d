//! Form pieces for the public-service form pattern: an error summary on top, each message by its field,
//! and the CSRF token every form post carries.

use crate::context::use_page_context;
use crate::i18n::labels;
use crate::tr;
use crate::types::FieldError;
use leptos::prelude::*;

/// The hidden CSRF token of the double-submit pattern checked by the server.
#[component]
pub fn CsrfField() -> impl IntoView {
    let token = use_page_context().csrf_token;
    view! { <input type="hidden" name="csrf_token" value=token /> }
}

/// Lists every problem, each linking to its field. Rendered only when there are errors.
#[component]
pub fn ErrorSummary(#[prop(into)] errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let locale = use_page_context().locale;
    move || {
        let errors = errors.get();
        (!errors.is_empty()).then(|| {
            view! {
                <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
                    <h2 id="error-summary-title">{tr!(locale, error_summary_title)}</h2>
                    <ul>
                        {errors
                            .into_iter()
                            .map(|e| {
                                let href = format!("#{}", e.field);
                                view! { <li><a href=href>{labels::form_error(locale, e.code)}</a></li> }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// The message for `field`, if any, shown under its label.
#[component]
pub fn FieldMessage(
    #[prop(into)] errors: Signal<Vec<FieldError>>,
    field: &'static str,
) -> impl IntoView {
    let locale = use_page_context().locale;
    move || {
        errors
            .get()
            .into_iter()
            .find(|e| e.field == field)
            .map(|e| {
                view! {
                    <p class="field-error" id=format!("{field}-error")>
                        <span class="visually-hidden">{tr!(locale, error_prefix)}</span>
                        {labels::form_error(locale, e.code)}
                    </p>
                }
            })
    }
}

/// Whether `field` has an error, for `aria-invalid` and styling.
pub fn has_error(errors: &[FieldError], field: &str) -> bool {
    errors.iter().any(|e| e.field == field)
}
