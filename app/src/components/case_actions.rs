//! What staff and the Human Rights Commissioner can do on a case: claim, assign, take a step,
//! write a note or a message. Each is a small plain form posting to the server, which answers
//! with a redirect back to the case and a flash carrying a notice, or the errors and what was
//! typed (form `appeal_step`). Field ids are `{form}-{field}`, so several forms can share field
//! names on one page and the error summary still links to the right one.

use crate::components::form::CsrfField;
use crate::context::use_page_context;
use crate::i18n::appeal_labels::{finding, outcome, step_button};
use crate::i18n::{labels, Locale};
use crate::tr;
use crate::types::{EventKind, FieldError, FindingKind, Flash, FormError, OutcomeKind};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The flash form name of every action on the case page.
pub const STEP_FORM: &str = "appeal_step";

/// The form a failed post came from (a step's wire name, `assign`, `note` or `claim`), with
/// its errors and the values typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FailedForm {
    pub key: String,
    pub errors: Vec<FieldError>,
    pub values: BTreeMap<String, String>,
}

/// Which form of the page the flash's errors belong to: the `step` the server echoes, else
/// the form that has the fields in error (among the steps offered now).
pub fn failed_form(flash: &Flash, actions: &[EventKind]) -> Option<FailedForm> {
    if flash.form != STEP_FORM || flash.errors.is_empty() {
        return None;
    }
    // The handlers keep some fields whether or not the form had them (an empty `body` after a
    // failed assignment), so only an error or a typed value names the form.
    let has = |field: &str| {
        flash.errors.iter().any(|e| e.field == field)
            || flash
                .values
                .get(field)
                .is_some_and(|v| !v.trim().is_empty())
    };
    let pick = |candidates: &[EventKind]| {
        candidates
            .iter()
            .find(|s| actions.contains(s))
            .or(candidates.first())
            .map(|s| s.as_str().to_string())
    };
    let echoed = flash.value(STEP_FORM, "step");
    let key = if EventKind::parse(&echoed).is_some() {
        Some(echoed)
    } else if has("body") || has("visibility") {
        Some("note".into())
    } else if has("assignee") {
        Some("assign".into())
    } else if has("question") {
        pick(&[EventKind::RequestInformation])
    } else if has("new_due") {
        pick(&[EventKind::Extend])
    } else if has("finding") {
        pick(&[EventKind::OmbudsmanFinding])
    } else if has("outcome") || has("corrected_outcome") || has("corrected_label") {
        pick(&[EventKind::Decide, EventKind::ProposeOutcome])
    } else if has("reason") {
        pick(&[EventKind::RejectApproval, EventKind::Extend])
    } else if has("reasoning") {
        pick(&[
            EventKind::Decide,
            EventKind::ProposeOutcome,
            EventKind::OmbudsmanFinding,
        ])
    } else {
        None
    }?;
    Some(FailedForm {
        key,
        errors: flash.errors.clone(),
        values: flash.values.clone(),
    })
}

/// The flash's errors with each field named by the id it has on this page, for the summary.
pub fn summary_errors(flash: &Flash, failed: Option<&FailedForm>) -> Vec<FieldError> {
    flash
        .errors_for(STEP_FORM)
        .into_iter()
        .map(|e| {
            let field = match (failed, e.field.as_str()) {
                (Some(f), "form") => format!("action-{}", f.key),
                (Some(f), field) => format!("{}-{field}", f.key),
                (None, _) => "case-actions".into(),
            };
            FieldError {
                field,
                code: e.code,
            }
        })
        .collect()
}

/// One form's fields: ids, typed values and messages.
struct Fields {
    locale: Locale,
    key: String,
    errors: Vec<FieldError>,
    values: BTreeMap<String, String>,
}

impl Fields {
    fn new(locale: Locale, key: &str, failed: Option<&FailedForm>) -> Fields {
        let mine = failed.filter(|f| f.key == key);
        Fields {
            locale,
            key: key.to_string(),
            errors: mine.map(|f| f.errors.clone()).unwrap_or_default(),
            values: mine.map(|f| f.values.clone()).unwrap_or_default(),
        }
    }

