//! The statistics charts: server-rendered SVG, readable without JavaScript and in print. Each
//! has a title and a description as its text alternative, and its figures in a table on the
//! page. A figure that is suppressed or withheld is a gap: drawing it as zero would show a
//! "none" that nobody counted.

use leptos::prelude::*;

const WIDTH: f64 = 640.0;

/// One point of a trend or one bar: its label, its value (`None` when not shown) and the value
/// as the page writes it.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartDatum {
    pub label: String,
    pub value: Option<f64>,
    pub text: String,
}

/// The smallest round number (1, 2, 2.5 or 5 times a power of ten) at or above `max`, so the
/// top gridline has a label a reader can take in.
fn nice_ceiling(max: f64) -> f64 {
    if !max.is_finite() || max <= 0.0 {
        return 1.0;
    }
    let power = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|step| step * power)
        .find(|candidate| *candidate >= max * 0.999_999)
        .unwrap_or(max)
}

/// The line's path: a segment through each run of shown points, a gap at each missing one.
fn trend_path(points: &[(f64, Option<f64>)]) -> String {
    let mut path = String::new();
    let mut drawing = false;
    for (x, y) in points {
        match y {
            Some(y) => {
                let command = if drawing { 'L' } else { 'M' };
                path.push_str(&format!("{command}{x:.1},{y:.1} "));
                drawing = true;
            }
            None => drawing = false,
        }
    }
    path.trim_end().to_string()
}

/// A line over time, with its axis from zero.
#[component]
pub fn TrendChart(
    /// Prefix of the chart's element ids, unique on the page.
    id: &'static str,
    title: String,
    description: String,
    points: Vec<ChartDatum>,
    /// Writes an axis value as the page writes figures.
    axis: Callback<f64, String>,
) -> impl IntoView {
    let (left, right, top, bottom) = (64.0, 36.0, 16.0, 44.0);
    let height = 240.0;
    let plot_width = WIDTH - left - right;
    let plot_height = height - top - bottom;
    let max = nice_ceiling(points.iter().filter_map(|p| p.value).fold(0.0, f64::max));
    let step = plot_width / (points.len().saturating_sub(1).max(1)) as f64;
    let x_at = move |i: usize| left + step * i as f64;
    let y_at = move |v: f64| top + plot_height * (1.0 - v / max);
    let placed: Vec<(f64, Option<f64>)> = points
        .iter()
        .enumerate()
        .map(|(i, p)| (x_at(i), p.value.map(y_at)))
        .collect();
    let path = trend_path(&placed);
    // At most about six month labels fit under the axis; counted back from the last month,
    // which is always labelled, so the last two never crowd each other.
    let every = points.len().div_ceil(6).max(1);
    let last = points.len().saturating_sub(1);
    // A middle gridline whose label would repeat an end's (a count axis topping at 1) is left out.
    let middle = (axis.run(max / 2.0) != axis.run(max) && axis.run(max / 2.0) != axis.run(0.0))
        .then_some(max / 2.0);
    let grid = [Some(0.0), middle, Some(max)]
        .into_iter()
        .flatten()
        .map(|v| {
            let y = y_at(v);
            view! {
                <line x1=left y1=y x2=WIDTH - right y2=y class="chart-grid" />
                <text x=left - 8.0 y=y + 4.0 text-anchor="end" class="chart-axis">{axis.run(v)}</text>
            }
        })
        .collect_view();
    let labels = points
        .iter()
        .enumerate()
        .filter(|(i, _)| (last - i).is_multiple_of(every))
        .map(|(i, p)| {
            view! { <text x=x_at(i) y=height - bottom + 20.0 text-anchor="middle" class="chart-axis">{p.label.clone()}</text> }
        })
        .collect_view();
    let marks = points
        .iter()
        .zip(&placed)
        .filter_map(|(p, (x, y))| {
            y.map(|y| {
                let tip = format!("{}: {}", p.label, p.text);
                view! { <circle cx=*x cy=y r="4" class="trend-point"><title>{tip}</title></circle> }
            })
        })
        .collect_view();
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <figure class="stats-chart">
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-labelledby=labelled_by preserveAspectRatio="xMinYMin meet">
                <title id=title_id>{title}</title>
                <desc id=desc_id>{description.clone()}</desc>
                {grid}
                <line x1=left y1=top + plot_height x2=WIDTH - right y2=top + plot_height class="chart-baseline" />
                <path d=path class="trend-line" />
                {marks}
                {labels}
            </svg>
            <figcaption>{description}</figcaption>
        </figure>
    }
}

/// Horizontal bars from a zero line, one per item, the value written beside each bar; an item
/// whose value is not shown gets no bar and the words `missing` instead.
#[component]
pub fn BarChart(
    id: &'static str,
    title: String,
    description: String,
    bars: Vec<ChartDatum>,
    missing: String,
) -> impl IntoView {
    let (label_width, value_width, row, top) = (230.0, 120.0, 32.0, 8.0);
    let height = top + row * bars.len() as f64 + 8.0;
    let plot = WIDTH - label_width - value_width;
    let max = nice_ceiling(bars.iter().filter_map(|b| b.value).fold(0.0, f64::max));
    let rows = bars
        .iter()
        .enumerate()
        .map(|(i, bar)| {
            let y = top + row * i as f64;
            let label = truncate(&bar.label, 28);
            let (length, text) = match bar.value {
                Some(v) => ((v / max * plot).max(1.0), bar.text.clone()),
                None => (0.0, missing.clone()),
            };
            view! {
                <text x="8" y=y + 20.0 class="chart-label">{label}</text>
                {bar.value.map(|_| view! { <rect x=label_width y=y + 6.0 width=length height="18" class="stats-bar" /> })}
                <text x=label_width + length + 6.0 y=y + 20.0 class="chart-value">{text}</text>
            }
        })
        .collect_view();
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <figure class="stats-chart">
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-labelledby=labelled_by preserveAspectRatio="xMinYMin meet">
                <title id=title_id>{title}</title>
                <desc id=desc_id>{description.clone()}</desc>
                {rows}
                <line x1=label_width y1=top x2=label_width y2=height - 4.0 class="zero-line" />
            </svg>
            <figcaption>{description}</figcaption>
        </figure>
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_tops_at_a_round_number() {
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(0.37), 0.5);
        assert_eq!(nice_ceiling(0.2), 0.2);
        assert_eq!(nice_ceiling(83.0), 100.0);
        assert_eq!(nice_ceiling(21.0), 25.0);
    }

    #[test]
    fn missing_points_break_the_line_instead_of_falling_to_zero() {
        let path = trend_path(&[
            (0.0, Some(10.0)),
            (1.0, Some(20.0)),
            (2.0, None),
            (3.0, Some(5.0)),
            (4.0, Some(6.0)),
        ]);
        assert_eq!(path, "M0.0,10.0 L1.0,20.0 M3.0,5.0 L4.0,6.0");
    }
}
