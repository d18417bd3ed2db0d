//! `/register`: the public register of AI systems, with search and filters kept in the URL.

use crate::api::load_register;
use crate::components::pager::{page_href, PagePosition, Pager};
use crate::components::text::AgencyText;
use crate::context::use_page_context;
use crate::i18n::pick_text;
use crate::i18n::{counts, labels};
use crate::pages::staff_home::load_error;
use crate::tr;
use crate::types::RegisterFilters;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The register list page.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let query = use_query_map();
    let filters = move || {
        let q = query.read();
        RegisterFilters {
            query: q.get("q").unwrap_or_default(),
            agency: q.get("agency").unwrap_or_default(),
            risk: q.get("risk").unwrap_or_default(),
            status: q.get("status").unwrap_or_default(),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        }
    };
    let list = Resource::new_blocking(filters, load_register);
    let current = filters();
    let option = move |value: &'static str, label: String, selected: &str| {
        view! { <option value=value selected=selected == value>{label}</option> }
    };
    view! {
        <Title text=tr!(locale, register_title) />
        <h1>{tr!(locale, register_title)}</h1>
        <p class="lead">{tr!(locale, register_intro)}</p>
        <form method="get" action="/register" class="filters" role="search">
            <div class="field">
                <label for="q">{tr!(locale, register_search)}</label>
                <input id="q" name="q" type="search" value=current.query.clone() />
            </div>
            <div class="field">
                <label for="agency">{tr!(locale, register_agency)}</label>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let agencies = list.await.map(|l| l.agencies).unwrap_or_default();
                        let selected = filters().agency;
                        view! {
                            <select id="agency" name="agency">
                                <option value="">{tr!(locale, filter_any)}</option>
                                {agencies.into_iter().map(|a| {
                                    let name = pick_text(&a.name, locale, context.default_locale).0;
                                    let is_selected = a.slug == selected;
                                    view! { <option value=a.slug selected=is_selected>{name}</option> }
                                }).collect_view()}
                            </select>
                        }
                    })}
                </Suspense>
            </div>
            <div class="field">
                <label for="risk">{tr!(locale, risk_level)}</label>
                <select id="risk" name="risk">
                    {option("", tr!(locale, filter_any).into(), &current.risk)}
                    {option("high", tr!(locale, risk_high).into(), &current.risk)}
                    {option("medium", tr!(locale, risk_medium).into(), &current.risk)}
                    {option("minimal", tr!(locale, risk_minimal).into(), &current.risk)}
                </select>
            </div>
            <div class="field">
                <label for="status">{tr!(locale, system_status)}</label>
                <select id="status" name="status">
                    {option("", tr!(locale, filter_any).into(), &current.status)}
                    {option("active", tr!(locale, status_active).into(), &current.status)}
                    {option("suspended", tr!(locale, status_suspended).into(), &current.status)}
                    {option("retired", tr!(locale, status_retired).into(), &current.status)}
                </select>
            </div>
            <button type="submit" class="button">{tr!(locale, filter_apply)}</button>
        </form>
        <Suspense fallback=move || view! { <p>{tr!(locale, loading)}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) if list.rows.is_empty() => view! { <p class="results-count">{tr!(locale, register_none)}</p> }.into_any(),
                    Ok(list) => {
                        let position = PagePosition { page: list.page, page_size: list.page_size, total: list.total };
                        let filters = filters();
                        let href = move |page: u32| page_href("/register", &filter_pairs(&filters), page);
                        view! {
                        <p class="results-count" role="status">{counts::systems_found(locale, list.total as usize)}</p>
                        <ul class="card-list">
                            {list.rows.into_iter().map(|row| {
                                let href = format!("/register/{}", row.slug);
                                let risk_class = format!("tag tag-risk-{}", row.risk_level);
                                view! {
                                    <li class="card">
                                        <h2 class="card-title"><a href=href><AgencyText text=row.name /></a></h2>
                                        <p class="card-meta"><AgencyText text=row.agency_name /></p>
                                        <p class="card-tags">
                                            <span class=risk_class>{tr!(locale, risk_level)}": "{labels::risk_level(locale, row.risk_level)}</span>
                                            " "<span class="tag tag-status">{labels::system_status(locale, row.status)}</span>
                                        </p>
                                        <p><AgencyText text=row.description /></p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <Pager position href />
                    }.into_any()
                    }
                    Err(error) => load_error(locale, error),
                }
            })}
        </Suspense>
    }
}

/// The filters the reader chose, as query pairs for the page links.
fn filter_pairs(filters: &RegisterFilters) -> [(&'static str, &str); 4] {
    [
        ("q", &filters.query),
        ("agency", &filters.agency),
        ("risk", &filters.risk),
        ("status", &filters.status),
    ]
}
