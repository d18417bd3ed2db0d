//! The headline figures of a statistics page: what a reader takes in first, each figure with
//! its change against the period of equal length before. A change is left out when either
//! side is not shown, since a difference from a suppressed count would reveal it.

use super::stats_cells::Shown;
use crate::i18n::stats_words::{
    count_change, days_change, month_name, per_thousand_change, points_change,
};
use crate::tr;
use crate::types::{Figures, RateFigure};
use leptos::prelude::*;

fn value(rate: Option<RateFigure>) -> Option<f64> {
    rate.map(|r| r.value)
}

/// The headline figures of the period, each with its change against the period before.
#[component]
pub fn Headline(
    now: Figures,
    before: Figures,
    shown: Shown,
    /// The period before, as `YYYY-MM` months.
    previous: (String, String),
) -> impl IntoView {
    let locale = shown.locale;
    let of_decided = Some(tr!(locale, stats_of_decided));
    let points = |now: Option<RateFigure>, before: Option<RateFigure>| {
        points_change(locale, value(now), value(before))
    };
    let items: [(&'static str, AnyView, Option<String>, Option<&'static str>); 8] = [
        (
            tr!(locale, stats_decisions),
            shown.count(now.decisions),
            count_change(locale, now.decisions, before.decisions),
            None,
        ),
        (
            tr!(locale, stats_appeals),
            shown.count(now.appeals),
            count_change(locale, now.appeals, before.appeals),
            None,
        ),
        (
            tr!(locale, stats_appeal_rate),
            shown.per_thousand(now.appeal_rate),
            per_thousand_change(locale, value(now.appeal_rate), value(before.appeal_rate)),
            None,
        ),
        (
            tr!(locale, stats_overturn_rate),
            shown.percent(now.overturn_rate),
            points(now.overturn_rate, before.overturn_rate),
            of_decided,
        ),
        (
            tr!(locale, stats_median_days),
            shown.days_words(now.median_days),
            days_change(locale, now.median_days, before.median_days),
            None,
        ),
        (
            tr!(locale, stats_p90_days),
            shown.days_words(now.p90_days),
            days_change(locale, now.p90_days, before.p90_days),
            None,
        ),
        (
            tr!(locale, stats_breach_rate),
            shown.percent(now.breach_rate),
            points(now.breach_rate, before.breach_rate),
            Some(tr!(locale, stats_of_due)),
        ),
        (
            tr!(locale, stats_escalation_rate),
            shown.percent(now.escalation_rate),
            points(now.escalation_rate, before.escalation_rate),
            of_decided,
        ),
    ];
    let against = tr!(
        locale,
        stats_change_note,
        from = month_name(locale, &previous.0),
        to = month_name(locale, &previous.1)
    );
    let change_label = tr!(locale, stats_change_label);
    view! {
        <section class="figures" aria-labelledby="stats-headline">
            <h2 id="stats-headline">{tr!(locale, stats_headline_title)}</h2>
            <dl class="figure-list stats-figures">
                {items.into_iter().map(|(label, figure, change, of)| view! {
                    <div>
                        <dt>{label}{of.map(|of| view! { <span class="figure-of">{of}</span> })}</dt>
                        <dd class="figure">{figure}</dd>
                        {change.map(|change| view! {
                            <dd class="figure-change"><span class="visually-hidden">{change_label}" "</span>{change}</dd>
                        })}
                    </div>
                }).collect_view()}
            </dl>
            <p class="hint">{against}</p>
        </section>
    }
}
