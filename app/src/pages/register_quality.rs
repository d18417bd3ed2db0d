//! The register entry's "How well decisions are explained" section: the share of the system's
//! decisions stored without a quality warning, and the warnings by kind (docs/api.md,
//! "Quality checks"). It loads its own figures, so the entry page only places it.

use crate::api::load_system_quality;
use crate::context::use_page_context;
use crate::i18n::labels;
use crate::tr;
use crate::types::SystemQuality;
use leptos::prelude::*;

/// The section; `can_review` adds the link to the supervisors' page.
#[component]
pub fn QualitySection(slug: String, can_review: bool) -> impl IntoView {
    let locale = use_page_context().locale;
    let review_href = format!("/staff/register/{slug}/quality");
    let quality = Resource::new_blocking(move || slug.clone(), load_system_quality);
    view! {
        <section class="figures" aria-labelledby="quality-heading">
            <h2 id="quality-heading">{tr!(locale, quality_heading)}</h2>
            <Suspense fallback=move || view! { <p>{tr!(locale, loading)}</p> }>
                {move || Suspend::new(async move {
                    match quality.await {
                        Ok(quality) => view! { <QualityFigures quality /> }.into_any(),
                        Err(_) => view! { <p>{tr!(locale, quality_unavailable)}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <p class="hint">{tr!(locale, quality_note)}</p>
            {can_review.then(|| view! { <p><a href=review_href.clone()>{tr!(locale, quality_review_link)}</a></p> })}
        </section>
    }
}

/// The figures themselves, shared with the supervisors' page.
#[component]
pub fn QualityFigures(quality: SystemQuality) -> impl IntoView {
    let locale = use_page_context().locale;
    let Some(percent) = quality.percent_without_warnings() else {
        return view! { <p>{tr!(locale, quality_no_decisions)}</p> }.into_any();
    };
    view! {
        <dl class="figure-list">
            <div><dt>{tr!(locale, quality_share)}</dt><dd class="figure">{format!("{percent}%")}</dd></div>
            <div><dt>{tr!(locale, quality_checked)}</dt><dd class="figure">{quality.decisions.to_string()}</dd></div>
        </dl>
        {(!quality.by_code.is_empty()).then(|| view! {
            <h3>{tr!(locale, quality_by_kind)}</h3>
            <dl class="entry-fields quality-kinds">
                {quality.by_code.into_iter().map(|(code, n)| view! {
                    <dt>{labels::quality_code(locale, code)}</dt><dd>{n.to_string()}</dd>
                }).collect_view()}
            </dl>
        })}
    }
    .into_any()
}
