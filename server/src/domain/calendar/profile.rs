//! An agency's deadline profile: how long citizens have to challenge, and how long the agency
//! has to acknowledge and decide. Profiles are data, stored as JSON per agency, so an agency
//! under other rules changes numbers, not code.

use super::months::add_months_clamped;
use super::pauses::{ClockStatus, Pause};
use super::period::{count_period, count_period_with_pauses, Period, PeriodDeadline};
use super::working_calendar::WorkingCalendar;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The terms an agency works to. Fields missing from stored JSON take the Kazakhstan
/// defaults of [`DeadlineProfile::kazakhstan_appc`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeadlineProfile {
    /// Calendar months after a decision in which a citizen may challenge it.
    pub challenge_window_months: u32,
    /// How soon after filing the agency confirms it received the challenge.
    pub acknowledge: Period,
    /// How soon after filing the agency decides.
    pub decide: Period,
    /// How many times the decide deadline may be extended.
    pub extensions_allowed: u32,
    /// The latest an extended decide deadline may fall, in calendar months after filing, all
    /// extensions together. Pauses do not move this ceiling.
    pub extension_max_total_months: u32,
    /// How long after the agency's decision a citizen may escalate to the ombudsman from the
    /// portal.
    pub escalation_window: Period,
}

/// Why an extension of the decide deadline was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtensionRefusal {
    /// Every extension the profile allows was already granted.
    NoExtensionsLeft { allowed: u32 },
    /// The proposed date is past the ceiling.
    BeyondCeiling { latest: NaiveDate },
}

impl fmt::Display for ExtensionRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoExtensionsLeft { allowed } => {
                write!(f, "no extension left: {allowed} allowed")
            }
            Self::BeyondCeiling { latest } => {
                write!(f, "an extended deadline may not pass {latest}")
            }
        }
    }
}

impl std::error::Error for ExtensionRefusal {}

impl Default for DeadlineProfile {
    fn default() -> Self {
        Self::kazakhstan_appc()
    }
}

impl DeadlineProfile {
    /// Kazakhstan, under the Administrative Procedural Code of the Republic of Kazakhstan
    /// (29 June 2020 No. 350-VI): an administrative case is decided within 15 working days of
    /// filing (Art. 76); the term may be extended once, to at most two months after filing in
    /// total; a challenge may be filed within three months of the decision. Acknowledging
    /// within 3 working days and 3 months to escalate to the ombudsman are portal defaults
    /// that an agency can change, not terms of the Code.
    pub fn kazakhstan_appc() -> Self {
        Self {
            challenge_window_months: 3,
            acknowledge: Period::working_days(3),
            decide: Period::working_days(15),
            extensions_allowed: 1,
            extension_max_total_months: 2,
            escalation_window: Period::months(3),
        }
    }

    /// An example of a profile in calendar time, shaped like the GDPR's answer to a data
    /// subject (Regulation (EU) 2016/679, Art. 12(3)): one month, extendable once by two
    /// further months. The Regulation sets no separate acknowledgement, so the example
    /// acknowledges within the answer's month; the challenge and escalation windows are
    /// illustrative.
    pub fn gdpr_style() -> Self {
        Self {
            challenge_window_months: 3,
            acknowledge: Period::months(1),
            decide: Period::months(1),
            extensions_allowed: 1,
            extension_max_total_months: 3,
            escalation_window: Period::months(3),
        }
    }

    /// The last day to challenge a decision made on `decided_on`.
    pub fn challenge_until(&self, decided_on: NaiveDate) -> PeriodDeadline {
        months_after(decided_on, self.challenge_window_months)
    }

    /// The last day for the agency to acknowledge a challenge filed on `filed_on`.
    pub fn acknowledge_by(
        &self,
        filed_on: NaiveDate,
        calendar: &WorkingCalendar,
    ) -> PeriodDeadline {
        count_period(calendar, filed_on, self.acknowledge)
    }

