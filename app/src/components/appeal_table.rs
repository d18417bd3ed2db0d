//! The appeal queues' table and its filters, shared by the staff queue (`/staff/appeals`) and
//! the Human Rights Commissioner's escalations (`/ombudsman`). Rows come in the server's order,
//! the nearest deadline first; an overdue or nearly due deadline is said in words and marked
//! with a symbol, never by colour alone.

use crate::components::text::AgencyText;
use crate::context::use_page_context;
use crate::i18n::appeal_labels::{appeal_state, deadline_status, ground, ground_short};
use crate::i18n::{format_date, pick_text, Locale};
use crate::tr;
use crate::types::{
    AppealFilters, AppealRow, AppealState, CalendarDate, DeadlineStatus, GroundKind,
};
use leptos::prelude::*;

/// "15 December 2026" in the reader's language.
pub fn date(locale: Locale, d: CalendarDate) -> String {
    format_date(locale, d.year, d.month, d.day)
}

/// The queue's filters from the URL's query (`?state=&system=&assignee=&ground=&page=`).
pub fn filters_from_query(get: impl Fn(&str) -> Option<String>) -> AppealFilters {
    AppealFilters {
        state: get("state").unwrap_or_default(),
        system: get("system").unwrap_or_default(),
        assignee: get("assignee").unwrap_or_default(),
        ground: get("ground").unwrap_or_default(),
        page: get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
    }
}

