//! "Add evidence" on the tracking page: a document the state body asked for, or one that
//! arrived after filing, posted to `/appeals/{reference}/evidence` (works without JavaScript).

use crate::components::form::CsrfField;
use crate::context::use_page_context;
use crate::pages::challenge_fields::field_error;
use crate::tr;
use crate::types::FieldError;
use leptos::prelude::*;

/// The form, for an appeal that is still open.
#[component]
pub fn AddEvidence(reference: String, errors: Vec<FieldError>) -> impl IntoView {
    let locale = use_page_context().locale;
    let action = format!("/appeals/{reference}/evidence");
    let invalid = errors.iter().any(|e| e.field == "evidence");
    view! {
        <section class="panel add-evidence" aria-labelledby="add-evidence-heading">
            <h2 id="add-evidence-heading">{tr!(locale, appeal_add_evidence_title)}</h2>
            <form method="post" enctype="multipart/form-data" action=action>
                <CsrfField />
                <div class="field">
                    <label for="evidence">{tr!(locale, appeal_add_evidence_label)}</label>
                    <p class="hint" id="evidence-hint">{tr!(locale, appeal_add_evidence_hint)}</p>
                    {field_error(locale, &errors, "evidence")}
                    <input type="file" id="evidence" name="evidence" multiple=true
                        accept="application/pdf,image/png,image/jpeg"
                        aria-describedby="evidence-hint"
                        aria-invalid=invalid.then_some("true") />
                </div>
                <button type="submit" class="button button-secondary">{tr!(locale, appeal_add_evidence_button)}</button>
            </form>
        </section>
    }
}
