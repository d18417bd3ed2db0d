//! The figures tables (by state body, system, version, month), the breakdowns of grounds,
//! factors and findings, and the download links under each. Tables scroll sideways inside
//! their wrapper on a phone; numbers are right-aligned in tabular figures.

use super::stats_cells::Shown;
use super::stats_filters::StatsLinks;
use super::stats_sort::{direction, FIGURE_COLUMNS, NAME};
use crate::components::text::AgencyText;
use crate::context::use_page_context;
use crate::i18n::appeal_labels::{finding, ground};
use crate::i18n::stats_words::month_name;
use crate::tr;
use crate::types::{Breakdowns, CountRow, FigureRow, Figures, FindingKind, GroundKind, StatsTable};
use leptos::prelude::*;

/// What the rows of a figures table are, which decides their first cell and its link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    Agency,
    System,
    Version,
    Month,
}

/// "Download CSV · JSON" under a table; the table's name is in the links' accessible names.
#[component]
pub fn Downloads(links: StatsLinks, table: StatsTable, name: String) -> impl IntoView {
    let locale = use_page_context().locale;
    view! {
        <p class="downloads">
            <a href=links.export_href(table, "csv") download="">
                {tr!(locale, stats_download_csv)}
                <span class="visually-hidden">{format!(": {name}")}</span>
            </a>
            <a href=links.export_href(table, "json") download="">
                {tr!(locale, stats_download_json)}
                <span class="visually-hidden">{format!(": {name}")}</span>
            </a>
        </p>
    }
}

/// The figure columns' headers, in the order `figure_cells` writes them.
fn figure_headers(locale: crate::i18n::Locale) -> [&'static str; 14] {
    [
        tr!(locale, stats_col_decisions),
        tr!(locale, stats_col_appeals),
        tr!(locale, stats_col_appeal_rate),
        tr!(locale, stats_col_upheld),
        tr!(locale, stats_col_overturned),
        tr!(locale, stats_col_partially_overturned),
        tr!(locale, stats_col_withdrawn),
        tr!(locale, stats_col_pending),
        tr!(locale, stats_col_overturn_rate),
        tr!(locale, stats_col_median_days),
        tr!(locale, stats_col_p90_days),
        tr!(locale, stats_col_breaches),
        tr!(locale, stats_col_breach_rate),
        tr!(locale, stats_col_escalations),
    ]
}

fn figure_cells(shown: Shown, f: &Figures) -> impl IntoView {
    let cells = [
        shown.count(f.decisions),
        shown.count(f.appeals),
        shown.per_thousand(f.appeal_rate),
        shown.count(f.upheld),
        shown.count(f.overturned),
        shown.count(f.partially_overturned),
        shown.count(f.withdrawn),
        shown.count(f.pending),
        shown.percent(f.overturn_rate),
        shown.days(f.median_days),
        shown.days(f.p90_days),
        shown.count(f.breaches),
        shown.percent(f.breach_rate),
        shown.count(f.escalations),
    ];
    cells
        .into_iter()
        .map(|cell| view! { <td class="numeric">{cell}</td> })
        .collect_view()
}

fn row_header(kind: RowKind, row: &FigureRow, links: &StatsLinks) -> AnyView {
    let locale = use_page_context().locale;
    let label = row.label.clone();
    match kind {
        RowKind::Agency => {
            let href = links.agency_href(&row.key);
            view! { <a href=href><AgencyText text=label /></a> }.into_any()
        }
        RowKind::System => {
            let href = links.system_href(&row.key);
            view! { <a href=href><AgencyText text=label /></a> }.into_any()
        }
        RowKind::Version => {
            let version = row.key.rsplit_once('@').map(|(_, v)| v.to_string());
            let version = version.unwrap_or_else(|| row.key.clone());
            view! { <AgencyText text=label /><br /><span class="muted">{tr!(locale, stats_version, version = version)}</span> }.into_any()
        }
        RowKind::Month => {
            let href = links.with_period(&row.key, &row.key);
            view! { <a href=href class="nowrap">{month_name(locale, &row.key)}</a> }.into_any()
        }
    }
}

/// A column header; in a sortable table a link sorting by it, back at the table `anchor`, and
/// marked with `aria-sort` while the table is sorted by it.
fn column_header(
    links: &StatsLinks,
    anchor: Option<&str>,
    column: &str,
    words: &'static str,
    numeric: bool,
) -> AnyView {
    let sorted = anchor.is_some() && links.sort.as_deref() == Some(column);
    let sorted = sorted.then(|| direction(column));
    let words = match anchor {
        Some(anchor) => view! { <a href=links.sort_href(column, anchor)>{words}</a> }.into_any(),
        None => words.into_any(),
    };
    if numeric {
        view! { <th scope="col" class="numeric" aria-sort=sorted>{words}</th> }.into_any()
    } else {
        view! { <th scope="col" aria-sort=sorted>{words}</th> }.into_any()
    }
}

