//! The disparity monitor: for each automated system, its citizens grouped by region and by
//! the language of the decision, each group's rate against the rest of the system's citizens,
//! and a sentence saying whether the difference could be chance. Without a system chosen only
//! the flagged comparisons are shown, so the page leads with what needs a look.

use super::stats_cells::Shown;
use super::stats_filters::StatsLinks;
use crate::components::text::AgencyText;
use crate::i18n::regions::{language_name, region_name};
use crate::i18n::stats_words::{measure_title, reading};
use crate::i18n::Locale;
use crate::tr;
use crate::types::{DisparityMeasure, DisparityRow, DisparityTable, GroupDimension, StatsTable};
use leptos::prelude::*;

/// A group as a table cell names it: the region's or the language's name.
pub fn group_name(locale: Locale, by: GroupDimension, group: &str) -> String {
    match by {
        GroupDimension::Region => region_name(locale, group),
        GroupDimension::Language => language_name(locale, group),
    }
}

/// The columns that depend on what is compared: what the rate is out of, and what it counts.
fn count_headers(locale: Locale, measure: &DisparityMeasure) -> (&'static str, &'static str) {
    match measure {
        DisparityMeasure::Outcome { .. } => (
            tr!(locale, stats_col_decisions),
            tr!(locale, stats_col_with_outcome),
        ),
        DisparityMeasure::Appeal => (
            tr!(locale, stats_col_decisions),
            tr!(locale, stats_col_appealed),
        ),
        DisparityMeasure::Overturn => (
            tr!(locale, stats_col_decided),
            tr!(locale, stats_col_overturned_any),
        ),
    }
}

/// The monitor's section.
#[component]
pub fn DisparitySection(
    tables: Vec<DisparityTable>,
    shown: Shown,
    links: StatsLinks,
) -> impl IntoView {
    let locale = shown.locale;
    let system = links.system.clone();
    let total = tables.len();
    let tables: Vec<DisparityTable> = match &system {
        Some(slug) => tables.into_iter().filter(|t| &t.system == slug).collect(),
        None => tables
            .into_iter()
            .filter(DisparityTable::has_flag)
            .collect(),
    };
    let note = match (&system, tables.is_empty()) {
        (Some(_), true) => tr!(locale, stats_disparity_none_for_system),
        (Some(_), false) => tr!(locale, stats_disparity_all_for_system),
        (None, true) => tr!(locale, stats_disparity_none_flagged),
        (None, false) => tr!(locale, stats_disparity_flagged_only),
    };
    let downloads = (total > 0).then(|| {
        let name = tr!(locale, stats_disparity_title).to_string();
        view! { <super::stats_tables::Downloads links=links.clone() table=StatsTable::Disparities name /> }
    });
    let linked = system.is_none();
    view! {
        <section aria-labelledby="stats-disparity">
            <h2 id="stats-disparity">{tr!(locale, stats_disparity_title)}</h2>
            <p class="prose">{tr!(locale, stats_disparity_intro)}</p>
            <p class="hint">{note}</p>
            {tables.into_iter().enumerate().map(|(i, table)| {
                view! { <DisparityTableView table index=i shown links=links.clone() linked /> }
            }).collect_view()}
            {downloads}
        </section>
    }
}

#[component]
fn DisparityTableView(
    table: DisparityTable,
    index: usize,
    shown: Shown,
    links: StatsLinks,
    /// Whether to link to the system's own page (when the page shows every system).
    linked: bool,
) -> impl IntoView {
    let locale = shown.locale;
    let heading_id = format!("disparity-{index}");
    let title = measure_title(locale, &table.measure, table.dimension);
    let (base, counted) = count_headers(locale, &table.measure);
    let system_href = links.system_href(&table.system);
    let measure = table.measure.clone();
    let by = table.dimension;
    view! {
        <div class="stats-disparity">
            <h3 id=heading_id.clone()><AgencyText text=table.system_name.clone() />": "{title.clone()}</h3>
            {linked.then(|| view! { <p><a href=system_href>{tr!(locale, stats_disparity_see_system)}</a></p> })}
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby=heading_id>
                <table class="data-table stats-table disparity-table">
                    <caption class="visually-hidden">{title}</caption>
                    <thead><tr>
                        <th scope="col">{match by {
                            GroupDimension::Region => tr!(locale, stats_col_region),
                            GroupDimension::Language => tr!(locale, stats_col_language),
                        }}</th>
                        <th scope="col" class="numeric">{base}</th>
                        <th scope="col" class="numeric">{counted}</th>
                        <th scope="col" class="numeric">{tr!(locale, stats_col_rate)}</th>
                        <th scope="col" class="numeric">{tr!(locale, stats_col_rest_rate)}</th>
                        <th scope="col" class="numeric">{tr!(locale, stats_col_ratio)}</th>
                        <th scope="col">{tr!(locale, stats_col_reading)}</th>
                    </tr></thead>
                    <tbody>
                        {table.rows.into_iter().map(|row| view! { <GroupRow row measure=measure.clone() by shown /> }).collect_view()}
                    </tbody>
                </table>
            </div>
        </div>
    }
}

#[component]
fn GroupRow(
    row: DisparityRow,
    measure: DisparityMeasure,
    by: GroupDimension,
    shown: Shown,
) -> impl IntoView {
    let locale = shown.locale;
    let flagged = row.reading.is_flagged();
    let words = reading(locale, &measure, by, &row.group, row.reading);
    view! {
        <tr class=flagged.then_some("row-flagged")>
            <th scope="row">{group_name(locale, by, &row.group)}</th>
            <td class="numeric">{shown.count(row.total)}</td>
            <td class="numeric">{shown.count(row.with_outcome)}</td>
            <td class="numeric">{shown.fraction(row.rate)}</td>
            <td class="numeric">{shown.fraction(row.rest_rate)}</td>
            <td class="numeric nowrap">{shown.ratio(row.ratio, row.interval)}</td>
            <td class="reading">
                {flagged.then(|| view! { <span class="flag-mark" aria-hidden="true">"⚠ "</span> })}
                {words}
            </td>
        </tr>
    }
}
