//! How long a case's personal data is kept (docs/security.md, "Retention"): the rule alone,
//! with no clock and no storage. The purge service gathers each case's dates and asks here.
//!
//! A *case* is one decision with the appeals filed on it. Its **last activity** is the latest
//! of:
//! - the decision's date (`decided_at`) and the moment the state body published it to the
//!   portal (`created_at`);
//! - for each appeal: its filing, its last workflow step (`updated_at`, moved by every step),
//!   the newest entry of its history (messages, questions, answers, notes) and the newest
//!   evidence upload.
//!
//! Reading a case (a citizen opening it, a staff view) is not activity: otherwise looking at
//! a case would keep its personal data for ever.
//!
//! A case **expires** when its last activity lies before the same moment `retention_months`
//! months ago (at a month's end the day is clamped: 31 March less one month is the last day
//! of February), and none of its appeals is open. An open appeal (any state but closed or
//! withdrawn; a decided appeal may still be escalated) keeps the whole case, whatever its age.

use app::types::AppealState;
use chrono::{Months, NaiveDateTime};

/// The period when a state body has not set its own: five years.
pub const DEFAULT_RETENTION_MONTHS: i32 = 60;
/// The shortest period a state body may set: a year.
pub const MIN_RETENTION_MONTHS: i32 = 12;
/// The longest period a state body may set: a hundred years.
pub const MAX_RETENTION_MONTHS: i32 = 1200;

/// How long a state body keeps a case's personal data after its last activity, in months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct RetentionPeriod(u32);

/// Why a period was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodRefusal {
    /// Fewer than [`MIN_RETENTION_MONTHS`] or more than [`MAX_RETENTION_MONTHS`].
    OutOfRange,
    /// Not longer than the state body's challenge window: a decision could lose its data
    /// while the citizen may still challenge it.
    NotBeyondChallengeWindow { window_months: i32 },
}

impl PeriodRefusal {
    /// The reason as an operator reads it after the field's name.
    pub fn reason(self) -> String {
        match self {
            PeriodRefusal::OutOfRange => format!(
                "must be a whole number of months from {MIN_RETENTION_MONTHS} to {MAX_RETENTION_MONTHS}"
            ),
            PeriodRefusal::NotBeyondChallengeWindow { window_months } => format!(
                "must be longer than the state body's challenge window ({window_months} months)"
            ),
        }
    }
}

impl RetentionPeriod {
    /// The default period of five years.
    pub const DEFAULT: RetentionPeriod = RetentionPeriod(DEFAULT_RETENTION_MONTHS as u32);

    /// A period a state body asks for, checked against its challenge window.
    pub fn new(
        months: i64,
        challenge_window_months: i32,
    ) -> Result<RetentionPeriod, PeriodRefusal> {
        if !(i64::from(MIN_RETENTION_MONTHS)..=i64::from(MAX_RETENTION_MONTHS)).contains(&months) {
            return Err(PeriodRefusal::OutOfRange);
        }
        if months <= i64::from(challenge_window_months) {
            return Err(PeriodRefusal::NotBeyondChallengeWindow {
                window_months: challenge_window_months,
            });
        }
        // In range, so it fits.
        Ok(RetentionPeriod(months.unsigned_abs() as u32))
    }

    /// A stored period; `None` when out of range (the database's check forbids it).
    pub fn from_stored(months: i32) -> Option<RetentionPeriod> {
        (MIN_RETENTION_MONTHS..=MAX_RETENTION_MONTHS)
            .contains(&months)
            .then(|| RetentionPeriod(months.unsigned_abs()))
    }

    /// The period in months.
    pub fn months(self) -> i32 {
        // At most MAX_RETENTION_MONTHS.
        self.0 as i32
    }

    /// The moment a case's last activity must lie before, at `now`, for the case to expire.
    pub fn cutoff(self, now: NaiveDateTime) -> NaiveDateTime {
        now.checked_sub_months(Months::new(self.0))
            .unwrap_or(NaiveDateTime::MIN)
    }
}

/// What the rule needs of one appeal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppealActivity {
    pub state: AppealState,
    pub filed_at: NaiveDateTime,
    /// Moved by every workflow step.
    pub updated_at: NaiveDateTime,
    /// The newest history entry, if any.
    pub last_entry_at: Option<NaiveDateTime>,
    /// The newest evidence upload, if any.
    pub last_evidence_at: Option<NaiveDateTime>,
}

impl AppealActivity {
    fn latest(&self) -> NaiveDateTime {
        [
            Some(self.filed_at),
            Some(self.updated_at),
            self.last_entry_at,
            self.last_evidence_at,
        ]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(self.filed_at)
    }
}

/// What the rule needs of one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseActivity {
    pub decided_at: NaiveDateTime,
    /// When the state body published the decision to the portal.
    pub published_at: NaiveDateTime,
    pub appeals: Vec<AppealActivity>,
}

impl CaseActivity {
    /// The case's last activity, as this module's header defines it.
    pub fn last_activity(&self) -> NaiveDateTime {
        self.appeals
            .iter()
            .map(AppealActivity::latest)
            .chain([self.decided_at, self.published_at])
            .max()
            .unwrap_or(self.published_at)
    }

    /// Whether an appeal on the case can still move.
    pub fn has_open_appeal(&self) -> bool {
        self.appeals.iter().any(|a| a.state.is_open())
    }
}

/// What the rule says of a case today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Its personal data may be removed.
    Expired,
    /// Still within its period.
    Within,
    /// An appeal is open: kept whatever its age.
    OpenAppeal,
}

