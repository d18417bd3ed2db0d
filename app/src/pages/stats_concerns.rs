//! The staff dashboard's systems of concern, the Human Rights Commissioner's form to open a
//! systemic review on one of them (posted to `/staff/stats/reviews`, form `systemic_review`),
//! and the reviews already opened.

use super::stats_cells::Shown;
use super::stats_filters::StatsLinks;
use super::stats_tables::Downloads;
use crate::components::form::{has_error, CsrfField, ErrorSummary, FieldMessage};
use crate::components::text::AgencyText;
use crate::context::use_page_context;
use crate::i18n::stats_words::{decimal, flagged_sentence, interval_end, number, percent};
use crate::i18n::{format_date, labels, Locale};
use crate::tr;
use crate::types::{ConcernReason, ConcernRow, ReviewNote, StatsChoice, StatsTable};
use leptos::prelude::*;

/// The form's name in the flash the server sends back.
pub const REVIEW_FORM: &str = "systemic_review";
/// The longest note the server accepts.
const NOTE_MAX: &str = "4000";

/// One reason a system is flagged, in words with its figures.
pub fn reason_words(locale: Locale, reason: &ConcernReason) -> String {
    match reason {
        ConcernReason::Overturn {
            rate,
            others_rate,
            numerator,
            denominator,
            z,
        } => tr!(
            locale,
            stats_concern_overturn,
            rate = percent(locale, *rate),
            others = percent(locale, *others_rate),
            numerator = number(locale, *numerator),
            denominator = number(locale, *denominator),
            z = decimal(locale, *z)
        ),
        ConcernReason::Breach {
            rate,
            others_rate,
            numerator,
            denominator,
            z,
        } => tr!(
            locale,
            stats_concern_breach,
            rate = percent(locale, *rate),
            others = percent(locale, *others_rate),
            numerator = number(locale, *numerator),
            denominator = number(locale, *denominator),
            z = decimal(locale, *z)
        ),
        ConcernReason::Disparity {
            dimension,
            group,
            measure,
            ratio,
            low,
            high,
        } => {
            let sentence = flagged_sentence(locale, measure, *dimension, group, *ratio);
            let interval = tr!(
                locale,
                stats_interval,
                low = interval_end(locale, *low),
                high = interval_end(locale, *high)
            );
            format!("{sentence} {interval}")
        }
    }
}

/// The notice or the errors the review form came back with, for the top of the page.
#[component]
pub fn ReviewFlash() -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let flash = context.flash.unwrap_or_default();
    let errors = Signal::stored(flash.errors_for(REVIEW_FORM));
    let notice = flash.notice.filter(|_| flash.form == REVIEW_FORM);
    view! {
        {notice.map(|key| view! { <div class="notice" role="status">{labels::notice(locale, key)}</div> })}
        <ErrorSummary errors=errors />
    }
}

/// The systems flagged for a closer look, each with its reasons and, for the Human Rights
/// Commissioner, the form that opens a systemic review.
#[component]
pub fn ConcernsSection(
    concerns: Vec<ConcernRow>,
    agencies: Vec<StatsChoice>,
    shown: Shown,
    links: StatsLinks,
    can_review: bool,
) -> impl IntoView {
    let locale = shown.locale;
    let empty = concerns.is_empty();
    let body = if empty {
        view! { <p>{tr!(locale, stats_concerns_none)}</p> }.into_any()
    } else {
        concerns
            .into_iter()
            .enumerate()
            .map(|(index, concern)| {
                let agency = agencies.iter().find(|a| a.slug == concern.agency).cloned();
                view! { <ConcernCard concern agency index links=links.clone() can_review /> }
            })
            .collect_view()
            .into_any()
    };
    let name = tr!(locale, stats_concerns_title).to_string();
    view! {
        <section class="stats-concerns" aria-labelledby="stats-concerns">
            <h2 id="stats-concerns">{tr!(locale, stats_concerns_title)}</h2>
            <p class="prose">{tr!(locale, stats_concerns_how)}</p>
            {body}
            {(!empty).then(|| view! { <Downloads links=links.clone() table=StatsTable::Concerns name /> })}
        </section>
    }
}

#[component]
fn ConcernCard(
    concern: ConcernRow,
    agency: Option<StatsChoice>,
    index: usize,
    links: StatsLinks,
    can_review: bool,
) -> impl IntoView {
    let locale = use_page_context().locale;
    let heading_id = format!("concern-{index}");
    let href = links.system_href(&concern.system);
    let agency = match agency {
        Some(a) => view! { <AgencyText text=a.name /> }.into_any(),
        None => view! { <code class="slug">{concern.agency.clone()}</code> }.into_any(),
    };
    let form = can_review.then(
        || view! { <ReviewForm system=concern.system.clone() index return_to=links.here() /> },
    );
    let labelled_by = heading_id.clone();
    view! {
        <article class="panel concern" aria-labelledby=labelled_by>
            <h3 id=heading_id><a href=href><AgencyText text=concern.system_name.clone() /></a></h3>
            <p class="muted">{agency}</p>
            <ul class="concern-reasons">
                {concern.reasons.iter().map(|r| view! { <li>{reason_words(locale, r)}</li> }).collect_view()}
            </ul>
            {form}
        </article>
    }
}

