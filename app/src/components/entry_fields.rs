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

/// Whether `text` is a `YYYY-MM-DD` date with a real month and day number (what a date field
/// sends), so it can be written out without guessing.
pub fn is_ymd(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |part: &str, len: usize| {
        (part.len() == len && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y, m, d] => {
            number(y, 4).is_some()
                && number(m, 2).is_some_and(|m| (1..=12).contains(&m))
                && number(d, 2).is_some_and(|d| (1..=31).contains(&d))
        }
        _ => false,
    }
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

#[cfg(test)]
mod tests {
    use super::is_ymd;

    #[test]
    fn only_a_whole_date_with_a_real_month_and_day_is_a_date() {
        assert!(is_ymd("2025-10-14"));
        assert!(is_ymd("2026-12-31"));
        for text in [
            "",
            "2025-13-01",
            "2025-00-10",
            "2025-10-32",
            "2025-1-14",
            "14.10.2025",
            "2025-10-14x",
            "20251014",
        ] {
            assert!(!is_ymd(text), "{text:?} is not a date");
        }
    }
}