    /// The last day for the agency to decide a challenge filed on `filed_on`, not counting
    /// paused days; on hold while an information request is unanswered.
    pub fn decide_by(
        &self,
        filed_on: NaiveDate,
        pauses: &[Pause],
        calendar: &WorkingCalendar,
    ) -> ClockStatus<PeriodDeadline> {
        count_period_with_pauses(calendar, filed_on, self.decide, pauses)
    }

    /// The latest day an extended decide deadline may fall.
    pub fn latest_extension(&self, filed_on: NaiveDate) -> PeriodDeadline {
        months_after(filed_on, self.extension_max_total_months)
    }

    /// Whether the decide deadline of a challenge filed on `filed_on`, already extended
    /// `extensions_granted` times, may be extended to `proposed_due`.
    pub fn check_extension(
        &self,
        filed_on: NaiveDate,
        extensions_granted: u32,
        proposed_due: NaiveDate,
    ) -> Result<(), ExtensionRefusal> {
        if extensions_granted >= self.extensions_allowed {
            return Err(ExtensionRefusal::NoExtensionsLeft {
                allowed: self.extensions_allowed,
            });
        }
        let latest = self.latest_extension(filed_on).due;
        if proposed_due > latest {
            return Err(ExtensionRefusal::BeyondCeiling { latest });
        }
        Ok(())
    }

    /// The last day to escalate to the ombudsman after a decision made on `decided_on`.
    pub fn escalate_by(&self, decided_on: NaiveDate, calendar: &WorkingCalendar) -> PeriodDeadline {
        count_period(calendar, decided_on, self.escalation_window)
    }
}

