//! The explanation page's "What you need to do" section: the action an agency asks of the
//! citizen after the decision, with its last day (docs/api.md, "The action"). Shown near the
//! top, after the summary, because a missed date costs the citizen more than a missed reason.

use crate::components::text::AgencyText;
use crate::context::use_page_context;
use crate::i18n::format_date;
use crate::tr;
use crate::types::ActionView;
use leptos::prelude::*;

/// What to do, by when, and the document to bring if one is named.
#[component]
pub fn ActionSection(action: ActionView) -> impl IntoView {
    let locale = use_page_context().locale;
    let by = format_date(locale, action.by.year, action.by.month, action.by.day);
    view! {
        <section class="panel action-panel" aria-labelledby="action-heading">
            <h2 id="action-heading">{tr!(locale, explanation_action)}</h2>
            <p class="lead"><AgencyText text=action.what /></p>
            <dl class="action-facts">
                <dt>{tr!(locale, explanation_action_by)}</dt>
                <dd><strong>{by}</strong></dd>
                {action.document.map(|document| view! {
                    <dt>{tr!(locale, explanation_action_document)}</dt>
                    <dd><AgencyText text=document /></dd>
                })}
            </dl>
        </section>
    }
}