/// The form that opens a systemic review note on `system`. The form the server sent errors
/// back for keeps what was typed and takes the plain `note` id, which the error summary
/// links to.
#[component]
fn ReviewForm(system: String, index: usize, return_to: String) -> impl IntoView {
    let context = use_page_context();
    let locale = context.locale;
    let flash = context.flash.unwrap_or_default();
    let mine = flash.form == REVIEW_FORM && flash.value(REVIEW_FORM, "system") == system;
    let errors = Signal::stored(if mine {
        flash.errors_for(REVIEW_FORM)
    } else {
        Vec::new()
    });
    let typed = if mine {
        flash.value(REVIEW_FORM, "note")
    } else {
        String::new()
    };
    let id = if mine {
        "note".to_string()
    } else {
        format!("note-{index}")
    };
    let hint_id = format!("{id}-hint");
    let invalid = has_error(&errors.get_untracked(), "note");
    let described = if invalid {
        format!("{hint_id} note-error")
    } else {
        hint_id.clone()
    };
    // Folded until asked for, so the reasons of each system stay scannable; the form the
    // server sent errors back for is open.
    view! {
        <details class="action-step review-step" open=mine>
        <summary>{tr!(locale, stats_review_submit)}</summary>
        <form method="post" action="/staff/stats/reviews" class="review-form">
            <CsrfField />
            <input type="hidden" name="system" value=system />
            <input type="hidden" name="return_to" value=return_to />
            <div class="field" class:field-invalid=invalid>
                <label for=id.clone()>{tr!(locale, stats_review_label)}</label>
                <p class="hint" id=hint_id>{tr!(locale, stats_review_hint)}</p>
                <FieldMessage errors=errors field="note" />
                <textarea id=id name="note" rows="4" required maxlength=NOTE_MAX aria-describedby=described aria-invalid=invalid.then_some("true")>{typed}</textarea>
            </div>
            <button type="submit" class="button">{tr!(locale, stats_review_submit)}</button>
        </form>
        </details>
    }
}

/// An RFC 3339 time's date in words ("3 March 2026"); any other text as it is.
fn opened_on(locale: Locale, at: &str) -> String {
    let mut parts = at.get(..10).unwrap_or(at).splitn(3, '-');
    let mut next = || parts.next().and_then(|p| p.parse::<u32>().ok());
    match (next(), next(), next()) {
        (Some(year), Some(month), Some(day)) if (1..=12).contains(&month) => {
            format_date(locale, year as i32, month, day)
        }
        _ => at.to_string(),
    }
}

/// The systemic reviews opened in the dashboard's scope, newest first as the server sends them.
#[component]
pub fn ReviewsSection(reviews: Vec<ReviewNote>, links: StatsLinks) -> impl IntoView {
    let locale = use_page_context().locale;
    let body = if reviews.is_empty() {
        view! { <p>{tr!(locale, stats_reviews_none)}</p> }.into_any()
    } else {
        view! {
            <ol class="plain-list review-list">
                {reviews.into_iter().map(|r| {
                    let href = links.system_href(&r.system);
                    let by = tr!(locale, stats_review_opened, name = r.opened_by.clone(), date = opened_on(locale, &r.opened_at));
                    view! {
                        <li class="review-note">
                            <h3><a href=href><AgencyText text=r.system_name /></a></h3>
                            <div class="user-text statement-text">{r.note}</div>
                            <p class="muted">{by}</p>
                        </li>
                    }
                }).collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="stats-reviews">
            <h2 id="stats-reviews">{tr!(locale, stats_reviews_title)}</h2>
            <p class="hint">{tr!(locale, stats_reviews_intro)}</p>
            {body}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::opened_on;
    use crate::i18n::Locale;

    #[test]
    fn the_opening_time_reads_as_a_date() {
        assert_eq!(
            opened_on(Locale::En, "2026-03-03T09:14:05Z"),
            "3 March 2026"
        );
        assert_eq!(
            opened_on(Locale::Ru, "2026-03-03T09:14:05+00:00"),
            "3 марта 2026 г."
        );
        assert_eq!(opened_on(Locale::En, "yesterday"), "yesterday");
    }
}