    fn failed(&self) -> bool {
        !self.errors.is_empty()
    }

    fn id(&self, field: &str) -> String {
        format!("{}-{field}", self.key)
    }

    fn error(&self, field: &str) -> Option<FormError> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.code)
    }

    fn value(&self, field: &str) -> String {
        self.values.get(field).cloned().unwrap_or_default()
    }

    fn message(&self, field: &str) -> Option<AnyView> {
        let locale = self.locale;
        self.error(field).map(|code| {
            view! {
                <p class="field-error" id=format!("{}-error", self.id(field))>
                    <span class="visually-hidden">{tr!(locale, error_prefix)}</span>
                    {labels::form_error(locale, code)}
                </p>
            }
            .into_any()
        })
    }

    /// The ids that describe a control: its hint and its error.
    fn described_by(&self, field: &str, hint: bool) -> Option<String> {
        let mut ids = Vec::new();
        if hint {
            ids.push(format!("{}-hint", self.id(field)));
        }
        if self.error(field).is_some() {
            ids.push(format!("{}-error", self.id(field)));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }

    fn hint(&self, field: &str, hint: Option<String>) -> Option<AnyView> {
        let id = format!("{}-hint", self.id(field));
        hint.map(|h| view! { <p class="hint" id=id>{h}</p> }.into_any())
    }

    fn textarea(&self, field: &'static str, label: &str, hint: Option<String>) -> AnyView {
        let invalid = self.error(field).is_some();
        view! {
            <div class="field" class:field-invalid=invalid>
                <label for=self.id(field)>{label.to_string()}</label>
                {self.hint(field, hint.clone())}
                {self.message(field)}
                <textarea id=self.id(field) name=field rows="5"
                    aria-describedby=self.described_by(field, hint.is_some())
                    aria-invalid=invalid.then_some("true")>{self.value(field)}</textarea>
            </div>
        }
        .into_any()
    }

    fn input(
        &self,
        field: &'static str,
        kind: &'static str,
        label: &str,
        hint: Option<String>,
    ) -> AnyView {
        let invalid = self.error(field).is_some();
        view! {
            <div class="field" class:field-invalid=invalid>
                <label for=self.id(field)>{label.to_string()}</label>
                {self.hint(field, hint.clone())}
                {self.message(field)}
                <input id=self.id(field) name=field type=kind value=self.value(field)
                    aria-describedby=self.described_by(field, hint.is_some())
                    aria-invalid=invalid.then_some("true") />
            </div>
        }
        .into_any()
    }

    /// Radios in a fieldset; the first radio carries the field's id, so the summary's link
    /// lands on the group.
    fn radios(
        &self,
        field: &'static str,
        legend: &str,
        options: Vec<(&'static str, String)>,
        default: Option<&str>,
    ) -> AnyView {
        let invalid = self.error(field).is_some();
        let typed = self.value(field);
        let chosen = if typed.is_empty() {
            default.unwrap_or_default().to_string()
        } else {
            typed
        };
        let base = self.id(field);
        view! {
            <fieldset class="fieldset-plain" class:field-invalid=invalid
                aria-describedby=self.described_by(field, false)>
                <legend>{legend.to_string()}</legend>
                {self.message(field)}
                <div class="radios">
                    {options.into_iter().enumerate().map(|(i, (value, text))| {
                        let id = if i == 0 { base.clone() } else { format!("{base}-{value}") };
                        view! {
                            <div class="radio">
                                <input type="radio" id=id.clone() name=field value=value checked=chosen == value />
                                <label for=id>{text}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        }
        .into_any()
    }

    /// A problem with the form as a whole (someone else changed the appeal, the step is closed).
    fn form_message(&self) -> Option<AnyView> {
        self.message("form")
    }
}

/// What the case page's actions need to know about the appeal.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionContext {
    pub reference: String,
    pub version: i32,
    pub actions: Vec<EventKind>,
    pub can_claim: bool,
    pub assignable: Vec<(i64, String)>,
    pub assignee_name: Option<String>,
    /// Staff (and the ombudsman) may write notes and messages.
    pub may_write: bool,
    /// The citizen's language, in which a corrected outcome is written.
    pub citizen_language: Locale,
}

/// Every action the viewer may take now, each its own form.
#[component]
pub fn CaseActions(context: ActionContext, failed: Option<FailedForm>) -> impl IntoView {
    let locale = use_page_context().locale;
    let c = context;
    let failed = failed.as_ref();
    let steps: Vec<AnyView> = c
        .actions
        .iter()
        .filter_map(|&step| step_form(locale, &c, step, failed))
        .collect();
    let no_steps = steps
        .is_empty()
        .then(|| view! { <p class="hint">{tr!(locale, case_actions_none)}</p> });
    view! {
        <div class="case-actions" id="case-actions" tabindex="-1">
            <h2 id="case-actions-title">{tr!(locale, case_actions_title)}</h2>
            {c.can_claim.then(|| claim_form(locale, &c, failed))}
            {(!c.assignable.is_empty()).then(|| assign_form(locale, &c, failed))}
            {no_steps}
            {steps}
            {c.may_write.then(|| note_form(locale, &c, failed))}
        </div>
    }
}

fn hidden_fields(version: Option<i32>, step: Option<EventKind>) -> impl IntoView {
    view! {
        <CsrfField />
        {version.map(|v| view! { <input type="hidden" name="version" value=v.to_string() /> })}
        {step.map(|s| view! { <input type="hidden" name="step" value=s.as_str() /> })}
    }
}

fn claim_form(locale: Locale, c: &ActionContext, failed: Option<&FailedForm>) -> AnyView {
    let f = Fields::new(locale, "claim", failed);
    let action = format!("/staff/appeals/{}/claim", c.reference);
    view! {
        <div class="action-plain" id="action-claim">
            {f.form_message()}
            <form method="post" action=action class="action-form">
                {hidden_fields(None, None)}
                <button type="submit" class="button">{tr!(locale, case_claim)}</button>
            </form>
            <p class="hint">{tr!(locale, case_claim_hint)}</p>
        </div>
    }
    .into_any()
}

fn assign_form(locale: Locale, c: &ActionContext, failed: Option<&FailedForm>) -> AnyView {
    let f = Fields::new(locale, "assign", failed);
    let action = format!("/staff/appeals/{}/assign", c.reference);
    let typed = f.value("assignee");
    let current = c.assignee_name.clone();
    let invalid = f.error("assignee").is_some();
    let preselected = if typed.is_empty() {
        c.assignable
            .iter()
            .any(|(_, name)| current.as_deref() == Some(name.as_str()))
    } else {
        true
    };
    // Without a current choice, the select asks for one rather than offering the first name.
    let choose = (!preselected).then(|| {
        view! { <option value="" selected=true disabled=true>{tr!(locale, case_assign_choose)}</option> }
    });
    let options = c
        .assignable
        .iter()
        .map(|(id, name)| {
            let value = id.to_string();
            let selected = if typed.is_empty() {
                current.as_deref() == Some(name.as_str())
            } else {
                typed == value
            };
            view! { <option value=value selected=selected>{name.clone()}</option> }
        })
        .collect_view();
    view! {
        <div class="action-plain" id="action-assign">
            {f.form_message()}
            <form method="post" action=action class="action-form" novalidate>
                {hidden_fields(Some(c.version), None)}
                <div class="field" class:field-invalid=invalid>
                    <label for=f.id("assignee")>{tr!(locale, case_assign_label)}</label>
                    {f.message("assignee")}
                    <div class="inline-fields">
                        <select id=f.id("assignee") name="assignee" aria-invalid=invalid.then_some("true")
                            aria-describedby=f.described_by("assignee", false)>
                            {choose}
                            {options}
                        </select>
                        <button type="submit" class="button button-secondary">{tr!(locale, case_assign_submit)}</button>
                    </div>
                </div>
            </form>
        </div>
    }
    .into_any()
}

fn note_form(locale: Locale, c: &ActionContext, failed: Option<&FailedForm>) -> AnyView {
    let f = Fields::new(locale, "note", failed);
    let action = format!("/staff/appeals/{}/note", c.reference);
    let visibility = vec![
        (
            "internal",
            tr!(locale, case_visibility_internal).to_string(),
        ),
        ("public", tr!(locale, case_visibility_public).to_string()),
    ];
    view! {
        <details class="action-step" id="action-note" open=f.failed()>
            <summary>{tr!(locale, case_note_title)}</summary>
            {f.form_message()}
            <form method="post" action=action class="action-form" novalidate>
                {hidden_fields(None, None)}
                {f.textarea("body", tr!(locale, case_note_body), None)}
                {f.radios("visibility", tr!(locale, case_visibility_legend), visibility, Some("internal"))}
                <button type="submit" class="button">{tr!(locale, case_note_submit)}</button>
            </form>
        </details>
    }
    .into_any()
}

/// A step's form, or `None` for the citizen's own steps (answer, escalate, withdraw). A step
/// with fields folds into a `<details>` (open when it failed or is the only one); a step that
/// is a single button stays in view.
fn step_form(
    locale: Locale,
    c: &ActionContext,
    step: EventKind,
    failed: Option<&FailedForm>,
) -> Option<AnyView> {
    let f = Fields::new(locale, step.as_str(), failed);
    let (intro, fields): (&'static str, Option<AnyView>) = match step {
        EventKind::Acknowledge => (tr!(locale, case_hint_acknowledge), None),
        EventKind::Approve => (tr!(locale, case_hint_approve), None),
        EventKind::Reopen => (tr!(locale, case_hint_reopen), None),
        EventKind::Close => (tr!(locale, case_hint_close), None),
        EventKind::RequestInformation => (
            tr!(locale, case_hint_request_information),
            Some(f.textarea(
                "question",
                tr!(locale, case_question),
                Some(tr!(locale, case_question_hint).into()),
            )),
        ),
        EventKind::ProposeOutcome => (
            tr!(locale, case_hint_propose),
            Some(outcome_fields(locale, &f, c.citizen_language)),
        ),
        EventKind::Decide => (
            tr!(locale, case_hint_decide),
            Some(outcome_fields(locale, &f, c.citizen_language)),
        ),
        EventKind::RejectApproval => (
            tr!(locale, case_hint_reject),
            Some(f.textarea(
                "reason",
                tr!(locale, case_reject_reason),
                Some(tr!(locale, case_reject_reason_hint).into()),
            )),
        ),
        EventKind::Extend => (
            tr!(locale, case_hint_extend),
            Some(view! {
                {f.input("new_due", "date", tr!(locale, case_new_due), Some(tr!(locale, case_new_due_hint).into()))}
                {f.textarea("reason", tr!(locale, case_extend_reason), Some(tr!(locale, case_extend_reason_hint).into()))}
            }.into_any()),
        ),
        EventKind::OmbudsmanFinding => (
            tr!(locale, case_hint_finding),
            Some(finding_fields(locale, &f)),
        ),
        EventKind::Answer | EventKind::Escalate | EventKind::Withdraw => return None,
    };
    let action = format!("/staff/appeals/{}/step", c.reference);
    let id = format!("action-{}", step.as_str());
    let folds = fields.is_some();
    let open = f.failed() || c.actions.len() == 1;
    let body = view! {
        <p class="hint">{intro}</p>
        {f.form_message()}
        <form method="post" action=action class="action-form" novalidate>
            {hidden_fields(Some(c.version), Some(step))}
            {fields}
            <button type="submit" class="button">{button_text(locale, step)}</button>
        </form>
    };
    Some(if folds {
        view! {
            <details class="action-step" id=id open=open>
                <summary>{button_text(locale, step)}</summary>
                {body}
            </details>
        }
        .into_any()
    } else {
        view! { <div class="action-plain" id=id>{body}</div> }.into_any()
    })
}

/// A step's button. The citizen's "accept the decision and close" reads wrongly for staff, who
/// close an appeal whose escalation window has passed.
fn button_text(locale: Locale, step: EventKind) -> &'static str {
    match step {
        EventKind::Close => tr!(locale, case_close_button),
        other => step_button(locale, other),
    }
}

/// The answer to the appeal: upheld or (partly) overturned, the reasoning, and for an
/// overturn what the decision becomes.
fn outcome_fields(locale: Locale, f: &Fields, citizen_language: Locale) -> AnyView {
    let options = OutcomeKind::ALL
        .iter()
        .map(|&o| (o.as_str(), outcome(locale, o).to_string()))
        .collect();
    let label_hint = tr!(
        locale,
        case_corrected_label_hint,
        language = citizen_language.native_name()
    );
    view! {
        {f.radios("outcome", tr!(locale, case_outcome_legend), options, None)}
        {f.textarea("reasoning", tr!(locale, case_reasoning), Some(tr!(locale, case_reasoning_hint).into()))}
        <fieldset class="fieldset-plain fieldset-overturn">
            <legend>{tr!(locale, case_overturn_legend)}</legend>
            <p class="hint">{tr!(locale, case_overturn_hint)}</p>
            {f.input("corrected_outcome", "text", tr!(locale, case_corrected_code), Some(tr!(locale, case_corrected_code_hint).into()))}
            {f.input("corrected_label", "text", tr!(locale, case_corrected_label), Some(label_hint))}
        </fieldset>
    }
    .into_any()
}

/// The Human Rights Commissioner's finding and its reasoning.
fn finding_fields(locale: Locale, f: &Fields) -> AnyView {
    let options = FindingKind::ALL
        .iter()
        .map(|&k| (k.as_str(), finding(locale, k).to_string()))
        .collect();
    view! {
        {f.radios("finding", tr!(locale, case_finding_legend), options, None)}
        {f.textarea("reasoning", tr!(locale, case_reasoning), Some(tr!(locale, case_finding_reasoning_hint).into()))}
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flash(errors: &[(&str, FormError)], values: &[(&str, &str)]) -> Flash {
        Flash {
            form: STEP_FORM.into(),
            values: values
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            errors: errors
                .iter()
                .map(|(f, c)| FieldError {
                    field: f.to_string(),
                    code: *c,
                })
                .collect(),
            notice: None,
        }
    }

    #[test]
    fn the_echoed_step_names_the_failed_form() {
        let f = flash(
            &[("reasoning", FormError::FieldRequired)],
            &[("step", "ombudsman_finding")],
        );
        let failed = failed_form(&f, &[EventKind::Decide]).unwrap();
        assert_eq!(failed.key, "ombudsman_finding");
        let summary = summary_errors(&f, Some(&failed));
        assert_eq!(summary[0].field, "ombudsman_finding-reasoning");
    }

    #[test]
    fn without_an_echoed_step_the_fields_in_error_name_the_form_among_those_offered() {
        let f = flash(&[("reasoning", FormError::FieldRequired)], &[]);
        let offered = [EventKind::RequestInformation, EventKind::ProposeOutcome];
        assert_eq!(failed_form(&f, &offered).unwrap().key, "propose_outcome");
        let f = flash(&[("reason", FormError::FieldRequired)], &[]);
        assert_eq!(failed_form(&f, &[EventKind::Extend]).unwrap().key, "extend");
        let f = flash(&[("body", FormError::FieldRequired)], &[("body", "")]);
        assert_eq!(failed_form(&f, &[]).unwrap().key, "note");
        // The staff handlers keep `body` (empty) for every form: it does not make an
        // assignment's error the note's.
        let f = flash(&[("assignee", FormError::FieldRequired)], &[("body", "")]);
        assert_eq!(failed_form(&f, &[]).unwrap().key, "assign");
    }

    #[test]
    fn a_form_wide_error_links_to_the_form_or_to_the_actions() {
        let f = flash(&[("form", FormError::AppealChanged)], &[("step", "decide")]);
        let failed = failed_form(&f, &[EventKind::Decide]);
        assert_eq!(
            summary_errors(&f, failed.as_ref())[0].field,
            "action-decide"
        );
        let f = flash(&[("form", FormError::AppealClaimed)], &[]);
        assert_eq!(failed_form(&f, &[]), None);
        assert_eq!(summary_errors(&f, None)[0].field, "case-actions");
    }

    #[test]
    fn another_forms_flash_is_not_ours() {
        let mut f = flash(&[("body", FormError::FieldRequired)], &[]);
        f.form = "editor".into();
        assert_eq!(failed_form(&f, &[]), None);
        assert!(summary_errors(&f, None).is_empty());
    }
}
