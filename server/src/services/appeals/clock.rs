//! An appeal's deadlines as the citizen and staff read them: each due date with how it was
//! counted (the start, the period, the days skipped and why) and where it stands today. The
//! counting is `domain::calendar`'s; this module only chooses what to count for each state.

use super::case::Case;
use crate::domain::calendar::{
    ClockStatus, DayOffReason, PeriodDeadline, PeriodUnit, SkippedRange, SkippedReason,
};
use app::types::{
    AppealState, CalendarDate, DeadlineKind, DeadlineStatus, DeadlineView, PeriodKind, SkippedView,
    SkippedWhy,
};
use chrono::{Datelike, NaiveDate};

/// How many working days before a deadline it counts as at risk.
pub const AT_RISK_WORKING_DAYS: u32 = 2;

/// A date for the pages.
pub fn calendar_date(date: NaiveDate) -> CalendarDate {
    CalendarDate {
        year: date.year(),
        month: date.month(),
        day: date.day(),
    }
}

/// The deadlines that apply to the case, in the order they arise.
pub fn deadlines(case: &Case, escalated_on: Option<NaiveDate>) -> Vec<DeadlineView> {
    let mut views = vec![acknowledge(case), decide(case)];
    if let Some(view) = escalate(case, escalated_on) {
        views.push(view);
    }
    views
}

fn acknowledge(case: &Case) -> DeadlineView {
    let counted = case
        .terms
        .profile
        .acknowledge_by(case.row.filed_on, &case.terms.calendar);
    let status = match case.row.acknowledged_on {
        Some(on) => DeadlineStatus::Met {
            on: calendar_date(on),
        },
        None if case.state != AppealState::Submitted => DeadlineStatus::Moot,
        None => running(case, case.row.acknowledge_by),
    };
    view(
        DeadlineKind::Acknowledge,
        &counted,
        Some(case.row.acknowledge_by),
        status,
        None,
    )
}

fn decide(case: &Case) -> DeadlineView {
    let counted =
        case.terms
            .profile
            .decide_by(case.row.decide_from, &case.pauses, &case.terms.calendar);
    let status = match (case.row.decided_on, case.state) {
        (Some(on), _) => DeadlineStatus::Met {
            on: calendar_date(on),
        },
        (None, state) if !state.is_before_decision() => DeadlineStatus::Moot,
        _ => match &counted {
            ClockStatus::OnHold(hold) if case.row.extended_to.is_none() => DeadlineStatus::OnHold {
                since: calendar_date(hold.since),
                remaining: hold.remaining,
            },
            _ => running(case, case.row.decide_by),
        },
    };
    let on_hold = matches!(status, DeadlineStatus::OnHold { .. });
    let due = (!on_hold).then_some(case.row.decide_by);
    match counted {
        ClockStatus::Due(deadline) => view(
            DeadlineKind::Decide,
            &deadline,
            due,
            status,
            case.row.extension_reason.clone(),
        ),
        ClockStatus::OnHold(_) => {
            // The count cannot finish while the clock is stopped: say how far it got.
            let period = case.terms.profile.decide;
            let partial = PeriodDeadline {
                start: case.row.decide_from,
                period,
                due: case.row.decide_by,
                skipped: Vec::new(),
            };
            view(
                DeadlineKind::Decide,
                &partial,
                due,
                status,
                case.row.extension_reason.clone(),
            )
        }
    }
}

fn escalate(case: &Case, escalated_on: Option<NaiveDate>) -> Option<DeadlineView> {
    let until = case.row.escalate_until?;
    let decided_on = case.row.decided_on?;
    let counted = case
        .terms
        .profile
        .escalate_by(decided_on, &case.terms.calendar);
    let status = match (escalated_on, case.state) {
        (Some(on), _) => DeadlineStatus::Met {
            on: calendar_date(on),
        },
        (None, AppealState::Decided) => running(case, until),
        _ => DeadlineStatus::Moot,
    };
    Some(view(
        DeadlineKind::Escalate,
        &counted,
        Some(until),
        status,
        None,
    ))
}

/// Where a running deadline stands today.
fn running(case: &Case, due: NaiveDate) -> DeadlineStatus {
    if case.today > due {
        DeadlineStatus::Overdue
    } else if case.terms.calendar.working_days_between(case.today, due) <= AT_RISK_WORKING_DAYS {
        DeadlineStatus::AtRisk
    } else {
        DeadlineStatus::Ahead
    }
}

fn view(
    kind: DeadlineKind,
    counted: &PeriodDeadline,
    due: Option<NaiveDate>,
    status: DeadlineStatus,
    extension_reason: Option<String>,
) -> DeadlineView {
    DeadlineView {
        kind,
        start: calendar_date(counted.start),
        amount: counted.period.amount,
        period: match counted.period.unit {
            PeriodUnit::WorkingDays => PeriodKind::WorkingDays,
            PeriodUnit::CalendarDays => PeriodKind::CalendarDays,
            PeriodUnit::Months => PeriodKind::Months,
        },
        due: due.map(calendar_date),
        skipped: counted.skipped_ranges().iter().map(skipped).collect(),
        status,
        extension_reason,
    }
}

fn skipped(range: &SkippedRange) -> SkippedView {
    SkippedView {
        first: calendar_date(range.first),
        last: calendar_date(range.last),
        why: match &range.reason {
            SkippedReason::DayOff(DayOffReason::Holiday(key)) => {
                SkippedWhy::Holiday { key: key.clone() }
            }
            SkippedReason::DayOff(DayOffReason::MovedFrom { key, .. }) => {
                SkippedWhy::MovedHoliday { key: key.clone() }
            }
            SkippedReason::DayOff(DayOffReason::Exception(note)) => {
                SkippedWhy::AgencyDayOff { note: note.clone() }
            }
            SkippedReason::Paused => SkippedWhy::Paused,
            // Plain weekends are left out of the ranges; should one arrive, it reads as a
            // day off of the agency.
            SkippedReason::Weekend => SkippedWhy::AgencyDayOff {
                note: String::new(),
            },
        },
    }
}