/// Whether `case` has expired at `now` under `period`.
pub fn verdict(case: &CaseActivity, period: RetentionPeriod, now: NaiveDateTime) -> Verdict {
    if case.has_open_appeal() {
        Verdict::OpenAppeal
    } else if case.last_activity() < period.cutoff(now) {
        Verdict::Expired
    } else {
        Verdict::Within
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap()
    }

    fn decision_only(decided: NaiveDateTime) -> CaseActivity {
        CaseActivity {
            decided_at: decided,
            published_at: decided,
            appeals: Vec::new(),
        }
    }

    fn appeal(state: AppealState, filed: NaiveDateTime) -> AppealActivity {
        AppealActivity {
            state,
            filed_at: filed,
            updated_at: filed,
            last_entry_at: None,
            last_evidence_at: None,
        }
    }

    #[test]
    fn a_decision_expires_once_its_period_has_passed_since_it_was_made() {
        let case = decision_only(at(2020, 1, 10));
        let five_years = RetentionPeriod::DEFAULT;
        assert_eq!(verdict(&case, five_years, at(2025, 1, 10)), Verdict::Within);
        assert_eq!(
            verdict(
                &case,
                five_years,
                at(2025, 1, 10) + chrono::Duration::seconds(1)
            ),
            Verdict::Expired
        );
        assert_eq!(
            verdict(&case, five_years, at(2024, 12, 31)),
            Verdict::Within
        );
    }

    #[test]
    fn a_late_publication_counts_from_publication() {
        let case = CaseActivity {
            decided_at: at(2019, 1, 1),
            published_at: at(2021, 6, 1),
            appeals: Vec::new(),
        };
        assert_eq!(case.last_activity(), at(2021, 6, 1));
        assert_eq!(
            verdict(&case, RetentionPeriod::DEFAULT, at(2025, 1, 1)),
            Verdict::Within
        );
    }

    #[test]
    fn every_kind_of_appeal_activity_moves_the_last_activity() {
        let mut activity = appeal(AppealState::Closed, at(2020, 3, 1));
        activity.updated_at = at(2020, 5, 1);
        activity.last_entry_at = Some(at(2020, 7, 1));
        activity.last_evidence_at = Some(at(2020, 6, 1));
        let case = CaseActivity {
            decided_at: at(2020, 1, 1),
            published_at: at(2020, 1, 2),
            appeals: vec![activity.clone()],
        };
        assert_eq!(case.last_activity(), at(2020, 7, 1));
        activity.last_evidence_at = Some(at(2020, 9, 1));
        let case = CaseActivity {
            appeals: vec![activity],
            ..case
        };
        assert_eq!(case.last_activity(), at(2020, 9, 1));
        assert_eq!(
            verdict(&case, RetentionPeriod::DEFAULT, at(2025, 8, 31)),
            Verdict::Within
        );
        assert_eq!(
            verdict(&case, RetentionPeriod::DEFAULT, at(2025, 9, 2)),
            Verdict::Expired
        );
    }

    #[test]
    fn an_open_appeal_keeps_the_case_whatever_its_age() {
        for state in [
            AppealState::Submitted,
            AppealState::UnderReview,
            AppealState::AwaitingCitizen,
            AppealState::PendingApproval,
            AppealState::Decided,
            AppealState::Escalated,
            AppealState::Resolved,
        ] {
            let case = CaseActivity {
                appeals: vec![appeal(state, at(2001, 1, 1))],
                ..decision_only(at(2000, 1, 1))
            };
            assert_eq!(
                verdict(&case, RetentionPeriod::DEFAULT, at(2030, 1, 1)),
                Verdict::OpenAppeal,
                "{state:?}"
            );
        }
    }

    #[test]
    fn finished_appeals_do_not_keep_the_case() {
        for state in [AppealState::Closed, AppealState::Withdrawn] {
            let case = CaseActivity {
                appeals: vec![appeal(state, at(2001, 1, 1))],
                ..decision_only(at(2000, 1, 1))
            };
            assert_eq!(
                verdict(&case, RetentionPeriod::DEFAULT, at(2030, 1, 1)),
                Verdict::Expired
            );
        }
    }

    #[test]
    fn the_cutoff_clamps_to_the_end_of_a_shorter_month() {
        let period = RetentionPeriod::new(13, 3).unwrap();
        assert_eq!(period.cutoff(at(2025, 3, 31)), at(2024, 2, 29));
        assert_eq!(period.cutoff(at(2026, 3, 31)), at(2025, 2, 28));
    }

    #[test]
    fn a_period_must_be_in_range_and_outlast_the_challenge_window() {
        assert_eq!(RetentionPeriod::new(60, 3).unwrap().months(), 60);
        assert_eq!(RetentionPeriod::new(12, 3).unwrap().months(), 12);
        assert_eq!(RetentionPeriod::new(1200, 3).unwrap().months(), 1200);
        assert_eq!(RetentionPeriod::new(11, 3), Err(PeriodRefusal::OutOfRange));
        assert_eq!(RetentionPeriod::new(0, 3), Err(PeriodRefusal::OutOfRange));
        assert_eq!(RetentionPeriod::new(-60, 3), Err(PeriodRefusal::OutOfRange));
        assert_eq!(
            RetentionPeriod::new(1201, 3),
            Err(PeriodRefusal::OutOfRange)
        );
        assert_eq!(
            RetentionPeriod::new(24, 24),
            Err(PeriodRefusal::NotBeyondChallengeWindow { window_months: 24 })
        );
        assert!(PeriodRefusal::OutOfRange.reason().contains("12 to 1200"));
    }

    #[test]
    fn stored_periods_out_of_range_are_not_read_as_a_default() {
        assert_eq!(
            RetentionPeriod::from_stored(60),
            Some(RetentionPeriod::DEFAULT)
        );
        assert_eq!(RetentionPeriod::from_stored(0), None);
        assert_eq!(RetentionPeriod::from_stored(5000), None);
    }
}