/// A window in calendar months, which needs no calendar.
fn months_after(start: NaiveDate, months: u32) -> PeriodDeadline {
    PeriodDeadline {
        start,
        period: Period::months(months),
        due: add_months_clamped(start, months),
        skipped: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::days_off::DayOffReason;
    use super::super::deadline::{SkippedRange, SkippedReason};
    use super::super::pauses::OnHold;
    use super::super::period::PeriodUnit;
    use super::super::test_support::{date, kazakhstan};
    use super::*;

    #[test]
    fn the_kazakhstan_profile_gives_15_working_days_to_decide_and_3_to_acknowledge() {
        let profile = DeadlineProfile::kazakhstan_appc();
        assert_eq!(profile.decide, Period::working_days(15));
        assert_eq!(profile.acknowledge, Period::working_days(3));
        assert_eq!(profile.challenge_window_months, 3);
        assert_eq!(profile.extensions_allowed, 1);
        assert_eq!(profile.extension_max_total_months, 2);
        assert_eq!(profile.escalation_window, Period::months(3));
        assert_eq!(DeadlineProfile::default(), profile);
    }

    #[test]
    fn a_challenge_filed_before_womens_day_2025_is_acknowledged_after_the_replacement_monday() {
        // Filed Friday 7 March 2025; 8 March is a Saturday, so Monday 10 March is off.
        let deadline =
            DeadlineProfile::kazakhstan_appc().acknowledge_by(date(2025, 3, 7), &kazakhstan());
        assert_eq!(deadline.due, date(2025, 3, 13));
        assert_eq!(
            deadline.skipped_ranges(),
            vec![
                SkippedRange {
                    first: date(2025, 3, 8),
                    last: date(2025, 3, 8),
                    reason: SkippedReason::DayOff(DayOffReason::Holiday(
                        "international_womens_day".to_owned()
                    )),
                },
                SkippedRange {
                    first: date(2025, 3, 10),
                    last: date(2025, 3, 10),
                    reason: SkippedReason::DayOff(DayOffReason::MovedFrom {
                        key: "international_womens_day".to_owned(),
                        date: date(2025, 3, 8),
                    }),
                },
            ]
        );
    }

    #[test]
    fn a_challenge_filed_on_3_march_2024_must_be_decided_by_28_march() {
        let status =
            DeadlineProfile::kazakhstan_appc().decide_by(date(2024, 3, 3), &[], &kazakhstan());
        let deadline = status.due().unwrap();
        assert_eq!(deadline.due, date(2024, 3, 28));
        assert_eq!(deadline.period, Period::working_days(15));
    }

    #[test]
    fn an_unanswered_information_request_puts_the_decision_deadline_on_hold() {
        let pauses = [Pause::open(date(2025, 4, 10))];
        let status =
            DeadlineProfile::kazakhstan_appc().decide_by(date(2025, 4, 7), &pauses, &kazakhstan());
        assert_eq!(
            status,
            ClockStatus::OnHold(OnHold {
                since: date(2025, 4, 10),
                counted: 2,
                remaining: 13
            })
        );
    }

    #[test]
    fn an_extension_may_reach_two_months_after_filing_and_no_further() {
        let profile = DeadlineProfile::kazakhstan_appc();
        let filed = date(2024, 12, 31);
        assert_eq!(profile.latest_extension(filed).due, date(2025, 2, 28));
        assert_eq!(profile.check_extension(filed, 0, date(2025, 2, 28)), Ok(()));
        assert_eq!(
            profile.check_extension(filed, 0, date(2025, 3, 1)),
            Err(ExtensionRefusal::BeyondCeiling {
                latest: date(2025, 2, 28)
            })
        );
    }

    #[test]
    fn a_second_extension_is_refused_when_one_is_allowed() {
        let profile = DeadlineProfile::kazakhstan_appc();
        assert_eq!(
            profile.check_extension(date(2025, 4, 7), 1, date(2025, 5, 7)),
            Err(ExtensionRefusal::NoExtensionsLeft { allowed: 1 })
        );
        assert_eq!(
            ExtensionRefusal::NoExtensionsLeft { allowed: 1 }.to_string(),
            "no extension left: 1 allowed"
        );
    }

    #[test]
    fn a_decision_can_be_challenged_for_three_calendar_months() {
        let window = DeadlineProfile::kazakhstan_appc().challenge_until(date(2025, 11, 30));
        assert_eq!(window.due, date(2026, 2, 28));
        assert_eq!(window.period, Period::months(3));
    }

    #[test]
    fn escalation_to_the_ombudsman_is_open_for_three_months_by_default() {
        let window =
            DeadlineProfile::kazakhstan_appc().escalate_by(date(2025, 6, 6), &kazakhstan());
        assert_eq!(window.due, date(2025, 9, 6));
    }

    #[test]
    fn the_gdpr_style_profile_counts_one_month_plus_two_in_calendar_time() {
        let profile = DeadlineProfile::gdpr_style();
        assert_eq!(profile.decide.unit, PeriodUnit::Months);
        let filed = date(2025, 1, 31);
        let decide = profile.decide_by(filed, &[], &kazakhstan()).due().unwrap();
        assert_eq!(decide.due, date(2025, 2, 28));
        assert_eq!(profile.latest_extension(filed).due, date(2025, 4, 30));
        // A decision due on a holiday stays on it: calendar time ignores the calendar.
        let on_holiday = profile
            .decide_by(date(2025, 2, 8), &[], &kazakhstan())
            .due()
            .unwrap();
        assert_eq!(on_holiday.due, date(2025, 3, 8));
    }

    #[test]
    fn a_profile_is_stored_as_json_and_read_back_unchanged() {
        let profile = DeadlineProfile::gdpr_style();
        let json = serde_json::to_string(&profile).unwrap();
        assert!(json.contains(r#""decide":{"amount":1,"unit":"months"}"#));
        let back: DeadlineProfile = serde_json::from_str(&json).unwrap();
        assert_eq!(back, profile);
    }

    #[test]
    fn a_stored_profile_missing_fields_takes_the_kazakhstan_defaults() {
        let stored = r#"{"decide":{"amount":20,"unit":"working_days"}}"#;
        let profile: DeadlineProfile = serde_json::from_str(stored).unwrap();
        assert_eq!(profile.decide, Period::working_days(20));
        assert_eq!(profile.acknowledge, Period::working_days(3));
        assert_eq!(profile.extension_max_total_months, 2);
    }
}
