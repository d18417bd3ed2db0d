//! The steps the citizen may take now, each a small form posted to `/appeals/{reference}/step`
//! with the version of the appeal the page shows: answer a question, go to the Human Rights
//! Commissioner, accept the decision and close, or withdraw.

use crate::components::form::CsrfField;
use crate::context::use_page_context;
use crate::i18n::appeal_labels::step_button;
use crate::pages::challenge_fields::{field_error, Typed};
use crate::tr;
use crate::types::{EventKind, FieldError};
use leptos::prelude::*;

/// The flash form name the server's step handler uses.
pub const STEP_FORM: &str = "appeal_step";

/// The steps a citizen can take from this page, in the order they are offered.
const CITIZEN_STEPS: [EventKind; 4] = [
    EventKind::Answer,
    EventKind::Escalate,
    EventKind::Close,
    EventKind::Withdraw,
];

/// "What you can do now", or nothing when no step is open to the citizen.
#[component]
pub fn ActionsSection(
    reference: String,
    version: i32,
    actions: Vec<EventKind>,
    /// The state body's latest question, shown above the answer box.
    question: Option<String>,
    errors: Vec<FieldError>,
    typed: Typed,
) -> impl IntoView {
    let locale = use_page_context().locale;
    let action = format!("/appeals/{reference}/step");
    let steps: Vec<EventKind> = CITIZEN_STEPS
        .into_iter()
        .filter(|s| actions.contains(s))
        .collect();
    (!steps.is_empty()).then(|| {
        let forms = steps
            .into_iter()
            .map(|step| {
                let form = StepForm {
                    action: action.clone(),
                    version,
                    step,
                    errors: errors.clone(),
                    typed: typed.clone(),
                };
                match step {
                    EventKind::Answer => answer(form, question.clone()),
                    EventKind::Escalate => escalate(form),
                    EventKind::Withdraw => withdraw(form),
                    _ => close(form),
                }
            })
            .collect_view();
        view! {
            <section class="actions-panel" id="form" aria-labelledby="actions-heading">
                <h2 id="actions-heading">{tr!(locale, appeal_actions_title)}</h2>
                {field_error(locale, &errors, "form")}
                {forms}
            </section>
        }
    })
}

/// What every step form carries.
struct StepForm {
    action: String,
    version: i32,
    step: EventKind,
    errors: Vec<FieldError>,
    typed: Typed,
}

impl StepForm {
    /// The hidden fields and the submit button around `fields`.
    fn wrap(&self, fields: AnyView, secondary: bool) -> AnyView {
        let locale = use_page_context().locale;
        let class = if secondary {
            "button button-secondary"
        } else {
            "button"
        };
        view! {
            <form method="post" action=self.action.clone() class="step-form">
                <CsrfField />
                <input type="hidden" name="version" value=self.version.to_string() />
                <input type="hidden" name="step" value=self.step.as_str() />
                {fields}
                <button type="submit" class=class>{step_button(locale, self.step)}</button>
            </form>
        }
        .into_any()
    }

    /// A labelled textarea whose message comes back under the flash's `name`.
    fn text(
        &self,
        name: &'static str,
        label: &'static str,
        hint: Option<&'static str>,
        required: bool,
    ) -> AnyView {
        let locale = use_page_context().locale;
        let invalid = self.errors.iter().any(|e| e.field == name);
        let hint_id = format!("{name}-hint");
        let mut described: Vec<String> = Vec::new();
        if hint.is_some() {
            described.push(hint_id.clone());
        }
        if invalid {
            described.push(format!("{name}-error"));
        }
        let described = (!described.is_empty()).then(|| described.join(" "));
        view! {
            <div class="field" class:field-invalid=invalid>
                <label for=name>{label}</label>
                {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
                {field_error(locale, &self.errors, name)}
                <textarea id=name name=name rows="5" maxlength="10000" required=required
                    aria-describedby=described aria-invalid=invalid.then_some("true")>{self.typed.get(name)}</textarea>
            </div>
        }
        .into_any()
    }
}

fn answer(form: StepForm, question: Option<String>) -> AnyView {
    let locale = use_page_context().locale;
    let fields = view! {
        <h3>{tr!(locale, appeal_answer_title)}</h3>
        {question.filter(|q| !q.trim().is_empty()).map(|q| view! {
            <p class="caption">{tr!(locale, appeal_answer_question)}</p>
            <blockquote class="user-text question">{q}</blockquote>
        })}
        {form.text("reply", tr!(locale, appeal_answer_label), Some(tr!(locale, appeal_answer_hint)), true)}
    }
    .into_any();
    form.wrap(fields, false)
}

fn escalate(form: StepForm) -> AnyView {
    let locale = use_page_context().locale;
    let fields = view! {
        <h3>{tr!(locale, appeal_escalate_title)}</h3>
        <p>{tr!(locale, appeal_escalate_body)}</p>
        {form.text("statement", tr!(locale, appeal_escalate_label), Some(tr!(locale, appeal_escalate_hint)), true)}
    }
    .into_any();
    form.wrap(fields, false)
}

fn close(form: StepForm) -> AnyView {
    let locale = use_page_context().locale;
    let fields = view! {
        <h3>{tr!(locale, appeal_close_title)}</h3>
        <p>{tr!(locale, appeal_close_body)}</p>
    }
    .into_any();
    form.wrap(fields, true)
}

fn withdraw(form: StepForm) -> AnyView {
    let locale = use_page_context().locale;
    let open = form.errors.iter().any(|e| e.field == "reason");
    let fields = view! {
        <p>{tr!(locale, appeal_withdraw_body)}</p>
        {form.text("reason", tr!(locale, appeal_withdraw_label), None, false)}
    }
    .into_any();
    view! {
        <details class="step-details" open=open>
            <summary>{tr!(locale, appeal_withdraw_title)}</summary>
            {form.wrap(fields, true)}
        </details>
    }
    .into_any()
}
