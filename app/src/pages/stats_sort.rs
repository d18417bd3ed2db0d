//! Sorting the figures tables by a column named in the address (`?sort=overturn_rate`), so a
//! reader can see which state body is slowest or which system is overturned most without
//! JavaScript. Figures sort largest first, names alphabetically; ties keep the server's order.

use crate::i18n::{pick_text, Locale};
use crate::types::{FigureRow, Figures, PublicCount, RateFigure};
use std::cmp::Ordering;

/// The first column's name in the address.
pub const NAME: &str = "name";

/// The figure columns' names in the address, in the order the tables show them.
pub const FIGURE_COLUMNS: [&str; 14] = [
    "decisions",
    "appeals",
    "appeal_rate",
    "upheld",
    "overturned",
    "partially_overturned",
    "withdrawn",
    "pending",
    "overturn_rate",
    "median_days",
    "p90_days",
    "breaches",
    "breach_rate",
    "escalations",
];

/// The column a `sort` value names, when it names one.
pub fn known(column: &str) -> Option<&'static str> {
    std::iter::once(NAME)
        .chain(FIGURE_COLUMNS)
        .find(|c| *c == column)
}

/// Which way a column sorts, as `aria-sort` says it.
pub fn direction(column: &str) -> &'static str {
    if column == NAME {
        "ascending"
    } else {
        "descending"
    }
}

/// A figure as a number to sort by: a suppressed count below every exact one, and nothing
/// (a withheld rate, no median, an unknown column) as `None`.
fn figure(figures: &Figures, column: &str) -> Option<f64> {
    let count = |c: PublicCount| match c {
        PublicCount::Exact(n) => Some(n as f64),
        PublicCount::FewerThan(_) => Some(-1.0),
    };
    let rate = |r: Option<RateFigure>| r.map(|r| r.value);
    let days = |d: Option<u32>| d.map(f64::from);
    let f = figures;
    match column {
        "decisions" => count(f.decisions),
        "appeals" => count(f.appeals),
        "appeal_rate" => rate(f.appeal_rate),
        "upheld" => count(f.upheld),
        "overturned" => count(f.overturned),
        "partially_overturned" => count(f.partially_overturned),
        "withdrawn" => count(f.withdrawn),
        "pending" => count(f.pending),
        "overturn_rate" => rate(f.overturn_rate),
        "median_days" => days(f.median_days),
        "p90_days" => days(f.p90_days),
        "breaches" => count(f.breaches),
        "breach_rate" => rate(f.breach_rate),
        "escalations" => count(f.escalations),
        _ => None,
    }
}

/// The Kazakh Cyrillic alphabet, which holds the Russian one in the same order.
const CYRILLIC: &str = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя";

/// A name as a key that sorts alphabetically: case ignored, Cyrillic letters in alphabet
/// order (after every other letter).
fn name_key(name: &str) -> Vec<u32> {
    name.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match CYRILLIC.chars().position(|a| a == c) {
            Some(index) => 0x11_0000 + index as u32,
            None => c as u32,
        })
        .collect()
}

/// Sorts `rows` by `column`: a figure largest first (missing figures last), `name` by the
/// label in the reader's language. Equal rows, and every row under an unknown column, keep
/// their order.
pub fn sort_rows(rows: &mut [FigureRow], column: &str, locale: Locale, default: Locale) {
    if column == NAME {
        rows.sort_by_cached_key(|row| name_key(&pick_text(&row.label, locale, default).0));
        return;
    }
    if !FIGURE_COLUMNS.contains(&column) {
        return;
    }
    rows.sort_by(|a, b| {
        let (a, b) = (figure(&a.figures, column), figure(&b.figures, column));
        match (a, b) {
            (Some(a), Some(b)) => b.total_cmp(&a),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::LocalizedText;

    fn rate(value: f64) -> Option<RateFigure> {
        Some(RateFigure {
            value,
            low: value,
            high: value,
        })
    }

    fn row(
        key: &str,
        label: &str,
        appeals: PublicCount,
        overturn: Option<RateFigure>,
    ) -> FigureRow {
        let zero = PublicCount::Exact(0);
        FigureRow {
            key: key.into(),
            label: LocalizedText::from_pairs([(Locale::En, label), (Locale::Ru, label)]),
            agency: None,
            figures: Figures {
                decisions: zero,
                appeals,
                appeal_rate: None,
                decided: zero,
                upheld: zero,
                overturned: zero,
                partially_overturned: zero,
                withdrawn: zero,
                pending: zero,
                overturn_rate: overturn,
                median_days: None,
                p90_days: None,
                due: zero,
                breaches: zero,
                breach_rate: None,
                escalations: zero,
                escalation_rate: None,
            },
        }
    }

    fn keys(rows: &[FigureRow]) -> Vec<&str> {
        rows.iter().map(|r| r.key.as_str()).collect()
    }

    fn sample() -> Vec<FigureRow> {
        let (exact, few) = (PublicCount::Exact, PublicCount::FewerThan(10));
        vec![
            row("a", "Яблоко", few, None),
            row("b", "ақша", exact(10), rate(0.1)),
            row("c", "Zeta", exact(0), rate(0.4)),
            row("d", "alpha", few, None),
            row("e", "Ёлка", exact(10), rate(0.1)),
        ]
    }

    #[test]
    fn a_suppressed_count_sorts_below_every_exact_one_and_ties_keep_their_order() {
        let mut rows = sample();
        sort_rows(&mut rows, "appeals", Locale::En, Locale::Kk);
        assert_eq!(keys(&rows), ["b", "e", "c", "a", "d"]);
    }

    #[test]
    fn withheld_rates_come_last() {
        let mut rows = sample();
        sort_rows(&mut rows, "overturn_rate", Locale::En, Locale::Kk);
        assert_eq!(keys(&rows), ["c", "b", "e", "a", "d"]);
    }

    #[test]
    fn names_sort_alphabetically_in_the_readers_language() {
        let mut rows = sample();
        sort_rows(&mut rows, "name", Locale::Ru, Locale::Kk);
        // Latin before Cyrillic, case ignored, and ё in its alphabet place before я.
        assert_eq!(keys(&rows), ["d", "c", "b", "e", "a"]);
        assert_eq!(direction("name"), "ascending");
        assert_eq!(direction("median_days"), "descending");
    }

    #[test]
    fn an_unknown_column_leaves_the_order_as_it_was() {
        let mut rows = sample();
        sort_rows(&mut rows, "decided", Locale::En, Locale::Kk);
        assert_eq!(keys(&rows), ["a", "b", "c", "d", "e"]);
        assert_eq!(known("decided"), None);
        assert_eq!(known("escalations"), Some("escalations"));
        assert_eq!(known("name"), Some("name"));
    }
}
