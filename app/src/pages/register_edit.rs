//! `/staff/register/{slug}/edit`: a supervisor edits the agency's register entry; a save that
//! changes something makes the entry's draft, reviewed and published with a change note on
//! `/staff/register/{slug}/draft`. Works as a plain form without JavaScript.

use crate::api::{load_editable_entry, AppError};
use crate::components::entry_fields::ymd_date;
use crate::components::entry_fields::EntryFields;
use crate::components::form::{described_by, has_error, CsrfField, ErrorSummary, FieldMessage};
use crate::components::text::AgencyText;
use crate::context::use_page_context;
use crate::i18n::labels;
use crate::i18n::{Locale, LocalizedText};
use crate::pages::not_found::set_not_found_status;
use crate::pages::staff_home::load_error;
use crate::tr;
use crate::types::{ExplanationMethod, RiskLevel, SystemStatus};
use crate::types::{FieldError, RegisterEntry, RegisterEntryContent, EDITOR_FORM, EDITOR_PREVIEW};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use std::collections::BTreeMap;

/// The register editor page.
#[component]
pub fn RegisterEditPage() -> impl IntoView {
    let locale = use_page_context().locale;
    let params = use_params_map();
    let entry = Resource::new_blocking(
        move || params.read().get("slug").unwrap_or_default(),
        load_editable_entry,
    );
    view! {
        <Suspense fallback=move || view! { <p>{tr!(locale, loading)}</p> }>
            {move || Suspend::new(async move {
                match entry.await {
                    Ok(entry) => view! { <EditorForm entry /> }.into_any(),
                    Err(error) => {
                        if error == AppError::NotFound {
                            set_not_found_status();
                        }
                        load_error(locale, error)
                    }
                }
            })}
        </Suspense>
    }
}

/// The form's starting values: what was typed (after a failed save) or the current entry.
fn initial_values(
    entry: &RegisterEntry,
    typed: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    if !typed.is_empty() {
        return typed.clone();
    }
    let c = &entry.content;
    let mut values = BTreeMap::new();
    let mut put_text = |name: &str, text: &LocalizedText| {
        for (language, text) in text.iter() {
            values.insert(format!("{name}.{}", language.code()), text.to_string());
        }
    };
    for (field, text) in [
        ("name", &c.name),
        ("description", &c.description),
        ("purpose", &c.purpose),
        ("legal_basis", &c.legal_basis),
        ("human_oversight", &c.human_oversight),
        ("impact_assessment.summary", &c.impact_assessment.summary),
        ("bias_audit.summary", &c.bias_audit.summary),
    ] {
        put_text(field, text);
    }
    for (field, value) in [
        ("risk_level", c.risk_level.as_str()),
        ("status", c.status.as_str()),
        ("model_type", &c.model_type),
        ("explanation_method", c.explanation_method.as_str()),
        ("supplier", &c.supplier),
        ("contact_email", &c.contact_email),
        ("impact_assessment.date", &c.impact_assessment.date),
        (
            "impact_assessment.url",
            c.impact_assessment.url.as_deref().unwrap_or_default(),
        ),
        ("bias_audit.date", &c.bias_audit.date),
    ] {
        values.insert(field.into(), value.to_string());
    }
    values.insert(
        "human_final_decision".into(),
        c.human_final_decision.to_string(),
    );
    values
}

