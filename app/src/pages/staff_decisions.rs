//! `/staff/decisions`: the agency's decisions, searchable by reference and filtered by system
//! and outcome (filters live in the URL); each opens as the citizen sees it.

use crate::api::load_staff_decisions;
use crate::components::pager::{page_href, PagePosition, Pager};
use crate::components::text::AgencyText;
use crate::context::use_page_context;
use crate::i18n::counts;
use crate::i18n::{format_date, pick_text};
use crate::pages::staff_home::load_error;
use crate::tr;
use crate::types::DecisionFilters;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The staff decision list.
#[component]
pub fn StaffDecisionsPage() -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let default_locale = context.default_locale;
    // Ombudsmen and administrators see the decisions of every state body, not of one.
    let title = match &context.staff {
        Some(staff) if !staff.role.is_agency_staff() => tr!(locale, staff_decisions_all_title),
        _ => tr!(locale, staff_decisions_title),
    };
    let query = use_query_map();
    let filters = move || {
        let q = query.read();
        DecisionFilters {
            reference: q.get("reference").unwrap_or_default(),
            system: q.get("system").unwrap_or_default(),
            outcome: q.get("outcome").unwrap_or_default(),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        }
    };
    let list = Resource::new_blocking(filters, load_staff_decisions);
    let current = filters();
    view! {
        <Title text=title />
        <h1>{title}</h1>
        <Suspense fallback=move || view! { <p>{tr!(locale, loading)}</p> }>
            {move || {
                let current = current.clone();
                Suspend::new(async move {
                match list.await {
                    Ok(list) => {
                        let position = PagePosition { page: list.page, page_size: list.page_size, total: list.total };
                        let filters = current.clone();
                        let href = move |page: u32| {
                            let pairs = [
                                ("reference", filters.reference.as_str()),
                                ("system", filters.system.as_str()),
                                ("outcome", filters.outcome.as_str()),
                            ];
                            page_href("/staff/decisions", &pairs, page)
                        };
                        view! {
                            <form method="get" action="/staff/decisions" class="filters" role="search">
                                <div class="field">
                                    <label for="reference">{tr!(locale, field_reference)}</label>
                                    <input id="reference" name="reference" type="search" value=current.reference.clone() />
                                </div>
                                <div class="field">
                                    <label for="system">{tr!(locale, system_name)}</label>
                                    <select id="system" name="system">
                                        <option value="">{tr!(locale, filter_any)}</option>
                                        {list.systems.iter().map(|s| view! { <option value=s.value.clone() selected=s.value == current.system>{pick_text(&s.label, locale, default_locale).0}</option> }).collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="outcome">{tr!(locale, decision_outcome)}</label>
                                    <select id="outcome" name="outcome">
                                        <option value="">{tr!(locale, filter_any)}</option>
                                        {list.outcomes.iter().map(|o| view! { <option value=o.value.clone() selected=o.value == current.outcome>{pick_text(&o.label, locale, default_locale).0}</option> }).collect_view()}
                                    </select>
                                </div>
                                <button type="submit" class="button">{tr!(locale, filter_apply)}</button>
                            </form>
                            <p class="results-count" role="status">{counts::decisions_found(locale, list.total)}</p>
                            <div class="table-wrap">
                                <table class="data-table">
                                    <thead><tr>
                                        <th scope="col">{tr!(locale, field_reference)}</th>
                                        <th scope="col">{tr!(locale, decision_date)}</th>
                                        <th scope="col">{tr!(locale, system_name)}</th>
                                        <th scope="col">{tr!(locale, decision_outcome)}</th>
                                        <th scope="col">{tr!(locale, decision_external_id)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {list.rows.into_iter().map(|row| {
                                            let href = format!("/d/{}", row.reference);
                                            let date = format_date(locale, row.decided_on.year, row.decided_on.month, row.decided_on.day);
                                            view! {
                                                <tr>
                                                    <td><a href=href class="reference-inline">{row.reference}</a></td>
                                                    <td>{date}</td>
                                                    <td><AgencyText text=row.system_name /></td>
                                                    <td><AgencyText text=row.outcome_label /></td>
                                                    <td>{row.external_id}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <Pager position href />
                        }.into_any()
                    }
                    Err(error) => load_error(locale, error),
                }
            })}}
        </Suspense>
    }
}
