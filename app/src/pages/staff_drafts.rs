//! `/staff/register/drafts`: the agency's register drafts waiting for a supervisor to review
//! and publish them (docs/api.md, "Drafts and publishing").

use crate::api::{load_register_drafts, AppError};
use crate::components::text::AgencyText;
use crate::context::use_page_context;
use crate::i18n::labels;
use crate::pages::not_found::set_not_found_status;
use crate::pages::staff_home::load_error;
use crate::tr;
use crate::types::DRAFT_FORM;
use leptos::prelude::*;
use leptos_meta::Title;

/// The register drafts page.
#[component]
pub fn StaffDraftsPage() -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let flash = context.flash.clone().unwrap_or_default();
    let notice = flash.notice.filter(|_| flash.form == DRAFT_FORM);
    let drafts = Resource::new_blocking(|| (), |_| load_register_drafts());
    view! {
        <Title text=tr!(locale, drafts_title) />
        {notice.map(|key| view! { <div class="notice" role="status">{labels::notice(locale, key)}</div> })}
        <h1>{tr!(locale, drafts_title)}</h1>
        <p class="lead">{tr!(locale, drafts_intro)}</p>
        <Suspense fallback=move || view! { <p>{tr!(locale, loading)}</p> }>
            {move || Suspend::new(async move {
                match drafts.await {
                    Ok(drafts) if drafts.is_empty() => view! { <p>{tr!(locale, drafts_none)}</p> }.into_any(),
                    Ok(drafts) => view! {
                        <div class="table-wrap">
                            <table class="data-table">
                                <thead><tr>
                                    <th scope="col">{tr!(locale, system_name)}</th>
                                    <th scope="col">{tr!(locale, drafts_base)}</th>
                                    <th scope="col">{tr!(locale, drafts_saved_at)}</th>
                                </tr></thead>
                                <tbody>
                                    {drafts.into_iter().map(|d| {
                                        let href = format!("/staff/register/{}/draft", d.slug);
                                        let base = if d.base_version == 0 {
                                            tr!(locale, drafts_new_entry).to_string()
                                        } else {
                                            tr!(locale, register_version_label, version = d.base_version.to_string())
                                        };
                                        view! {
                                            <tr>
                                                <td><a href=href><AgencyText text=d.name /></a></td>
                                                <td>{base}</td>
                                                <td>{d.saved_at}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
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
