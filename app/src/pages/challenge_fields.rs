//! The challenge form's two groups of checkboxes: the reasons, and the decision's factors with
//! the right value and why under each. Plus the pieces the appeal forms share: what the
//! citizen typed (back from the flash) and a field's message.

use crate::components::text::AgencyText;
use crate::context::use_page_context;
use crate::i18n::appeal_labels::{ground, ground_hint};
use crate::i18n::{format_value, labels, Locale};
use crate::tr;
use crate::types::{FactorView, FieldError, Flash, GroundKind};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// What the citizen typed before a failed submit, as the flash carried it back. A ticked box of
/// a group comes back as `"name=value"` (or, older, the group's values joined with commas).
#[derive(Clone, Debug, Default)]
pub struct Typed(BTreeMap<String, String>);

impl Typed {
    /// The values of `form`, if the flash belongs to it.
    pub fn from_flash(flash: &Flash, form: &str) -> Typed {
        if flash.form == form {
            Typed(flash.values.clone())
        } else {
            Typed::default()
        }
    }

    /// One field's value, or empty.
    pub fn get(&self, name: &str) -> String {
        self.0.get(name).cloned().unwrap_or_default()
    }

    /// Whether the box `value` of the group `name` was ticked.
    pub fn has(&self, name: &str, value: &str) -> bool {
        self.0.contains_key(&format!("{name}={value}"))
            || self
                .0
                .get(name)
                .is_some_and(|v| v.split(',').any(|item| item.trim() == value))
    }
}

/// The message for `field`, under its label, with the id `aria-describedby` points at.
pub fn field_error(locale: Locale, errors: &[FieldError], field: &str) -> Option<AnyView> {
    errors.iter().find(|e| e.field == field).map(|e| {
        view! {
            <p class="field-error" id=format!("{field}-error")>
                <span class="visually-hidden">{tr!(locale, error_prefix)}</span>
                {labels::form_error(locale, e.code)}
            </p>
        }
        .into_any()
    })
}

fn has_error(errors: &[FieldError], field: &str) -> bool {
    errors.iter().any(|e| e.field == field)
}

/// "Why do you think the decision is wrong?": one checkbox per reason, each with its hint.
/// The first box has the id `grounds`, which the error summary links to.
#[component]
pub fn GroundsFieldset(errors: Vec<FieldError>, typed: Typed) -> impl IntoView {
    let locale = use_page_context().locale;
    let invalid = has_error(&errors, "grounds");
    let described = if invalid {
        "grounds-hint grounds-error"
    } else {
        "grounds-hint"
    };
    view! {
        <fieldset class="fieldset-plain" class:field-invalid=invalid aria-describedby=described>
            <legend class="legend-question">{tr!(locale, challenge_form_grounds_legend)}</legend>
            <p class="hint" id="grounds-hint">{tr!(locale, challenge_form_grounds_hint)}</p>
            {field_error(locale, &errors, "grounds")}
            <div class="checkboxes">
                {GroundKind::ALL.iter().enumerate().map(|(i, &g)| {
                    let id = if i == 0 { "grounds".to_string() } else { format!("grounds-{}", g.as_str()) };
                    let hint_id = format!("ground-hint-{}", g.as_str());
                    view! {
                        <div class="checkbox">
                            <input type="checkbox" id=id.clone() name="grounds" value=g.as_str()
                                checked=typed.has("grounds", g.as_str()) aria-describedby=hint_id.clone() />
                            <label for=id>{ground(locale, g)}</label>
                            <p class="hint checkbox-hint" id=hint_id>{ground_hint(locale, g)}</p>
                        </div>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// "Which information is wrong?": one checkbox per factor of the decision, showing the value
/// used, and under it (folded unless typed in or wrong) the right value and why.
#[component]
pub fn FactorsFieldset(
    factors: Vec<FactorView>,
    errors: Vec<FieldError>,
    typed: Typed,
) -> impl IntoView {
    let locale = use_page_context().locale;
    let invalid = has_error(&errors, "factors");
    let described = if invalid {
        "factors-hint factors-error"
    } else {
        "factors-hint"
    };
    view! {
        <fieldset class="fieldset-plain" class:field-invalid=invalid aria-describedby=described>
            <legend class="legend-question">{tr!(locale, challenge_form_factors_legend)}</legend>
            <p class="hint" id="factors-hint">{tr!(locale, challenge_form_factors_hint)}</p>
            {field_error(locale, &errors, "factors")}
            <div class="checkboxes">
                {factors.into_iter().enumerate().map(|(i, factor)| view! {
                    <FactorChoice factor first=i == 0 errors=errors.clone() typed=typed.clone() />
                }).collect_view()}
            </div>
        </fieldset>
    }
}

#[component]
fn FactorChoice(
    factor: FactorView,
    first: bool,
    errors: Vec<FieldError>,
    typed: Typed,
) -> impl IntoView {
    let locale = use_page_context().locale;
    let key = factor.key.clone();
    let id = if first {
        "factors".to_string()
    } else {
        format!("factor-{key}")
    };
    let correct = format!("correct_{key}");
    let why = format!("why_{key}");
    let correct_invalid = has_error(&errors, &correct);
    let why_invalid = has_error(&errors, &why);
    let (typed_correct, typed_why) = (typed.get(&correct), typed.get(&why));
    let open = correct_invalid || why_invalid || !typed_correct.is_empty() || !typed_why.is_empty();
    let value = format_value(locale, &factor.value, factor.unit.as_deref());
    let described = |field: &str, invalid: bool| invalid.then(|| format!("{field}-error"));
    view! {
        <div class="factor-choice">
            <div class="checkbox">
                <input type="checkbox" id=id.clone() name="factor" value=key.clone() checked=typed.has("factor", &key) />
                <label for=id>
                    <span class="factor-name"><AgencyText text=factor.label.clone() /></span>
                    <span class="factor-used">{tr!(locale, value_used)}": "<strong>{value}</strong></span>
                </label>
            </div>
            <details class="factor-details" open=open>
                <summary>
                    {tr!(locale, challenge_form_factor_details)}
                    <span class="visually-hidden">": "<AgencyText text=factor.label /></span>
                </summary>
                <div class="field" class:field-invalid=correct_invalid>
                    <label for=correct.clone()>{tr!(locale, challenge_form_correct_label)}</label>
                    {field_error(locale, &errors, &correct)}
                    <input type="text" id=correct.clone() name=correct.clone() value=typed_correct
                        aria-describedby=described(&correct, correct_invalid)
                        aria-invalid=correct_invalid.then_some("true") />
                </div>
                <div class="field" class:field-invalid=why_invalid>
                    <label for=why.clone()>{tr!(locale, challenge_form_why_label)}</label>
                    {field_error(locale, &errors, &why)}
                    <textarea id=why.clone() name=why.clone() rows="3" maxlength="1000"
                        aria-describedby=described(&why, why_invalid)
                        aria-invalid=why_invalid.then_some("true")>{typed_why}</textarea>
                </div>
            </details>
        </div>
    }
}
