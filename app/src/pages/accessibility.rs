//! `/accessibility`: the accessibility statement. What the portal aims for (WCAG 2.2 AA), what
//! is known not to meet it, where to report a problem (the operator's address, as configured)
//! and where to turn if the answer does not satisfy.

use crate::context::use_locale;
use crate::i18n::{pick_text, Locale};
use crate::tr;
use crate::types::OperatorDetails;
use leptos::prelude::*;
use leptos_meta::Title;

/// The operator as configured; the pages that name it render on the server only.
pub(crate) fn configured_operator() -> OperatorDetails {
    #[cfg(feature = "ssr")]
    {
        crate::port::operator_details()
    }
    #[cfg(not(feature = "ssr"))]
    {
        OperatorDetails::default()
    }
}

/// A configured text in the reader's language, marked with its own language when it is in
/// another; `None` when the operator has not set it.
pub(crate) fn operator_text(text: &crate::types::LocalizedText, locale: Locale) -> Option<AnyView> {
    let (value, shown_in) = pick_text(text, locale, locale);
    (!value.trim().is_empty()).then(|| {
        let lang = shown_in.unwrap_or(locale).code();
        view! { <span lang=lang>{value}</span> }.into_any()
    })
}

/// A `mailto:` link to `address`.
pub(crate) fn mail_link(address: &str) -> AnyView {
    let href = format!("mailto:{address}");
    view! { <a href=href>{address.to_string()}</a> }.into_any()
}

/// The accessibility statement.
#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let locale = use_locale();
    let operator = configured_operator();
    let gaps = [
        tr!(locale, accessibility_gap_timeout),
        tr!(locale, accessibility_gap_documents),
        tr!(locale, accessibility_gap_agency_languages),
        tr!(locale, accessibility_gap_date_fields),
        tr!(locale, accessibility_gap_audit),
    ];
    let report = match operator.accessibility_contact() {
        Some(address) => view! {
            <p>{tr!(locale, accessibility_report_body)}" "{mail_link(address)}</p>
        }
        .into_any(),
        None => view! { <p>{tr!(locale, accessibility_report_unset)}</p> }.into_any(),
    };
    let complaints = operator_text(&operator.complaints_body, locale);
    let complaints_url = operator.complaints_url.trim().to_string();
    view! {
        <Title text=tr!(locale, accessibility_title) />
        <div class="prose">
            <h1>{tr!(locale, accessibility_title)}</h1>
            <p class="lead">{tr!(locale, accessibility_intro)}</p>
            <section aria-labelledby="accessibility-standard">
                <h2 id="accessibility-standard">{tr!(locale, accessibility_standard_title)}</h2>
                <p>{tr!(locale, accessibility_standard_body)}</p>
                <p>{tr!(locale, accessibility_tested_body)}</p>
            </section>
            <section aria-labelledby="accessibility-gaps">
                <h2 id="accessibility-gaps">{tr!(locale, accessibility_gaps_title)}</h2>
                <ul>{gaps.into_iter().map(|gap| view! { <li>{gap}</li> }).collect_view()}</ul>
            </section>
            <section aria-labelledby="accessibility-report">
                <h2 id="accessibility-report">{tr!(locale, accessibility_report_title)}</h2>
                {report}
                <p>{tr!(locale, accessibility_report_answer)}</p>
            </section>
            <section aria-labelledby="accessibility-enforcement">
                <h2 id="accessibility-enforcement">{tr!(locale, accessibility_enforcement_title)}</h2>
                <p>{tr!(locale, accessibility_enforcement_body)}</p>
                {complaints.map(|body| view! {
                    <p>
                        {tr!(locale, accessibility_enforcement_complaints)}" "{body}
                        {(!complaints_url.is_empty()).then(|| view! { " (" <a href=complaints_url.clone()>{complaints_url.clone()}</a> ")" })}
                    </p>
                })}
            </section>
        </div>
    }
}
