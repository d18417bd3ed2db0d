//! The words for the appeal workflow's values, one `match` per closed set (as `labels` does for
//! the rest), for the citizen's pages and the staff's alike. How a deadline was counted is
//! written out in `deadline`.

use super::{format_date, format_value, Locale};
use crate::tr;
use crate::types::{
    AppealState, DeadlineKind, EntryAuthor, EntryKind, EventKind, FindingKind, GroundKind,
    OutcomeKind,
};

mod deadline;
pub use deadline::{
    deadline_computed, deadline_status, deadline_status_class, period, skipped_why,
};

/// "Under review", "На рассмотрении", "Қаралуда": an appeal's state in a few words.
pub fn appeal_state(locale: Locale, state: AppealState) -> &'static str {
    match state {
        AppealState::Submitted => tr!(locale, state_submitted),
        AppealState::UnderReview => tr!(locale, state_under_review),
        AppealState::AwaitingCitizen => tr!(locale, state_awaiting_citizen),
        AppealState::PendingApproval => tr!(locale, state_pending_approval),
        AppealState::Decided => tr!(locale, state_decided),
        AppealState::Escalated => tr!(locale, state_escalated),
        AppealState::Resolved => tr!(locale, state_resolved),
        AppealState::Closed => tr!(locale, state_closed),
        AppealState::Withdrawn => tr!(locale, state_withdrawn),
    }
}

/// One sentence telling the citizen what the state means for them.
pub fn appeal_state_hint(locale: Locale, state: AppealState) -> &'static str {
    match state {
        AppealState::Submitted => tr!(locale, state_hint_submitted),
        AppealState::UnderReview => tr!(locale, state_hint_under_review),
        AppealState::AwaitingCitizen => tr!(locale, state_hint_awaiting_citizen),
        AppealState::PendingApproval => tr!(locale, state_hint_pending_approval),
        AppealState::Decided => tr!(locale, state_hint_decided),
        AppealState::Escalated => tr!(locale, state_hint_escalated),
        AppealState::Resolved => tr!(locale, state_hint_resolved),
        AppealState::Closed => tr!(locale, state_hint_closed),
        AppealState::Withdrawn => tr!(locale, state_hint_withdrawn),
    }
}

/// A reason for challenging in two or three words, for staff tables.
pub fn ground_short(locale: Locale, ground: GroundKind) -> &'static str {
    match ground {
        GroundKind::DataError => tr!(locale, ground_short_data_error),
        GroundKind::WrongRule => tr!(locale, ground_short_wrong_rule),
        GroundKind::Discrimination => tr!(locale, ground_short_discrimination),
        GroundKind::HumanReview => tr!(locale, ground_short_human_review),
        GroundKind::Other => tr!(locale, ground_short_other),
    }
}

/// A reason for challenging, as the citizen ticks it.
pub fn ground(locale: Locale, ground: GroundKind) -> &'static str {
    match ground {
        GroundKind::DataError => tr!(locale, ground_data_error),
        GroundKind::WrongRule => tr!(locale, ground_wrong_rule),
        GroundKind::Discrimination => tr!(locale, ground_discrimination),
        GroundKind::HumanReview => tr!(locale, ground_human_review),
        GroundKind::Other => tr!(locale, ground_other),
    }
}

/// The line under a reason's checkbox.
pub fn ground_hint(locale: Locale, ground: GroundKind) -> &'static str {
    match ground {
        GroundKind::DataError => tr!(locale, ground_hint_data_error),
        GroundKind::WrongRule => tr!(locale, ground_hint_wrong_rule),
        GroundKind::Discrimination => tr!(locale, ground_hint_discrimination),
        GroundKind::HumanReview => tr!(locale, ground_hint_human_review),
        GroundKind::Other => tr!(locale, ground_hint_other),
    }
}

/// The agency's answer: "The decision stands", "Решение отменено".
pub fn outcome(locale: Locale, outcome: OutcomeKind) -> &'static str {
    match outcome {
        OutcomeKind::Upheld => tr!(locale, outcome_upheld),
        OutcomeKind::Overturned => tr!(locale, outcome_overturned),
        OutcomeKind::PartiallyOverturned => tr!(locale, outcome_partially_overturned),
    }
}

