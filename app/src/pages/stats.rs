//! `/stats` and `/staff/stats`: the redress figures. Anyone sees the public figures (small
//! counts suppressed); staff see exact ones, the systems of concern and the systemic reviews.
//! Both pages take their filters from the address, so every view can be linked and works
//! without JavaScript.

use super::stats_cells::Shown;
use super::stats_concerns::{ConcernsSection, ReviewFlash, ReviewsSection};
use super::stats_disparity::DisparitySection;
use super::stats_filters::{filters_from_query, QuickPeriods, StatsFilterForm, StatsLinks};
use super::stats_headline::Headline;
use super::stats_sort::sort_rows;
use super::stats_tables::{BreakdownsSection, Downloads, FigureTable, RowKind};
use crate::api::{load_staff_stats_report, load_stats_report};
use crate::components::stats_chart::{BarChart, ChartDatum, TrendChart};
use crate::context::use_page_context;
use crate::i18n::stats_words::{count, missing_rate, month_name, number, percent, threshold_words};
use crate::i18n::{pick_text, Locale};
use crate::pages::staff_home::load_error;
use crate::tr;
use crate::types::{FigureRow, Figures, Role, StatsChoice, StatsReport, StatsTable};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The public statistics.
#[component]
pub fn StatsPage() -> impl IntoView {
    view! { <StatsLoader staff=false /> }
}

/// The staff dashboard: exact figures, in the principal's scope.
#[component]
pub fn StaffStatsPage() -> impl IntoView {
    view! { <StatsLoader staff=true /> }
}

#[component]
fn StatsLoader(staff: bool) -> impl IntoView {
    let locale = use_page_context().locale;
    let query = use_query_map();
    let filters = move || filters_from_query(|name| query.read().get(name));
    let report = Resource::new_blocking(filters, move |filters| async move {
        if staff {
            load_staff_stats_report(filters).await
        } else {
            load_stats_report(filters).await
        }
    });
    view! {
        <Title text=tr!(locale, stats_title) />
        <Suspense fallback=move || view! { <p>{tr!(locale, loading)}</p> }>
            {move || {
                let sort = query.read().get("sort");
                Suspend::new(async move {
                    match report.await {
                        Ok(report) => view! { <StatsView report sort /> }.into_any(),
                        Err(error) => load_error(locale, error),
                    }
                })
            }}
        </Suspense>
    }
}

fn choice_name(
    choices: &[StatsChoice],
    slug: Option<&str>,
    locale: Locale,
    default: Locale,
) -> Option<String> {
    let slug = slug?;
    let choice = choices.iter().find(|c| c.slug == slug);
    Some(choice.map_or_else(
        || slug.to_string(),
        |c| pick_text(&c.name, locale, default).0,
    ))
}

/// A loaded report, whoever it is for; `sort` is the column (from the address) the state
/// bodies', systems' and versions' tables are sorted by.
#[component]
pub fn StatsView(
    report: StatsReport,
    #[prop(default = None)] sort: Option<String>,
) -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let shown = Shown::new(locale, &report);
    let links = StatsLinks::new(&report).sorted(sort.as_deref());
    let can_review = context
        .staff
        .as_ref()
        .is_some_and(|s| s.role == Role::Ombudsman);
    let period = tr!(
        locale,
        stats_period,
        from = month_name(locale, &report.period.from),
        to = month_name(locale, &report.period.to)
    );
    let scope = [
        choice_name(
            &report.agencies_available,
            links.agency.as_deref(),
            locale,
            context.default_locale,
        ),
        choice_name(
            &report.systems_available,
            links.system.as_deref(),
            locale,
            context.default_locale,
        ),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let staff_note = (!shown.public).then(|| {
        let public_href = StatsLinks { public: true, ..links.clone() }.here();
        view! {
            <p class="hint">{tr!(locale, stats_staff_note)}" "<a href=public_href>{tr!(locale, stats_public_link)}</a></p>
        }
    });
    let public_note = shown.public.then(|| {
        view! { <p class="notice notice-info">{tr!(locale, stats_threshold_note, number = threshold_words(locale, report.threshold))}</p> }
    });
    let staff = !shown.public;
    let r = report;
    view! {
        <h1>{tr!(locale, stats_title)}</h1>
        <p class="lead">{tr!(locale, stats_intro)}</p>
        {staff.then(|| view! { <ReviewFlash /> })}
        <p class="stats-period"><strong>{period}</strong>{(!scope.is_empty()).then(|| format!(" · {scope}"))}</p>
        {public_note}
        {staff_note}
        <StatsFilterForm links=links.clone() agencies=r.agencies_available.clone() systems=r.systems_available.clone() />
        <QuickPeriods links=links.clone() />
        <Headline now=r.headline.clone() before=r.previous.clone() shown previous=(r.period.previous_from.clone(), r.period.previous_to.clone()) />
        {staff.then(|| view! {
            <ConcernsSection concerns=r.concerns.clone() agencies=r.agencies_available.clone() shown links=links.clone() can_review />
            <ReviewsSection reviews=r.reviews.clone() links=links.clone() />
        })}
        <FiguresSection rows=r.agencies.clone() kind=RowKind::Agency table=StatsTable::Agencies shown links=links.clone() />
        <FiguresSection rows=r.systems.clone() kind=RowKind::System table=StatsTable::Systems shown links=links.clone() />
        {(!r.versions.is_empty()).then(|| view! {
            <FiguresSection rows=r.versions.clone() kind=RowKind::Version table=StatsTable::Versions shown links=links.clone() />
        })}
        <FiguresSection rows=r.months.clone() kind=RowKind::Month table=StatsTable::Months shown links=links.clone() />
        <BreakdownsSection breakdowns=r.breakdowns.clone() shown links=links.clone() />
        <DisparitySection tables=r.disparities.clone() shown links=links.clone() />
    }
}

