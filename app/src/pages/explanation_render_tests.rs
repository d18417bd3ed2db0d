//! The explanation's reasons rendered from sample factors: which facts are the main reasons, the
//! words for their direction and importance, what is only "also considered", and where the exact
//! weights are (docs/explanations.md).

use super::render_support::{context, render, text};
use crate::components::reasons::DecisionReasons;
use crate::i18n::Locale;
use crate::types::*;
use leptos::prelude::*;

fn factor(label: &str, value: &str, contribution: f64) -> FactorView {
    FactorView {
        key: label.to_lowercase().replace(' ', "_"),
        label: text(label),
        value: value.into(),
        unit: None,
        contribution,
        citizen_can_change: false,
    }
}

/// Six factors: four that moved the outcome most, a fifth that moved it less, one that did not.
fn factors() -> Vec<FactorView> {
    vec![
        factor("Household size", "4", 3.58),
        factor("Monthly income", "412000.5", -1.9),
        factor("Region", "Astana", 0.0),
        factor("Years employed", "2", -0.7),
        factor("Savings", "120000", 1.2),
        factor("Owns a car", "no", 0.1),
    ]
}

fn reasons_html(locale: Locale, for_staff: bool) -> String {
    render(context(locale, None), move || {
        view! { <DecisionReasons factors=factors() for_staff /> }.into_any()
    })
}

/// The text between `start` and `end`, which must both be there.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in {html}"))
        + start.len();
    let to = html[from..]
        .find(end)
        .unwrap_or_else(|| panic!("no {end} after {start}"))
        + from;
    &html[from..to]
}

/// The opening tag of the exact weights' disclosure.
fn weights_disclosure(html: &str) -> &str {
    html.match_indices("<details")
        .map(|(start, _)| {
            &html[start
                ..start
                    + html[start..]
                        .find('>')
                        .unwrap_or_else(|| panic!("an unclosed <details in {html}"))]
        })
        .find(|tag| tag.contains("exact-weights"))
        .unwrap_or_else(|| panic!("no disclosure of the exact weights in {html}"))
}

#[test]
fn the_main_reasons_are_the_four_largest_weights_with_direction_and_importance_in_words() {
    let html = reasons_html(Locale::En, false);
    let main = between(&html, r#"<ol class="reason-list">"#, "</ol>");
    assert_eq!(
        main.matches("<li class=\"reason reason-").count(),
        4,
        "{main}"
    );
    let order: Vec<usize> = [
        "Household size",
        "Monthly income",
        "Savings",
        "Years employed",
    ]
    .iter()
    .map(|label| {
        main.find(label)
            .unwrap_or_else(|| panic!("{label} is a main reason"))
    })
    .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "largest first: {main}"
    );
    for absent in ["Region", "Owns a car"] {
        assert!(!main.contains(absent), "{absent} is not a main reason");
    }
    // 3.58 is the largest; 1.9 is 53 % of it, 1.2 is 34 %, 0.7 is 20 %.
    let words: Vec<&str> = main
        .split(r#"<span class="reason-importance">"#)
        .skip(1)
        .map(|rest| &rest[..rest.find('<').unwrap()])
        .collect();
    assert_eq!(
        words,
        [
            "The largest reason",
            "A moderate reason",
            "A moderate reason",
            "A smaller reason"
        ]
    );
    assert_eq!(main.matches("Counted in your favour").count(), 2);
    assert_eq!(main.matches("Counted against you").count(), 2);
    assert!(
        main.contains("412,000.5"),
        "values through the locale: {main}"
    );
}

#[test]
fn the_rest_is_also_considered_without_a_direction() {
    let html = reasons_html(Locale::En, false);
    let also = between(&html, r#"<ul class="also-considered">"#, "</ul>");
    assert!(html.contains("Also considered"));
    assert!(also.contains("Region") && also.contains("Astana"), "{also}");
    assert!(
        also.contains("Owns a car"),
        "the fifth factor is only considered: {also}"
    );
    for claim in ["Counted", "reason-effect", "0.10", "0.00"] {
        assert!(
            !also.contains(claim),
            "no direction or weight claimed: {claim} in {also}"
        );
    }
}

#[test]
fn citizens_find_the_exact_weights_behind_a_disclosure_and_staff_see_them_at_once() {
    let citizen = reasons_html(Locale::En, false);
    assert!(!weights_disclosure(&citizen).contains(" open"), "{citizen}");
    assert!(citizen.contains("Details: the exact weights"));
    let main = between(&citizen, r#"<ol class="reason-list">"#, "</ol>");
    assert!(
        !main.contains("3.58"),
        "no raw weight among the citizen's reasons: {main}"
    );
    let table = between(&citizen, "<tbody>", "</tbody>");
    for weight in ["+3.58", "\u{2212}1.90", "\u{2212}0.70", "+0.10", "0.00"] {
        assert!(table.contains(weight), "{weight} in {table}");
    }
    assert!(
        !citizen.contains("+-") && !citizen.contains("+\u{2212}"),
        "one sign only"
    );
    assert!(
        !table.contains("+0.00") && !table.contains("\u{2212}0.00"),
        "no sign on zero"
    );
    assert!(
        table.contains("Made no difference"),
        "the zero weight is not a direction"
    );
    assert!(
        table.contains(r#"data-label="Weight""#),
        "each cell names its column on a phone"
    );

    let staff = reasons_html(Locale::En, true);
    assert!(weights_disclosure(&staff).contains(" open"), "{staff}");
    let main = between(&staff, r#"<ol class="reason-list">"#, "</ol>");
    assert!(
        main.contains("+3.58") && main.contains("\u{2212}0.70"),
        "{main}"
    );
}

#[test]
fn russian_and_kazakh_read_weights_with_a_decimal_comma_and_their_own_words() {
    let russian = reasons_html(Locale::Ru, false);
    assert!(russian.contains("Самая весомая причина"), "{russian}");
    assert!(russian.contains("Также учитывалось"));
    assert!(russian.contains("+3,58") && russian.contains("\u{2212}0,70"));
    assert!(!russian.contains("3.58"));
    let kazakh = reasons_html(Locale::Kk, false);
    assert!(kazakh.contains("Ең басты себеп"), "{kazakh}");
    assert!(kazakh.contains("Сізге қарсы әсер етті"));
    assert!(kazakh.contains("Толығырақ: нақты салмақтар"));
    assert!(kazakh.contains("+3,58"));
}

#[test]
fn when_nothing_moved_the_outcome_the_page_says_so_instead_of_listing_reasons() {
    let html = render(context(Locale::En, None), || {
        let factors = vec![factor("Region", "Astana", 0.0), factor("Age", "40", -0.0)];
        view! { <DecisionReasons factors for_staff=false /> }.into_any()
    });
    assert!(!html.contains("reason-list"), "{html}");
    assert!(html.contains("None of the facts the system weighed changed the outcome"));
    let also = between(&html, r#"<ul class="also-considered">"#, "</ul>");
    assert!(also.contains("Region") && also.contains("Age"));
}
