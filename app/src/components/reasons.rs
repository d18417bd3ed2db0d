//! The reasons for a decision as a citizen reads them: the principal reasons with their direction
//! and importance in words and a bar, the other facts considered with no direction claimed, and
//! the exact weights behind a disclosure (open for staff). Words are HTML text, the bars carry no
//! text, so everything reads at 320 px and without JavaScript (docs/explanations.md).

use crate::components::text::AgencyText;
use crate::context::use_page_context;
use crate::i18n::weights::{direction, importance, signed_weight};
use crate::i18n::{format_value, Locale};
use crate::tr;
use crate::types::reasons::{Direction, Reason, Reasons};
use crate::types::FactorView;
use leptos::prelude::*;

/// The shortest bar drawn, as a share of the track, so a smaller reason still shows one.
const SHORTEST_BAR: f64 = 0.02;

/// The main reasons, the other facts considered, and the exact weights.
#[component]
pub fn DecisionReasons(factors: Vec<FactorView>, for_staff: bool) -> impl IntoView {
    let locale = use_page_context().locale;
    let Reasons {
        principal,
        also_considered,
    } = Reasons::of(&factors);
    let main = if principal.is_empty() {
        view! { <p>{tr!(locale, reasons_none)}</p> }.into_any()
    } else {
        view! {
            <p class="hint">{tr!(locale, reasons_bar_hint)}</p>
            <ol class="reason-list">
                {principal
                    .into_iter()
                    .map(|reason| view! { <PrincipalReason reason locale for_staff /> })
                    .collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="reasons-heading">
            <h2 id="reasons-heading">{tr!(locale, explanation_reasons)}</h2>
            {main}
        </section>
        {(!also_considered.is_empty()).then(|| view! { <AlsoConsidered factors=also_considered locale /> })}
        <ExactWeights factors locale for_staff />
    }
}

#[component]
fn PrincipalReason(reason: Reason, locale: Locale, for_staff: bool) -> impl IntoView {
    let f = reason.factor;
    let (class, bar_class) = match reason.direction {
        Direction::Towards => ("reason reason-for", "reason-bar-fill bar-for"),
        Direction::Against => ("reason reason-against", "reason-bar-fill bar-against"),
    };
    let length = format!("{:.1}", reason.share.max(SHORTEST_BAR) * 100.0);
    let weight = for_staff.then(|| {
        view! {
            <span class="reason-weight">
                {tr!(locale, factor_contribution)}": "<strong>{signed_weight(locale, f.contribution)}</strong>
            </span>
        }
    });
    view! {
        <li class=class>
            <span class="reason-label"><AgencyText text=f.label /></span>
            <span class="reason-value">{tr!(locale, value_used)}": "<strong>{format_value(locale, &f.value, f.unit.as_deref())}</strong></span>
            <span class="reason-effect">{direction(locale, reason.direction)}</span>
            <span class="reason-importance">{importance(locale, reason.importance)}</span>
            <svg class="reason-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect class="reason-bar-track" x="0" y="0" width="100" height="10" />
                <rect class=bar_class x="0" y="0" width=length height="10" />
            </svg>
            {weight}
        </li>
    }
}

#[component]
fn AlsoConsidered(factors: Vec<FactorView>, locale: Locale) -> impl IntoView {
    view! {
        <section aria-labelledby="also-considered-heading">
            <h2 id="also-considered-heading">{tr!(locale, reasons_also_considered)}</h2>
            <p class="hint">{tr!(locale, reasons_also_considered_hint)}</p>
            <ul class="also-considered">
                {factors
                    .into_iter()
                    .map(|f| view! {
                        <li>
                            <span class="reason-label"><AgencyText text=f.label /></span>
                            <span class="reason-value">{tr!(locale, value_used)}": "<strong>{format_value(locale, &f.value, f.unit.as_deref())}</strong></span>
                        </li>
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// Every factor with its exact weight: shown open to staff, one click away for citizens. On a
/// narrow screen each row reads as a card, each value under its column's name (`data-label`).
#[component]
fn ExactWeights(factors: Vec<FactorView>, locale: Locale, for_staff: bool) -> impl IntoView {
    let value_label = tr!(locale, factor_value);
    let effect_label = tr!(locale, factor_effect);
    let weight_label = tr!(locale, factor_contribution);
    view! {
        <details class="exact-weights" open=for_staff>
            <summary>{tr!(locale, reasons_exact_weights)}</summary>
            <p class="hint">{tr!(locale, reasons_weights_hint)}</p>
            <table class="data-table factor-table">
                <caption>{tr!(locale, factor_table_caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr!(locale, factor)}</th>
                        <th scope="col">{value_label}</th>
                        <th scope="col">{effect_label}</th>
                        <th scope="col" class="numeric">{weight_label}</th>
                    </tr>
                </thead>
                <tbody>
                    {factors
                        .into_iter()
                        .map(|f| {
                            let effect = if f.contribution > 0.0 {
                                tr!(locale, reason_for)
                            } else if f.contribution < 0.0 {
                                tr!(locale, reason_against)
                            } else {
                                tr!(locale, reason_no_effect)
                            };
                            view! {
                                <tr>
                                    <th scope="row"><AgencyText text=f.label /></th>
                                    <td data-label=value_label>{format_value(locale, &f.value, f.unit.as_deref())}</td>
                                    <td data-label=effect_label>{effect}</td>
                                    <td data-label=weight_label class="numeric">{signed_weight(locale, f.contribution)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </details>
    }
}