/// A row's overturn rate as a chart point or bar; a withheld rate is a gap.
fn overturn_datum(locale: Locale, label: String, figures: &Figures) -> ChartDatum {
    let rate = figures.overturn_rate.map(|r| r.value);
    ChartDatum {
        label,
        value: rate,
        text: rate.map(|v| percent(locale, v)).unwrap_or_default(),
    }
}

/// Whether a chart would show anything: with every figure hidden it would be an empty frame.
fn has_values(data: &[ChartDatum]) -> bool {
    data.iter().any(|d| d.value.is_some())
}

/// The charts above a figures table: appeals and overturn rate month by month, and the
/// overturn rate of each system. The table under them holds the same figures.
#[component]
fn FigureCharts(rows: Vec<FigureRow>, kind: RowKind, shown: Shown) -> impl IntoView {
    let locale = shown.locale;
    let default = use_page_context().default_locale;
    match kind {
        RowKind::Month => {
            let appeals: Vec<ChartDatum> = rows
                .iter()
                .map(|row| ChartDatum {
                    label: row.key.clone(),
                    value: row.figures.appeals.exact().map(|n| n as f64),
                    text: count(locale, row.figures.appeals),
                })
                .collect();
            let overturns: Vec<ChartDatum> = rows
                .iter()
                .map(|row| overturn_datum(locale, row.key.clone(), &row.figures))
                .collect();
            let axis_count = Callback::new(move |v: f64| number(locale, v.round() as u64));
            let axis_percent = Callback::new(move |v: f64| percent(locale, v));
            let appeals_title = tr!(locale, stats_chart_appeals).to_string();
            let appeals_desc = tr!(locale, stats_chart_appeals_desc).to_string();
            let overturns_title = tr!(locale, stats_chart_overturns).to_string();
            let overturns_desc = tr!(locale, stats_chart_overturns_desc).to_string();
            let appeals = has_values(&appeals).then(|| view! {
                <TrendChart id="chart-appeals" title=appeals_title description=appeals_desc points=appeals axis=axis_count />
            });
            let overturns = has_values(&overturns).then(|| view! {
                <TrendChart id="chart-overturns" title=overturns_title description=overturns_desc points=overturns axis=axis_percent />
            });
            view! { <div class="stats-charts">{appeals}{overturns}</div> }.into_any()
        }
        RowKind::System => {
            let bars: Vec<ChartDatum> = rows
                .iter()
                .map(|row| {
                    let label = pick_text(&row.label, locale, default).0;
                    overturn_datum(locale, label, &row.figures)
                })
                .collect();
            let title = tr!(locale, stats_chart_systems).to_string();
            let description = tr!(locale, stats_chart_systems_desc).to_string();
            let missing = missing_rate(locale, shown.public, shown.threshold);
            has_values(&bars)
                .then(|| view! { <BarChart id="chart-systems" title description bars missing /> })
                .into_any()
        }
        RowKind::Agency | RowKind::Version => ().into_any(),
    }
}

/// One figures table in its section, with its charts where it has them and its downloads.
#[component]
fn FiguresSection(
    mut rows: Vec<FigureRow>,
    kind: RowKind,
    table: StatsTable,
    shown: Shown,
    links: StatsLinks,
) -> impl IntoView {
    let locale = shown.locale;
    let (title, first_column) = match kind {
        RowKind::Agency => (tr!(locale, stats_by_agency), tr!(locale, stats_col_agency)),
        RowKind::System => (tr!(locale, stats_by_system), tr!(locale, stats_col_system)),
        RowKind::Version => (
            tr!(locale, stats_by_version),
            tr!(locale, stats_col_version),
        ),
        RowKind::Month => (tr!(locale, stats_by_month), tr!(locale, stats_col_month)),
    };
    let id = format!("stats-{}", table.as_str());
    // The months stay in calendar order; the other tables sort by the column chosen.
    let anchor = (kind != RowKind::Month).then(|| id.clone());
    if let (Some(column), Some(_)) = (links.sort.as_deref(), &anchor) {
        sort_rows(&mut rows, column, locale, use_page_context().default_locale);
    }
    let body = if rows.is_empty() {
        view! { <p class="muted">{tr!(locale, stats_none_in_period)}</p> }.into_any()
    } else {
        view! {
            <FigureCharts rows=rows.clone() kind shown />
            <FigureTable rows kind caption=title.to_string() first_column shown links=links.clone() anchor />
            <Downloads links=links.clone() table name=title.to_string() />
        }
        .into_any()
    };
    // The section is not a landmark of its own: the table's scrolling wrapper is, under the
    // same name, and two landmarks may not share one.
    view! {
        <section class="stats-section">
            <h2 id=id>{title}</h2>
            {body}
        </section>
    }
}
