//! `/find`: the citizen types the reference and access code from the decision letter.

use crate::components::form::{described_by, has_error, CsrfField, ErrorSummary, FieldMessage};
use crate::components::island::{mark_hydrated, FormContext};
use crate::context::use_page_context;
use crate::i18n::labels;
use crate::tr;
use crate::types::examples::{EXAMPLE_ACCESS_CODE, EXAMPLE_REFERENCE};
use crate::types::FieldError;
use crate::types::FormError;
use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos_meta::Title;

const FORM: &str = "find";

/// The find-my-decision page.
#[component]
pub fn FindPage() -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let flash = context.flash.clone().unwrap_or_default();
    let errors = flash.errors_for(FORM);
    let notice = flash.notice.filter(|_| flash.form == FORM);
    let reference = flash.value(FORM, "reference");
    let open_link = context.citizen_reference.clone().map(|reference| {
        let href = format!("/d/{reference}");
        view! { <p class="notice" role="status"><a href=href>{tr!(locale, find_open_again, reference = reference)}</a></p> }
    });
    view! {
        <Title text=tr!(locale, find_title) />
        <div class="narrow">
            <h1>{tr!(locale, find_title)}</h1>
            {notice.map(|key| view! { <div class="notice" role="status">{labels::notice(locale, key)}</div> })}
            {open_link}
            <FindForm form=FormContext::from_page(&context) errors reference />
            <details class="help">
                <summary>{tr!(locale, find_help_title)}</summary>
                <p>{tr!(locale, find_help_body)}</p>
            </details>
            <p class="hint">
                {tr!(locale, find_or_email)}" "
                <a href="/signin">{tr!(locale, find_or_email_link)}</a>
            </p>
        </div>
    }
}

/// The form and its error summary: the page's only interactive part, hydrated as an island.
#[island]
fn FindForm(form: FormContext, errors: Vec<FieldError>, reference: String) -> impl IntoView {
    let locale = form.locale;
    form.provide();
    mark_hydrated();
    let errors = RwSignal::new(errors);
    let invalid = move |field: &'static str| move || has_error(&errors.get(), field);
    let reference_ref = NodeRef::<html::Input>::new();
    let code_ref = NodeRef::<html::Input>::new();
    // With JavaScript, the same checks as the server's run before anything is sent.
    let on_submit = move |event: SubmitEvent| {
        let typed = |node: NodeRef<html::Input>| node.get().map(|i| i.value()).unwrap_or_default();
        let found = check_typed(&typed(reference_ref), &typed(code_ref));
        if !found.is_empty() {
            event.prevent_default();
            errors.set(found);
        }
    };
    view! {
        <ErrorSummary errors=errors />
        <p class="lead">{tr!(locale, find_intro)}</p>
        <form method="post" action="/find" novalidate on:submit=on_submit>
            <CsrfField />
            <div class="field" class:field-invalid=invalid("reference")>
                <label for="reference">{tr!(locale, field_reference)}</label>
                <p class="hint" id="reference-hint">{tr!(locale, hint_reference, example = EXAMPLE_REFERENCE)}</p>
                <FieldMessage errors=errors field="reference" />
                <input id="reference" name="reference" type="text" class="input-code" autocomplete="off"
                    autocapitalize="characters" spellcheck="false" value=reference node_ref=reference_ref
                    aria-describedby=move || described_by(Some("reference-hint"), "reference", &errors.get())
                    aria-invalid=move || invalid("reference")().then_some("true") />
            </div>
            <div class="field" class:field-invalid=invalid("access_code")>
                <label for="access_code">{tr!(locale, field_access_code)}</label>
                <p class="hint" id="access-code-hint">{tr!(locale, hint_access_code, example = EXAMPLE_ACCESS_CODE)}</p>
                <FieldMessage errors=errors field="access_code" />
                <input id="access_code" name="access_code" type="text" class="input-code" autocomplete="off"
                    autocapitalize="characters" spellcheck="false" node_ref=code_ref
                    aria-describedby=move || described_by(Some("access-code-hint"), "access_code", &errors.get())
                    aria-invalid=move || invalid("access_code")().then_some("true") />
            </div>
            <button type="submit" class="button">{tr!(locale, find_submit)}</button>
        </form>
    }
}

/// The form's checks in the browser: present, and the right number of symbols once spaces and
/// dashes are ignored. Whether the pair matches is for the server alone to say.
fn check_typed(reference: &str, code: &str) -> Vec<FieldError> {
    let symbols = |s: &str| s.chars().filter(|c| c.is_ascii_alphanumeric()).count();
    let only_allowed = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c.is_whitespace())
    };
    let mut errors = Vec::new();
    let error = |field: &str, code: FormError| FieldError {
        field: field.into(),
        code,
    };
    if reference.trim().is_empty() {
        errors.push(error("reference", FormError::ReferenceRequired));
    } else if !only_allowed(reference) || ![8, 10].contains(&symbols(reference)) {
        errors.push(error("reference", FormError::ReferenceFormat));
    }
    if code.trim().is_empty() {
        errors.push(error("access_code", FormError::AccessCodeRequired));
    } else if !only_allowed(code) || symbols(code) != 8 {
        errors.push(error("access_code", FormError::AccessCodeFormat));
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::check_typed;
    use crate::i18n::{labels, Locale};
    use crate::tr;
    use crate::types::examples::{EXAMPLE_ACCESS_CODE, EXAMPLE_REFERENCE};
    use crate::types::FormError;

    #[test]
    fn every_language_shows_the_examples_that_can_never_open_a_decision() {
        for locale in Locale::ALL {
            let hints = [
                tr!(locale, hint_reference, example = EXAMPLE_REFERENCE).to_string(),
                labels::form_error(locale, FormError::ReferenceFormat).to_string(),
            ];
            for hint in hints {
                assert!(hint.contains(EXAMPLE_REFERENCE), "{locale:?}: {hint}");
            }
            let hints = [
                tr!(locale, hint_access_code, example = EXAMPLE_ACCESS_CODE).to_string(),
                labels::form_error(locale, FormError::AccessCodeFormat).to_string(),
            ];
            for hint in hints {
                assert!(hint.contains(EXAMPLE_ACCESS_CODE), "{locale:?}: {hint}");
                assert!(
                    !hint.contains("K4Q9-2MZT"),
                    "the demo's working code is no example"
                );
            }
        }
    }

    #[test]
    fn the_browser_check_accepts_loose_typing_and_names_missing_or_malformed_fields() {
        assert!(check_typed("rd dem0 0001", "k4q9 2mzt").is_empty());
        assert!(check_typed("DEM0-0001", "K4Q9-2MZT").is_empty());
        let fields: Vec<_> = check_typed("", "K4Q9")
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect();
        assert_eq!(
            fields,
            vec![
                ("reference".to_string(), FormError::ReferenceRequired),
                ("access_code".to_string(), FormError::AccessCodeFormat),
            ]
        );
    }
}