/// The filters as query pairs, for the pager's links.
pub fn filter_pairs(filters: &AppealFilters) -> [(&'static str, String); 4] {
    [
        ("state", filters.state.clone()),
        ("system", filters.system.clone()),
        ("assignee", filters.assignee.clone()),
        ("ground", filters.ground.clone()),
    ]
}

/// Whether any filter narrows the queue.
pub fn is_filtered(filters: &AppealFilters) -> bool {
    filter_pairs(filters).iter().any(|(_, v)| !v.is_empty())
}

/// The GET form that narrows a queue; its choices persist in the URL.
#[component]
pub fn AppealFilterForm(
    /// The page the form reloads.
    action: &'static str,
    current: AppealFilters,
    systems: Vec<crate::types::LabelledChoice>,
    /// Whether to offer "assigned to me / unassigned" (agency staff, not the ombudsman).
    show_assignee: bool,
) -> impl IntoView {
    let context = use_page_context();
    let (locale, default_locale) = (context.locale, context.default_locale);
    let assignee = show_assignee.then(|| {
        let choices = [
            ("", tr!(locale, queue_assignee_any)),
            ("me", tr!(locale, queue_assignee_me)),
            ("none", tr!(locale, queue_assignee_none)),
        ];
        let chosen = current.assignee.clone();
        view! {
            <div class="field">
                <label for="filter-assignee">{tr!(locale, queue_col_assignee)}</label>
                <select id="filter-assignee" name="assignee">
                    {choices.into_iter().map(|(value, text)| view! { <option value=value selected=chosen == value>{text}</option> }).collect_view()}
                </select>
            </div>
        }
    });
    view! {
        <form method="get" action=action class="filters" role="search" aria-label=tr!(locale, queue_filters_label)>
            <div class="field">
                <label for="filter-state">{tr!(locale, queue_col_state)}</label>
                <select id="filter-state" name="state">
                    <option value="">{tr!(locale, filter_any)}</option>
                    {AppealState::ALL.iter().map(|&s| view! { <option value=s.as_str() selected=current.state == s.as_str()>{appeal_state(locale, s)}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-system">{tr!(locale, system_name)}</label>
                <select id="filter-system" name="system">
                    <option value="">{tr!(locale, filter_any)}</option>
                    {systems.into_iter().map(|s| view! { <option value=s.value.clone() selected=s.value == current.system>{pick_text(&s.label, locale, default_locale).0}</option> }).collect_view()}
                </select>
            </div>
            {assignee}
            <div class="field">
                <label for="filter-ground">{tr!(locale, queue_col_grounds)}</label>
                <select id="filter-ground" name="ground">
                    <option value="">{tr!(locale, filter_any)}</option>
                    {GroundKind::ALL.iter().map(|&g| view! { <option value=g.as_str() selected=current.ground == g.as_str()>{ground(locale, g)}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button">{tr!(locale, filter_apply)}</button>
        </form>
    }
}

/// The queue's table. `show_agency` adds the state body's column (for those who see every body).
#[component]
pub fn AppealTable(rows: Vec<AppealRow>, show_agency: bool) -> impl IntoView {
    let locale = use_page_context().locale;
    view! {
        <div class="table-wrap">
            <table class="data-table appeal-table">
                <caption class="table-caption">{tr!(locale, queue_caption)}</caption>
                <thead><tr>
                    <th scope="col">{tr!(locale, queue_col_reference)}</th>
                    <th scope="col">{tr!(locale, queue_col_decision)}</th>
                    <th scope="col" class="col-due">{tr!(locale, queue_col_due)}</th>
                    <th scope="col">{tr!(locale, queue_col_state)}</th>
                    {show_agency.then(|| view! { <th scope="col">{tr!(locale, queue_col_agency)}</th> })}
                    <th scope="col">{tr!(locale, system_name)}</th>
                    <th scope="col">{tr!(locale, queue_col_grounds)}</th>
                    <th scope="col">{tr!(locale, queue_col_filed)}</th>
                    <th scope="col">{tr!(locale, queue_col_assignee)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| view! { <AppealRowView row show_agency /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn AppealRowView(row: AppealRow, show_agency: bool) -> impl IntoView {
    let locale = use_page_context().locale;
    let href = format!("/staff/appeals/{}", row.reference);
    let row_class = match row.due_status {
        DeadlineStatus::Overdue => "row-overdue",
        DeadlineStatus::AtRisk => "row-at-risk",
        _ => "",
    };
    let grounds = row
        .grounds
        .iter()
        .map(|&g| ground_short(locale, g))
        .collect::<Vec<_>>()
        .join(", ");
    let assignee = match row.assignee_name {
        Some(name) => view! { <span>{name}</span> }.into_any(),
        None => view! { <span class="muted">{tr!(locale, queue_unassigned)}</span> }.into_any(),
    };
    let agency = row.agency_name;
    view! {
        <tr class=row_class>
            <th scope="row"><a href=href class="reference-inline">{row.reference}</a></th>
            <td><span class="reference-inline">{row.decision_reference}</span></td>
            <td class="col-due"><DueMarker due=row.next_due status=row.due_status /></td>
            <td><span class=format!("state-tag state-{}", row.state.as_str())>{appeal_state(locale, row.state)}</span></td>
            {show_agency.then(|| view! { <td><AgencyText text=agency /></td> })}
            <td><AgencyText text=row.system_name /></td>
            <td>{grounds}</td>
            <td class="nowrap">{date(locale, row.filed_on)}</td>
            <td>{assignee}</td>
        </tr>
    }
}

/// A deadline's date with where it stands: an overdue or at-risk deadline carries a symbol
/// and words, so the marker reads without colour (and in print).
#[component]
pub fn DueMarker(due: Option<CalendarDate>, status: DeadlineStatus) -> impl IntoView {
    let locale = use_page_context().locale;
    let due = due.map(|d| view! { <span class="due-date">{date(locale, d)}</span> });
    let (class, symbol) = match status {
        DeadlineStatus::Overdue => ("due-flag due-overdue", Some("⚠")),
        DeadlineStatus::AtRisk => ("due-flag due-at-risk", Some("◷")),
        DeadlineStatus::OnHold { .. } => ("due-flag due-on-hold", Some("⏸")),
        DeadlineStatus::Met { .. } => ("due-flag due-met", Some("✓")),
        DeadlineStatus::Moot => ("due-flag due-moot", None),
        DeadlineStatus::Ahead => ("due-flag due-ahead", None),
    };
    let words = (status != DeadlineStatus::Ahead || due.is_none()).then(|| {
        view! {
            <span class=class>
                {symbol.map(|s| view! { <span aria-hidden="true">{s}" "</span> })}
                {deadline_status(locale, status)}
            </span>
        }
    });
    view! { <span class="due">{due}{words}</span> }
}