/// What the Human Rights Commissioner found.
pub fn finding(locale: Locale, finding: FindingKind) -> &'static str {
    match finding {
        FindingKind::OutcomeStands => tr!(locale, finding_outcome_stands),
        FindingKind::RecommendReconsideration => tr!(locale, finding_recommend_reconsideration),
    }
}

/// The text of the button that takes a step.
pub fn step_button(locale: Locale, step: EventKind) -> &'static str {
    match step {
        EventKind::Acknowledge => tr!(locale, step_acknowledge),
        EventKind::RequestInformation => tr!(locale, step_request_information),
        EventKind::Answer => tr!(locale, step_answer),
        EventKind::ProposeOutcome => tr!(locale, step_propose_outcome),
        EventKind::Approve => tr!(locale, step_approve),
        EventKind::RejectApproval => tr!(locale, step_reject_approval),
        EventKind::Decide => tr!(locale, step_decide),
        EventKind::Extend => tr!(locale, step_extend),
        EventKind::Escalate => tr!(locale, step_escalate),
        EventKind::OmbudsmanFinding => tr!(locale, step_ombudsman_finding),
        EventKind::Reopen => tr!(locale, step_reopen),
        EventKind::Close => tr!(locale, step_close),
        EventKind::Withdraw => tr!(locale, step_withdraw),
    }
}

/// A step once taken, as the case history names it: "Time limit extended".
pub fn step_done(locale: Locale, step: EventKind) -> &'static str {
    match step {
        EventKind::Acknowledge => tr!(locale, entry_step_acknowledge),
        EventKind::RequestInformation => tr!(locale, entry_step_request_information),
        EventKind::Answer => tr!(locale, entry_step_answer),
        EventKind::ProposeOutcome => tr!(locale, entry_step_propose_outcome),
        EventKind::Approve => tr!(locale, entry_step_approve),
        EventKind::RejectApproval => tr!(locale, entry_step_reject_approval),
        EventKind::Decide => tr!(locale, entry_step_decide),
        EventKind::Extend => tr!(locale, entry_step_extend),
        EventKind::Escalate => tr!(locale, entry_step_escalate),
        EventKind::OmbudsmanFinding => tr!(locale, entry_step_ombudsman_finding),
        EventKind::Reopen => tr!(locale, entry_step_reopen),
        EventKind::Close => tr!(locale, entry_step_close),
        EventKind::Withdraw => tr!(locale, entry_step_withdraw),
    }
}

/// Which deadline: "Decision on the appeal".
pub fn deadline_kind(locale: Locale, kind: DeadlineKind) -> &'static str {
    match kind {
        DeadlineKind::Acknowledge => tr!(locale, deadline_kind_acknowledge),
        DeadlineKind::Decide => tr!(locale, deadline_kind_decide),
        DeadlineKind::Escalate => tr!(locale, deadline_kind_escalate),
    }
}

/// What an entry of the case history records.
pub fn entry_kind(locale: Locale, kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Filed => tr!(locale, entry_filed),
        EntryKind::Step(step) => step_done(locale, step),
        EntryKind::Assigned => tr!(locale, entry_assigned),
        EntryKind::Evidence => tr!(locale, entry_evidence),
        EntryKind::Message => tr!(locale, entry_message),
        EntryKind::Note => tr!(locale, entry_note),
    }
}

/// Who wrote an entry. The citizen reads "You" and "State body"; staff read "Citizen" and
/// "Staff" (with the name beside it).
pub fn entry_author(locale: Locale, author: EntryAuthor, staff_view: bool) -> &'static str {
    match (author, staff_view) {
        (EntryAuthor::Citizen, false) => tr!(locale, entry_author_you),
        (EntryAuthor::Citizen, true) => tr!(locale, entry_author_citizen),
        (EntryAuthor::Staff, false) => tr!(locale, entry_author_agency),
        (EntryAuthor::Staff, true) => tr!(locale, entry_author_staff),
        (EntryAuthor::Ombudsman, _) => tr!(locale, entry_author_ombudsman),
        (EntryAuthor::System, _) => tr!(locale, entry_author_system),
    }
}

