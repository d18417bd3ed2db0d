//! What the statistics count of one appeal: how it ended (or that it has not), and how many
//! working days the state body took to answer it.

use crate::domain::calendar::{Pause, WorkingCalendar};
use app::types::{AppealState, OutcomeKind};
use chrono::NaiveDate;

/// Where an appeal stands for the statistics: its answer, or why it has none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppealResult {
    /// Not answered yet (also an appeal reopened after an ombudsman's recommendation, until
    /// the state body answers again).
    Pending,
    Upheld,
    Overturned,
    PartiallyOverturned,
    /// Withdrawn by the citizen before an answer.
    Withdrawn,
}

impl AppealResult {
    pub const ALL: [AppealResult; 5] = [
        AppealResult::Pending,
        AppealResult::Upheld,
        AppealResult::Overturned,
        AppealResult::PartiallyOverturned,
        AppealResult::Withdrawn,
    ];

    /// The stored name (`appeal_figures.result`).
    pub fn as_str(self) -> &'static str {
        match self {
            AppealResult::Pending => "pending",
            AppealResult::Upheld => "upheld",
            AppealResult::Overturned => "overturned",
            AppealResult::PartiallyOverturned => "partially_overturned",
            AppealResult::Withdrawn => "withdrawn",
        }
    }

    /// Whether the state body answered it.
    pub fn is_answered(self) -> bool {
        matches!(
            self,
            AppealResult::Upheld | AppealResult::Overturned | AppealResult::PartiallyOverturned
        )
    }

    /// The result of an appeal in `state` whose last answer (if any) was `outcome`.
    pub fn of(state: AppealState, outcome: Option<OutcomeKind>) -> AppealResult {
        if state == AppealState::Withdrawn {
            return AppealResult::Withdrawn;
        }
        if state.is_before_decision() {
            return AppealResult::Pending;
        }
        match outcome {
            Some(OutcomeKind::Upheld) => AppealResult::Upheld,
            Some(OutcomeKind::Overturned) => AppealResult::Overturned,
            Some(OutcomeKind::PartiallyOverturned) => AppealResult::PartiallyOverturned,
            // Past the decision without an outcome cannot happen; count it as unanswered
            // rather than invent an answer.
            None => AppealResult::Pending,
        }
    }
}

/// Working days the state body took: the working days after `filed_on` up to and including
/// `answered_on` on its calendar, without the days its clock was paused waiting on the
/// citizen. An answer on the day of filing took 0 days.
pub fn answer_working_days(
    calendar: &WorkingCalendar,
    filed_on: NaiveDate,
    answered_on: NaiveDate,
    pauses: &[Pause],
) -> u32 {
    let paused_working_days = filed_on
        .iter_days()
        .skip(1)
        .take_while(|day| *day <= answered_on)
        .filter(|day| pauses.iter().any(|pause| pause.covers(*day)))
        .filter(|day| calendar.is_working_day(*day))
        .count();
    calendar
        .working_days_between(filed_on, answered_on)
        .saturating_sub(u32::try_from(paused_working_days).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn a_reopened_appeal_is_pending_until_answered_again() {
        assert_eq!(
            AppealResult::of(AppealState::UnderReview, Some(OutcomeKind::Upheld)),
            AppealResult::Pending
        );
        assert_eq!(
            AppealResult::of(AppealState::Closed, Some(OutcomeKind::Overturned)),
            AppealResult::Overturned
        );
        assert_eq!(
            AppealResult::of(AppealState::Withdrawn, None),
            AppealResult::Withdrawn
        );
    }

    #[test]
    fn working_days_skip_weekends_holidays_and_pauses() {
        let calendar = WorkingCalendar::kazakhstan(Vec::new());
        // Monday 2 November 2026 to Monday 9 November: 5 working days (Tue–Fri, Mon).
        assert_eq!(
            answer_working_days(&calendar, date(2026, 11, 2), date(2026, 11, 9), &[]),
            5
        );
        // Paused Wednesday to Friday (resumed Friday): Wednesday and Thursday not counted.
        let pause = Pause::ended(date(2026, 11, 4), date(2026, 11, 6));
        assert_eq!(
            answer_working_days(&calendar, date(2026, 11, 2), date(2026, 11, 9), &[pause]),
            3
        );
        // 16 December (Independence Day) is a holiday in Kazakhstan.
        assert_eq!(
            answer_working_days(&calendar, date(2026, 12, 15), date(2026, 12, 17), &[]),
            1
        );
        assert_eq!(
            answer_working_days(&calendar, date(2026, 11, 2), date(2026, 11, 2), &[]),
            0
        );
    }
}
