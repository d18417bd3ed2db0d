//! The fields of a register entry as the public reads them: the entry page shows them, and
//! the review of a draft shows the draft the same way, with each changed field's published
//! and draft values side by side (docs/api.md, "Drafts and publishing").

use crate::components::text::AgencyText;
use crate::context::use_page_context;
use crate::i18n::{format_date, labels, Locale, LocalizedText};
use crate::tr;
use crate::types::{Assessment, EntryField, RegisterEntryContent};
use leptos::prelude::*;

/// Every field but the name and description (the page's heading and lead say those), with
/// the state body first.
#[component]
pub fn EntryFields(content: RegisterEntryContent, agency_name: LocalizedText) -> impl IntoView {
    let locale = use_page_context().locale;
    let rows = EntryField::ALL
        .into_iter()
        .filter(|f| !matches!(f, EntryField::Name | EntryField::Description))
        .map(|field| {
            view! {
                <dt>{labels::entry_field(locale, field)}</dt>
                <dd>{field_value(locale, &content, field)}</dd>
            }
        })
        .collect_view();
    view! {
        <dl class="entry-fields">
            <dt>{tr!(locale, register_agency)}</dt>
            <dd><AgencyText text=agency_name /></dd>
            {rows}
        </dl>
    }
}

/// One field's value as the entry page shows it.
pub fn field_value(locale: Locale, c: &RegisterEntryContent, field: EntryField) -> AnyView {
    let text = |text: &LocalizedText| view! { <AgencyText text=text.clone() /> }.into_any();
    match field {
        EntryField::Name => text(&c.name),
        EntryField::Description => text(&c.description),
        EntryField::Purpose => text(&c.purpose),
        EntryField::LegalBasis => text(&c.legal_basis),
        EntryField::HumanOversight => text(&c.human_oversight),
        EntryField::RiskLevel => {
            let risk = c.risk_level.as_str();
            view! { <span class=format!("tag tag-risk-{risk}")>{labels::risk_level(locale, c.risk_level)}</span> }
                .into_any()
        }
        EntryField::HumanFinalDecision => if c.human_final_decision {
            tr!(locale, yes_human_final)
        } else {
            tr!(locale, no_human_final)
        }
        .into_any(),
        EntryField::DataCategories => {
            let categories = c.data_categories.clone();
            view! {
                <ul>{categories.into_iter().map(|cat| view! { <li><AgencyText text=cat.label /></li> }).collect_view()}</ul>
            }
            .into_any()
        }
        EntryField::ModelType => c.model_type.clone().into_any(),
        EntryField::ExplanationMethod => {
            labels::explanation_method(locale, c.explanation_method).into_any()
        }
        EntryField::Supplier => c.supplier.clone().into_any(),
        EntryField::ImpactAssessment => assessment(locale, &c.impact_assessment),
        EntryField::BiasAudit => assessment(locale, &c.bias_audit),
        EntryField::Status => labels::system_status(locale, c.status).into_any(),
        EntryField::ContactEmail => {
            let contact = c.contact_email.clone();
            view! { <a href=format!("mailto:{contact}")>{contact.clone()}</a> }.into_any()
        }
    }
}

fn assessment(locale: Locale, a: &Assessment) -> AnyView {
    let date = ymd_date(locale, &a.date);
    let summary = a.summary.clone();
    let url = a.url.clone();
    view! {
        <p><strong>{date}</strong></p>
        <p><AgencyText text=summary /></p>
        {url.map(|u| view! { <p><a href=u.clone()>{u.clone()}</a></p> })}
    }
    .into_any()
}

/// A `YYYY-MM-DD` date written out in the reader's language.
pub fn ymd_date(locale: Locale, ymd: &str) -> String {
    let mut parts = ymd.split('-').map(|p| p.parse::<u32>().unwrap_or(1));
    let (y, m, d) = (
        parts.next().unwrap_or(2026),
        parts.next().unwrap_or(1),
        parts.next().unwrap_or(1),
    );
    format_date(locale, y as i32, m, d)
}
