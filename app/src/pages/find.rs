//! `/find`: the citizen types the reference and access code from the decision letter.

use crate::components::form::{has_error, CsrfField, ErrorSummary, FieldMessage};
use crate::context::use_page_context;
use leptos::prelude::*;
use leptos_meta::Title;

const FORM: &str = "find";

/// The find-my-decision page.
#[component]
pub fn FindPage() -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let flash = context.flash.clone().unwrap_or_default();
    let errors = Signal::stored(flash.errors_for(FORM));
    let notice = flash.notice.clone().filter(|_| flash.form == FORM);
    let reference = flash.value(FORM, "reference");
    let invalid = move |field: &str| has_error(&errors.get_untracked(), field);
    let open_link = context.citizen_reference.clone().map(|reference| {
        let href = format!("/d/{reference}");
        view! { <p class="notice" role="status"><a href=href>{locale.tf("find_open_again", &[("reference", &reference)])}</a></p> }
    });
    view! {
        <Title text=locale.t("find_title") />
        <div class="narrow">
            <h1>{locale.t("find_title")}</h1>
            {notice.map(|key| view! { <div class="notice" role="status">{locale.t(&key)}</div> })}
            {open_link}
            <ErrorSummary errors=errors />
            <p class="lead">{locale.t("find_intro")}</p>
            <form method="post" action="/find" novalidate>
                <CsrfField />
                <div class="field" class:field-invalid=invalid("reference")>
                    <label for="reference">{locale.t("field_reference")}</label>
                    <p class="hint" id="reference-hint">{locale.t("hint_reference")}</p>
                    <FieldMessage errors=errors field="reference" />
                    <input id="reference" name="reference" type="text" class="input-code" autocomplete="off"
                        autocapitalize="characters" spellcheck="false" value=reference aria-describedby="reference-hint"
                        aria-invalid=invalid("reference").then_some("true") />
                </div>
                <div class="field" class:field-invalid=invalid("access_code")>
                    <label for="access_code">{locale.t("field_access_code")}</label>
                    <p class="hint" id="access-code-hint">{locale.t("hint_access_code")}</p>
                    <FieldMessage errors=errors field="access_code" />
                    <input id="access_code" name="access_code" type="text" class="input-code" autocomplete="off"
                        autocapitalize="characters" spellcheck="false" aria-describedby="access-code-hint"
                        aria-invalid=invalid("access_code").then_some("true") />
                </div>
                <button type="submit" class="button">{locale.t("find_submit")}</button>
            </form>
            <details class="help">
                <summary>{locale.t("find_help_title")}</summary>
                <p>{locale.t("find_help_body")}</p>
            </details>
        </div>
    }
}
