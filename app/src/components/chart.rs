//! The factor chart: server-rendered SVG, bars from a zero line, words beside every bar,
//! a text alternative, and the same figures in a small table. Readable without JavaScript.

use crate::components::text::AgencyText;
use crate::context::use_page_context;
use crate::i18n::{pick_text, Locale};
use crate::tr;
use crate::types::FactorView;
use leptos::prelude::*;

const WIDTH: f64 = 640.0;
const LABEL_WIDTH: f64 = 250.0;
const ROW: f64 = 34.0;
const TOP: f64 = 28.0;

/// The chart and its table.
#[component]
pub fn FactorChart(factors: Vec<FactorView>) -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let max = factors
        .iter()
        .map(|f| f.contribution.abs())
        .fold(0.0_f64, f64::max)
        .max(1e-9);
    let plot_width = WIDTH - LABEL_WIDTH - 70.0;
    let zero_x = LABEL_WIDTH + plot_width / 2.0;
    let height = TOP + ROW * factors.len() as f64 + 8.0;
    let half = plot_width / 2.0;
    let bars = factors
        .iter()
        .enumerate()
        .map(|(i, factor)| {
            let y = TOP + ROW * i as f64;
            let length = factor.contribution.abs() / max * (half - 4.0);
            let towards = factor.contribution >= 0.0;
            let x = if towards { zero_x } else { zero_x - length };
            let (label, _) = pick_text(&factor.label, locale, context.default_locale);
            let label = truncate(&label, 34);
            let value_x = if towards { zero_x + length + 6.0 } else { zero_x - length - 6.0 };
            let anchor = if towards { "start" } else { "end" };
            let class = if towards { "bar bar-for" } else { "bar bar-against" };
            view! {
                <g>
                    <text x="0" y=y + 21.0 class="chart-label">{label}</text>
                    <rect x=x y=y + 7.0 width=length.max(1.0) height="18" class=class />
                    <text x=value_x y=y + 21.0 text-anchor=anchor class="chart-value">{signed(factor.contribution)}</text>
                </g>
            }
        })
        .collect_view();
    let title = tr!(locale, chart_title);
    let description = tr!(locale, chart_description);
    view! {
        <figure class="factor-chart">
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-labelledby="chart-title chart-desc" preserveAspectRatio="xMinYMin meet">
                <title id="chart-title">{title}</title>
                <desc id="chart-desc">{description}</desc>
                <text x=zero_x - 8.0 y="14" text-anchor="end" class="chart-axis">{format!("← {}", tr!(locale, chart_against))}</text>
                <text x=zero_x + 8.0 y="14" class="chart-axis">{format!("{} →", tr!(locale, chart_for))}</text>
                {bars}
                <line x1=zero_x y1=TOP - 4.0 x2=zero_x y2=height - 4.0 class="zero-line" />
            </svg>
            <figcaption>{description}</figcaption>
        </figure>
        <FactorTable factors locale />
    }
}

#[component]
fn FactorTable(factors: Vec<FactorView>, locale: Locale) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="data-table factor-table">
                <caption>{tr!(locale, factor_table_caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr!(locale, factor)}</th>
                        <th scope="col">{tr!(locale, factor_value)}</th>
                        <th scope="col">{tr!(locale, factor_effect)}</th>
                        <th scope="col" class="numeric">{tr!(locale, factor_contribution)}</th>
                    </tr>
                </thead>
                <tbody>
                    {factors
                        .into_iter()
                        .map(|f| {
                            let effect = if f.contribution >= 0.0 { tr!(locale, chart_for) } else { tr!(locale, chart_against) };
                            view! {
                                <tr>
                                    <th scope="row"><AgencyText text=f.label /></th>
                                    <td>{crate::i18n::format_value(locale, &f.value, f.unit.as_deref())}</td>
                                    <td>{effect}</td>
                                    <td class="numeric">{signed(f.contribution)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn signed(value: f64) -> String {
    if value >= 0.0 {
        format!("+{value:.2}")
    } else {
        format!("−{:.2}", value.abs())
    }
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}
