//! `/staff/register/{slug}/quality`: for the supervisors of the agency that owns a system, its
//! explanation quality score and the decisions with the most warnings, to fix at the source.

use crate::api::load_quality_review;
use crate::components::text::AgencyText;
use crate::context::use_page_context;
use crate::i18n::labels;
use crate::pages::register_quality::QualityFigures;
use crate::pages::staff_home::load_error;
use crate::tr;
use crate::types::QualityReview;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The supervisors' quality page.
#[component]
pub fn StaffQualityPage() -> impl IntoView {
    let locale = use_page_context().locale;
    let params = use_params_map();
    let review = Resource::new_blocking(
        move || params.read().get("slug").unwrap_or_default(),
        load_quality_review,
    );
    view! {
        <Suspense fallback=move || view! { <p>{tr!(locale, loading)}</p> }>
            {move || Suspend::new(async move {
                match review.await {
                    Ok(review) => view! { <ReviewView review /> }.into_any(),
                    Err(error) => load_error(locale, error),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReviewView(review: QualityReview) -> impl IntoView {
    let locale = use_page_context().locale;
    let entry_href = format!("/register/{}", review.slug);
    view! {
        <Title text=tr!(locale, quality_review_title) />
        <p><a href=entry_href>{tr!(locale, quality_back_to_entry)}</a></p>
        <h1>{tr!(locale, quality_review_title)}</h1>
        <p class="lead"><AgencyText text=review.system_name /></p>
        <section class="figures" aria-labelledby="quality-heading">
            <h2 id="quality-heading">{tr!(locale, quality_heading)}</h2>
            <QualityFigures quality=review.quality />
        </section>
        <section aria-labelledby="worst-heading">
            <h2 id="worst-heading">{tr!(locale, quality_worst_heading)}</h2>
            {if review.worst.is_empty() {
                view! { <p>{tr!(locale, quality_worst_none)}</p> }.into_any()
            } else {
                view! {
                    <table class="quality-worst">
                        <thead><tr>
                            <th scope="col">{tr!(locale, quality_col_reference)}</th>
                            <th scope="col">{tr!(locale, quality_col_warnings)}</th>
                            <th scope="col">{tr!(locale, quality_col_kinds)}</th>
                        </tr></thead>
                        <tbody>
                            {review.worst.into_iter().map(|example| {
                                let href = format!("/d/{}", example.reference);
                                let kinds = example.codes.iter().map(|c| labels::quality_code(locale, *c)).collect::<Vec<_>>().join("; ");
                                view! {
                                    <tr>
                                        <td><a class="reference-inline" href=href>{example.reference.clone()}</a></td>
                                        <td>{example.warnings.to_string()}</td>
                                        <td>{kinds}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}
