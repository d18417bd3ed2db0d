//! Adding up the grouped counts the database returns into the figures of a slice (a state
//! body, a system, a month, everything), and publishing them exactly or suppressed.

use crate::db::models::figures::AppealGroup;
use crate::domain::stats::{
    appeal_rate, breach_rate, escalation_rate, overturn_rate, public_count, summarize_counts, Rate,
};
use app::types::{Figures, PublicCount, RateFigure};
use std::collections::BTreeMap;

/// The counts of one slice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub decisions: u64,
    pub appeals: u64,
    pub upheld: u64,
    pub overturned: u64,
    pub partially_overturned: u64,
    pub withdrawn: u64,
    pub pending: u64,
    pub due: u64,
    pub breaches: u64,
    pub escalations: u64,
    pub finding_stands: u64,
    pub finding_reconsider: u64,
    /// Answered appeals by working days taken.
    pub days: BTreeMap<u32, u64>,
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

impl Tally {
    pub fn add_appeals(&mut self, group: &AppealGroup) {
        self.appeals += count(group.appeals);
        self.upheld += count(group.upheld);
        self.overturned += count(group.overturned);
        self.partially_overturned += count(group.partially_overturned);
        self.withdrawn += count(group.withdrawn);
        self.pending += count(group.pending);
        self.due += count(group.answered);
        self.breaches += count(group.answered_late);
        self.escalations += count(group.escalations);
        self.finding_stands += count(group.finding_stands);
        self.finding_reconsider += count(group.finding_reconsider);
    }

    /// Open appeals already past their decide-by date: due, and breached.
    pub fn add_late_open(&mut self, late: i64) {
        self.due += count(late);
        self.breaches += count(late);
    }

    /// `answered` appeals answered in `days` working days.
    pub fn add_answer_days(&mut self, days: i64, answered: i64) {
        *self
            .days
            .entry(u32::try_from(days).unwrap_or(u32::MAX))
            .or_default() += count(answered);
    }

    pub fn add_decisions(&mut self, decisions: i64) {
        self.decisions += count(decisions);
    }

    /// Appeals the state body answered.
    pub fn decided(&self) -> u64 {
        self.upheld + self.overturned + self.partially_overturned
    }

    pub fn overturns(&self) -> Rate {
        overturn_rate(self.overturned, self.partially_overturned, self.decided())
    }

    pub fn breach(&self) -> Rate {
        breach_rate(self.breaches, self.due)
    }
}

/// How figures are published: exactly (staff), or with counts under a threshold suppressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Publish {
    Exact,
    Suppressed { threshold: u64 },
}

impl Publish {
    pub fn count(self, n: u64) -> PublicCount {
        match self {
            Publish::Exact => PublicCount::Exact(n),
            Publish::Suppressed { threshold } => public_count(n, threshold),
        }
    }

    /// Whether a count may be shown exactly.
    pub fn shows(self, n: u64) -> bool {
        matches!(self.count(n), PublicCount::Exact(_))
    }

    /// The rate with its interval; withheld when there is nothing to divide by or, suppressed,
    /// when either count is under the threshold.
    pub fn rate(self, rate: Rate) -> Option<RateFigure> {
        if !self.shows(rate.numerator) || !self.shows(rate.denominator) {
            return None;
        }
        let value = rate.value()?;
        let (low, high) = rate.interval().unwrap_or((value, value));
        Some(RateFigure { value, low, high })
    }
}

/// The figures of a slice as `publish` allows.
pub fn figures(tally: &Tally, publish: Publish) -> Figures {
    let durations = summarize_counts(&tally.days).filter(|s| publish.shows(s.count));
    Figures {
        decisions: publish.count(tally.decisions),
        appeals: publish.count(tally.appeals),
        appeal_rate: publish.rate(appeal_rate(tally.appeals, tally.decisions)),
        decided: publish.count(tally.decided()),
        upheld: publish.count(tally.upheld),
        overturned: publish.count(tally.overturned),
        partially_overturned: publish.count(tally.partially_overturned),
        withdrawn: publish.count(tally.withdrawn),
        pending: publish.count(tally.pending),
        overturn_rate: publish.rate(tally.overturns()),
        median_days: durations.map(|s| s.median),
        p90_days: durations.map(|s| s.percentile_90),
        due: publish.count(tally.due),
        breaches: publish.count(tally.breaches),
        breach_rate: publish.rate(tally.breach()),
        escalations: publish.count(tally.escalations),
        escalation_rate: publish.rate(escalation_rate(tally.escalations, tally.decided())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally() -> Tally {
        Tally {
            decisions: 400,
            appeals: 40,
            upheld: 20,
            overturned: 8,
            partially_overturned: 2,
            withdrawn: 3,
            pending: 7,
            due: 35,
            breaches: 4,
            escalations: 12,
            days: BTreeMap::from([(5, 10), (9, 15), (20, 5)]),
            ..Tally::default()
        }
    }

    #[test]
    fn exact_figures_show_every_count_and_rate() {
        let f = figures(&tally(), Publish::Exact);
        assert_eq!(f.breaches, PublicCount::Exact(4));
        assert_eq!(f.breach_rate.map(|r| r.value), Some(4.0 / 35.0));
        assert_eq!(f.overturn_rate.map(|r| r.value), Some(10.0 / 30.0));
        assert_eq!((f.median_days, f.p90_days), (Some(9), Some(20)));
    }

    #[test]
    fn suppressed_figures_hide_small_counts_and_the_rates_built_on_them() {
        let f = figures(&tally(), Publish::Suppressed { threshold: 10 });
        assert_eq!(f.breaches, PublicCount::FewerThan(10));
        assert_eq!(f.breach_rate, None);
        assert_eq!(f.overturned, PublicCount::FewerThan(10));
        // 10 of 30 decided: both shown, so the rate is.
        assert_eq!(f.overturn_rate.map(|r| r.value), Some(10.0 / 30.0));
        assert_eq!(f.escalations, PublicCount::Exact(12));
        assert_eq!(f.median_days, Some(9));
        let few = Tally {
            days: BTreeMap::from([(5, 9)]),
            ..Tally::default()
        };
        assert_eq!(
            figures(&few, Publish::Suppressed { threshold: 10 }).median_days,
            None
        );
    }
}
