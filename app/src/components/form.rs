//! Form pieces for the public-service form pattern: an error summary on top, each message by its field,
//! and the CSRF token every form post carries.

use crate::context::use_page_context;
use crate::i18n::labels;
use crate::tr;
use crate::types::FieldError;
use leptos::html;
use leptos::prelude::*;

/// The hidden CSRF token of the double-submit pattern checked by the server.
#[component]
pub fn CsrfField() -> impl IntoView {
    let token = use_page_context().csrf_token;
    view! { <input type="hidden" name="csrf_token" value=token /> }
}

/// Lists every problem, each linking to its field. Rendered only when there are errors.
///
/// The summary takes the focus, so a screen reader announces it and the keyboard starts from it:
/// errors the server found carry `autofocus`, which the browser honours as the page loads, with
/// or without JavaScript; errors an island finds in the browser are focused when they appear.
/// Its links are plain `#field` links; each field's own `id` makes the browser move focus there.
#[component]
pub fn ErrorSummary(#[prop(into)] errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let locale = use_page_context().locale;
    let summary = NodeRef::<html::Div>::new();
    // The first run is the page as the server sent it (already focused by `autofocus`, and
    // the reader may have moved on since); each later run follows a check in the browser. The
    // focus moves once the new summary is drawn.
    Effect::new(move |ran: Option<()>| {
        let any = !errors.get().is_empty();
        if ran.is_some() && any {
            request_animation_frame(move || {
                if let Some(element) = summary.get_untracked() {
                    let _ = element.focus();
                }
            });
        }
    });
    move || {
        let errors = errors.get();
        (!errors.is_empty()).then(|| {
            view! {
                <div class="error-summary" id="error-summary" role="alert" aria-labelledby="error-summary-title"
                    tabindex="-1" autofocus=true node_ref=summary>
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

/// The ids a field's `aria-describedby` names: its hint, if it has one, then its message from
/// [`FieldMessage`] (`{field}-error`) while it has an error, so a screen reader reads both as
/// the field takes the focus.
pub fn described_by(hint_id: Option<&str>, field: &str, errors: &[FieldError]) -> Option<String> {
    let error_id = has_error(errors, field).then(|| format!("{field}-error"));
    let ids: Vec<String> = hint_id
        .map(str::to_string)
        .into_iter()
        .chain(error_id)
        .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// `aria-invalid="true"` while `field` has an error; absent otherwise.
pub fn invalid_attr(errors: &[FieldError], field: &str) -> Option<&'static str> {
    has_error(errors, field).then_some("true")
}

/// Whether a page shows a form error, for the "Error: " its title then begins with.
pub fn page_has_errors(flash: Option<&crate::types::Flash>) -> bool {
    flash.is_some_and(|f| !f.errors.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::FormError;

    fn error(field: &str) -> FieldError {
        FieldError {
            field: field.into(),
            code: FormError::EmailRequired,
        }
    }

    #[test]
    fn a_field_is_described_by_its_hint_and_by_its_error_while_it_has_one() {
        let errors = vec![error("email")];
        assert_eq!(
            described_by(Some("email-hint"), "email", &errors).as_deref(),
            Some("email-hint email-error")
        );
        assert_eq!(
            described_by(None, "email", &errors).as_deref(),
            Some("email-error")
        );
        assert_eq!(
            described_by(Some("code-hint"), "code", &errors).as_deref(),
            Some("code-hint")
        );
        assert_eq!(described_by(None, "code", &errors), None);
        assert_eq!(invalid_attr(&errors, "email"), Some("true"));
        assert_eq!(invalid_attr(&errors, "code"), None);
    }
}