/// A public holiday of Kazakhstan by its rule key (`kazakhstan_rules` in the server's
/// calendar); a key without words here is shown as it is.
pub fn holiday(locale: Locale, key: &str) -> String {
    let name = match key {
        "new_year" => tr!(locale, holiday_new_year),
        "orthodox_christmas" => tr!(locale, holiday_orthodox_christmas),
        "international_womens_day" => tr!(locale, holiday_international_womens_day),
        "nauryz_meiramy" => tr!(locale, holiday_nauryz_meiramy),
        "peoples_unity_day" => tr!(locale, holiday_peoples_unity_day),
        "defender_of_the_fatherland_day" => tr!(locale, holiday_defender_of_the_fatherland_day),
        "victory_day" => tr!(locale, holiday_victory_day),
        "capital_day" => tr!(locale, holiday_capital_day),
        "constitution_day" => tr!(locale, holiday_constitution_day),
        "republic_day" => tr!(locale, holiday_republic_day),
        "independence_day" => tr!(locale, holiday_independence_day),
        "kurban_ait" => tr!(locale, holiday_kurban_ait),
        other => other,
    };
    name.to_string()
}

/// "2026-03-03 14:05" (or with seconds and a zone) as "3 March 2026, 14:05"; anything else as
/// it is.
pub fn timestamp(locale: Locale, at: &str) -> String {
    let (day, time) = at.split_once(' ').unwrap_or((at, ""));
    let mut parts = day.splitn(3, '-').map(|p| p.parse::<u32>().ok());
    match (
        parts.next().flatten(),
        parts.next().flatten(),
        parts.next().flatten(),
    ) {
        (Some(year), Some(month), Some(d)) if (1..=12).contains(&month) => {
            let date = format_date(locale, year as i32, month, d);
            if time.is_empty() {
                date
            } else {
                format!("{date}, {time}")
            }
        }
        _ => at.to_string(),
    }
}

/// A file's size: "840 KB", "2,4 МБ".
pub fn file_size(locale: Locale, bytes: i64) -> String {
    const MB: i64 = 1024 * 1024;
    if bytes < MB {
        let kb = ((bytes.max(0) + 1023) / 1024).max(1);
        tr!(locale, appeal_size_kb, size = kb.to_string())
    } else {
        let tenths = (bytes * 10 + MB / 2) / MB;
        let size = format_value(locale, &format!("{}.{}", tenths / 10, tenths % 10), None);
        tr!(locale, appeal_size_mb, size = size)
    }
}

/// A content type as people know it: "PDF", "PNG", "JPEG".
pub fn file_type(content_type: &str) -> &str {
    match content_type {
        "application/pdf" => "PDF",
        "image/png" => "PNG",
        "image/jpeg" => "JPEG",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holidays_have_names_and_unknown_keys_stay_as_they_are() {
        assert_eq!(holiday(Locale::Ru, "victory_day"), "День Победы");
        assert_eq!(holiday(Locale::En, "nauryz_meiramy"), "Nauryz meiramy");
        assert_eq!(holiday(Locale::Kk, "some_new_day"), "some_new_day");
    }

    #[test]
    fn times_and_sizes_read_in_the_readers_language() {
        assert_eq!(
            timestamp(Locale::En, "2026-03-03 14:05"),
            "3 March 2026, 14:05"
        );
        assert_eq!(timestamp(Locale::Ru, "2026-03-03"), "3 марта 2026 г.");
        assert_eq!(timestamp(Locale::En, "yesterday"), "yesterday");
        assert_eq!(file_size(Locale::En, 2_516_582), "2.4 MB");
        assert_eq!(file_size(Locale::Ru, 2_516_582), "2,4 МБ");
        assert_eq!(file_size(Locale::En, 100), "1 KB");
        assert_eq!(file_type("application/pdf"), "PDF");
    }
}
