//! One figure as a table cell or a headline shows it. A suppressed count says "fewer than 10"
//! in words; a withheld rate is a dash with its reason for screen readers and on hover, never
//! a zero, so nobody reads a hidden figure as "none".

use crate::i18n::stats_words::{count, decimal, interval_end, missing_rate, per_thousand, percent};
use crate::i18n::{counts, Locale};
use crate::types::{PublicCount, RateFigure, StatsAudience, StatsReport};
use leptos::prelude::*;

/// How a report's figures are written: the reader's language, and whether they are the
/// public figures (suppressed below `threshold`) or a staff member's exact ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shown {
    pub locale: Locale,
    pub public: bool,
    pub threshold: u64,
}

impl Shown {
    pub fn new(locale: Locale, report: &StatsReport) -> Shown {
        Shown {
            locale,
            public: report.audience == StatsAudience::Public,
            threshold: report.threshold,
        }
    }

    /// A count: the number, or "fewer than 10" marked as suppressed.
    pub fn count(self, n: PublicCount) -> AnyView {
        let text = count(self.locale, n);
        match n {
            PublicCount::Exact(_) => view! { <span>{text}</span> }.into_any(),
            PublicCount::FewerThan(_) => {
                view! { <span class="suppressed">{text}</span> }.into_any()
            }
        }
    }

    /// The dash in place of a figure that is not shown, with the reason.
    pub fn missing(self) -> AnyView {
        let why = missing_rate(self.locale, self.public, self.threshold);
        let title = why.clone();
        view! {
            <span class="withheld" title=title>
                <span aria-hidden="true">"—"</span>
                <span class="visually-hidden">{why}</span>
            </span>
        }
        .into_any()
    }

    fn text_or_missing(self, text: Option<String>) -> AnyView {
        match text {
            Some(text) => view! { <span>{text}</span> }.into_any(),
            None => self.missing(),
        }
    }

    /// A rate as a percentage with one decimal.
    pub fn percent(self, rate: Option<RateFigure>) -> AnyView {
        self.fraction(rate.map(|r| r.value))
    }

    /// A bare fraction as a percentage.
    pub fn fraction(self, value: Option<f64>) -> AnyView {
        self.text_or_missing(value.map(|v| percent(self.locale, v)))
    }

    /// A rate per 1,000.
    pub fn per_thousand(self, rate: Option<RateFigure>) -> AnyView {
        self.text_or_missing(rate.map(|r| per_thousand(self.locale, r.value)))
    }

    /// A number of working days, bare (a table's column says the unit).
    pub fn days(self, days: Option<u32>) -> AnyView {
        self.text_or_missing(days.map(|d| d.to_string()))
    }

    /// A number of working days with its unit, for a headline.
    pub fn days_words(self, days: Option<u32>) -> AnyView {
        self.text_or_missing(days.map(|d| counts::working_days(self.locale, d)))
    }

    /// A rate ratio with its 95 % interval: "1.8 (1.32–2.51)".
    pub fn ratio(self, ratio: Option<f64>, interval: Option<(f64, f64)>) -> AnyView {
        let text = ratio.map(|r| {
            let r = decimal(self.locale, r);
            match interval {
                Some((low, high)) => format!(
                    "{r} ({}\u{2013}{})",
                    interval_end(self.locale, low),
                    interval_end(self.locale, high)
                ),
                None => r,
            }
        });
        self.text_or_missing(text)
    }
}