/// A figures table: one row per state body, system, version or month. Its caption names it
/// for screen readers; the heading above it says the same to the eye. With an `anchor` (the
/// id of the heading above it) its column headers are links sorting the table.
#[component]
pub fn FigureTable(
    rows: Vec<FigureRow>,
    kind: RowKind,
    caption: String,
    first_column: &'static str,
    shown: Shown,
    links: StatsLinks,
    #[prop(default = None)] anchor: Option<String>,
) -> impl IntoView {
    let headers = figure_headers(shown.locale);
    let anchor = anchor.as_deref();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=caption.clone()>
            <table class="data-table stats-table">
                <caption class="visually-hidden">{caption.clone()}</caption>
                <thead><tr>
                    {column_header(&links, anchor, NAME, first_column, false)}
                    {headers
                        .into_iter()
                        .zip(FIGURE_COLUMNS)
                        .map(|(words, column)| column_header(&links, anchor, column, words, true))
                        .collect_view()}
                </tr></thead>
                <tbody>
                    {rows.iter().map(|row| view! {
                        <tr>
                            <th scope="row">{row_header(kind, row, &links)}</th>
                            {figure_cells(shown, &row.figures)}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// A ground's or finding's words from its wire name; an unknown name as it is.
fn ground_words(locale: crate::i18n::Locale, key: &str) -> String {
    GroundKind::parse(key)
        .map(|g| ground(locale, g).to_string())
        .unwrap_or_else(|| key.to_string())
}

fn finding_words(locale: crate::i18n::Locale, key: &str) -> String {
    FindingKind::parse(key)
        .map(|f| finding(locale, f).to_string())
        .unwrap_or_else(|| key.to_string())
}

/// A two-column table: what, and how many appeals.
#[component]
fn CountTable(
    rows: Vec<CountRow>,
    caption: String,
    first_column: &'static str,
    shown: Shown,
    /// Whether the key is a name from the decision document, shown as code.
    code: bool,
    words: fn(crate::i18n::Locale, &str) -> String,
) -> impl IntoView {
    let locale = shown.locale;
    if rows.is_empty() {
        return view! { <p class="muted">{tr!(locale, stats_none_in_period)}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="data-table stats-table stats-count-table">
                <caption class="visually-hidden">{caption}</caption>
                <thead><tr>
                    <th scope="col">{first_column}</th>
                    <th scope="col" class="numeric">{tr!(locale, stats_col_appeals)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let name = words(locale, &row.key);
                        let name = if code {
                            view! { <code class="slug">{name}</code> }.into_any()
                        } else {
                            view! { <span>{name}</span> }.into_any()
                        };
                        view! { <tr><th scope="row">{name}</th><td class="numeric">{shown.count(row.count)}</td></tr> }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// What the appeals were about: the grounds given, the factors challenged, and the Human
/// Rights Commissioner's findings.
#[component]
pub fn BreakdownsSection(breakdowns: Breakdowns, shown: Shown, links: StatsLinks) -> impl IntoView {
    let locale = shown.locale;
    let as_is: fn(crate::i18n::Locale, &str) -> String = |_, key| key.to_string();
    let parts = [
        (
            StatsTable::Grounds,
            "stats-grounds",
            tr!(locale, stats_grounds_title),
            tr!(locale, stats_col_ground),
            breakdowns.grounds,
            false,
            ground_words as fn(crate::i18n::Locale, &str) -> String,
        ),
        (
            StatsTable::Factors,
            "stats-factors",
            tr!(locale, stats_factors_title),
            tr!(locale, stats_col_factor),
            breakdowns.factors,
            true,
            as_is,
        ),
        (
            StatsTable::Findings,
            "stats-findings",
            tr!(locale, stats_findings_title),
            tr!(locale, stats_col_finding),
            breakdowns.findings,
            false,
            finding_words,
        ),
    ];
    view! {
        <section aria-labelledby="stats-breakdowns">
            <h2 id="stats-breakdowns">{tr!(locale, stats_breakdowns_title)}</h2>
            <div class="stats-breakdowns">
                {parts.into_iter().map(|(table, id, title, column, rows, code, words)| {
                    let empty = rows.is_empty();
                    view! {
                        <div class="stats-breakdown">
                            <h3 id=id>{title}</h3>
                            <CountTable rows caption=title.to_string() first_column=column shown code words />
                            {(!empty).then(|| view! { <Downloads links=links.clone() table name=title.to_string() /> })}
                        </div>
                    }
                }).collect_view()}
            </div>
            <p class="hint">{tr!(locale, stats_breakdowns_note)}</p>
        </section>
    }
}