#[component]
fn EditorForm(entry: RegisterEntry) -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let flash = context.flash.clone().unwrap_or_default();
    let errors = Signal::stored(flash.errors_for(EDITOR_FORM));
    let typed = if flash.form == EDITOR_FORM {
        flash.values.clone()
    } else {
        BTreeMap::new()
    };
    // "Preview" came back with the entry as checked: shown as the public would see it.
    let preview = typed
        .get(EDITOR_PREVIEW)
        .and_then(|json| serde_json::from_str::<RegisterEntryContent>(json).ok())
        .map(|content| {
            view! {
                <section id="preview" class="panel entry-preview" aria-labelledby="preview-heading">
                    <h2 id="preview-heading">{tr!(locale, editor_preview_heading)}</h2>
                    <p class="hint">{tr!(locale, editor_preview_note)}</p>
                    <p class="entry-preview-name"><strong><AgencyText text=content.name.clone() /></strong></p>
                    <p class="lead"><AgencyText text=content.description.clone() /></p>
                    <EntryFields content=content.clone() agency_name=entry.agency_name.clone() />
                </section>
            }
        });
    let values = initial_values(&entry, &typed);
    let get = move |name: &str| values.get(name).cloned().unwrap_or_default();
    let action = format!("/staff/register/{}/edit", entry.slug);
    let text_group = {
        let get = get.clone();
        move |name: &'static str, label: &'static str| {
            let get = get.clone();
            view! {
                <fieldset class="fieldset">
                    <legend>{label}</legend>
                    {Locale::ALL.into_iter().map(|language| {
                        let field = format!("{name}.{}", language.code());
                        let invalid = has_error(&errors.get_untracked(), &field);
                        let message = field_message(errors.get_untracked(), &field, locale);
                        let described = described_by(None, &field, &errors.get_untracked());
                        view! {
                            <div class="field" class:field-invalid=invalid>
                                <label for=field.clone()>{language.native_name()}</label>
                                {message}
                                <textarea id=field.clone() name=field.clone() rows="3" lang=language.code() aria-invalid=invalid.then_some("true") aria-describedby=described>{get(&field)}</textarea>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            }
        }
    };
    let input = {
        let get = get.clone();
        move |name: &'static str, label: &'static str, kind: &'static str| {
            let invalid = has_error(&errors.get_untracked(), name);
            // A date field looks as the browser's own language writes dates, which may not be
            // the page's: the hint writes the value out as the register will show it.
            let hint_id = format!("{name}-hint");
            let hint = (kind == "date")
                .then(|| get(name))
                .filter(|value| crate::components::entry_fields::is_ymd(value))
                .map(|value| {
                    let date = ymd_date(locale, &value);
                    view! { <p class="hint" id=hint_id.clone()>{tr!(locale, editor_date_shown, date = &date)}</p> }
                });
            let described = described_by(
                hint.is_some().then_some(hint_id.as_str()),
                name,
                &errors.get_untracked(),
            );
            view! {
                <div class="field" class:field-invalid=invalid>
                    <label for=name>{label}</label>
                    {hint}
                    <FieldMessage errors=errors field=name />
                    <input id=name name=name type=kind value=get(name) aria-invalid=invalid.then_some("true") aria-describedby=described />
                </div>
            }
        }
    };
    let select = {
        let get = get.clone();
        move |name: &'static str,
              label: &'static str,
              options: Vec<(&'static str, &'static str)>| {
            let current = get(name);
            let described = described_by(None, name, &errors.get_untracked());
            view! {
                <div class="field">
                    <label for=name>{label}</label>
                    <FieldMessage errors=errors field=name />
                    <select id=name name=name aria-describedby=described>
                        {options.into_iter().map(|(value, text)| view! { <option value=value selected=current == value>{text}</option> }).collect_view()}
                    </select>
                </div>
            }
        }
    };
    // The heading names the entry as the public knows it, in the reader's language.
    let name = crate::i18n::pick_text(&entry.content.name, locale, context.default_locale).0;
    let title = tr!(locale, editor_title, name = &name);
    let intro = if entry.current_version == 0 {
        tr!(locale, editor_intro_unpublished).to_string()
    } else {
        tr!(
            locale,
            editor_intro,
            version = entry.current_version.to_string()
        )
    };
    view! {
        <Title text=title.clone() />
        <p><a href=format!("/register/{}", entry.slug)>{tr!(locale, editor_back)}</a></p>
        <h1>{title}</h1>
        <p class="lead">{intro}</p>
        <ErrorSummary errors=errors />
        {preview}
        <form method="post" action=action novalidate class="editor">
            <CsrfField />
            {text_group("name", tr!(locale, editor_name))}
            {text_group("description", tr!(locale, editor_description))}
            {text_group("purpose", tr!(locale, register_purpose))}
            {text_group("legal_basis", tr!(locale, explanation_legal_basis))}
            {text_group("human_oversight", tr!(locale, register_oversight))}
            {select("risk_level", tr!(locale, risk_level), RiskLevel::ALL.iter().map(|&r| (r.as_str(), labels::risk_level(locale, r))).collect())}
            {select("human_final_decision", tr!(locale, register_human_final), vec![("true", tr!(locale, yes_human_final)), ("false", tr!(locale, no_human_final))])}
            {select("status", tr!(locale, system_status), SystemStatus::ALL.iter().map(|&s| (s.as_str(), labels::system_status(locale, s))).collect())}
            {input("model_type", tr!(locale, register_model_type), "text")}
            {select("explanation_method", tr!(locale, register_explanation_method), ExplanationMethod::ALL.iter().map(|&m| (m.as_str(), labels::explanation_method(locale, m))).collect())}
            {input("supplier", tr!(locale, register_supplier), "text")}
            {input("contact_email", tr!(locale, register_contact), "email")}
            {input("impact_assessment.date", tr!(locale, editor_impact_date), "date")}
            {text_group("impact_assessment.summary", tr!(locale, register_impact_assessment))}
            {input("impact_assessment.url", tr!(locale, editor_impact_url), "url")}
            {input("bias_audit.date", tr!(locale, editor_bias_date), "date")}
            {text_group("bias_audit.summary", tr!(locale, register_bias_audit))}
            <p class="hint">{tr!(locale, editor_categories_note)}</p>
            <div class="form-actions">
                <button type="submit" class="button">{tr!(locale, editor_save)}</button>
                " "
                <button type="submit" name="action" value="preview" class="button button-secondary">{tr!(locale, editor_preview)}</button>
            </div>
        </form>
    }
}

fn field_message(errors: Vec<FieldError>, field: &str, locale: Locale) -> Option<impl IntoView> {
    errors.into_iter().find(|e| e.field == field).map(|e| {
        view! {
            <p class="field-error" id=format!("{field}-error")>
                <span class="visually-hidden">{tr!(locale, error_prefix)}</span>
                {labels::form_error(locale, e.code)}
            </p>
        }
    })
}
