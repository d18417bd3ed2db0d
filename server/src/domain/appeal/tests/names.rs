//! Wire names and refusal codes: stable, snake_case, equal to what serde writes, and parsed
//! back exactly.

use super::support::*;
use serde::Serialize;
use std::collections::HashSet;

fn serde_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value).unwrap() {
        serde_json::Value::String(name) => name,
        other => panic!("not a name: {other}"),
    }
}

fn is_snake_case(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('_')
        && !name.ends_with('_')
        && !name.contains("__")
        && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
}

macro_rules! check_names {
    ($name:ty) => {{
        let mut seen = HashSet::new();
        for value in <$name>::ALL.iter().copied() {
            let wire = value.as_str();
            assert!(is_snake_case(wire), "{wire}");
            assert!(seen.insert(wire), "{wire} twice");
            assert_eq!(serde_name(&value), wire);
            assert_eq!(value.to_string(), wire);
            assert_eq!(<$name>::parse(wire), Some(value));
            assert_eq!(<$name>::parse(&wire.to_uppercase()), None);
            assert_eq!(<$name>::parse(&format!(" {wire}")), None);
        }
        assert_eq!(<$name>::parse(""), None);
    }};
}

#[test]
fn wire_names_are_serde_names_and_parse_back() {
    check_names!(AppealState);
    check_names!(EventKind);
    check_names!(StaffRole);
    check_names!(OutcomeKind);
    check_names!(FindingKind);
    check_names!(CloseReason);
    check_names!(ActorNeeded);
}

#[test]
fn the_lists_are_complete() {
    assert_eq!(AppealState::ALL.len(), 9);
    assert_eq!(EventKind::ALL.len(), 13);
    assert_eq!(
        AppealState::ALL
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>(),
        [
            "submitted",
            "under_review",
            "awaiting_citizen",
            "pending_approval",
            "decided",
            "escalated",
            "resolved",
            "closed",
            "withdrawn"
        ]
    );
}

#[test]
fn events_name_their_kind_on_the_wire_and_read_back() {
    for kind in EventKind::ALL.iter().copied() {
        for event in samples(kind, &facts()) {
            assert_eq!(event.kind(), kind);
            let json = serde_json::to_value(&event).unwrap();
            assert_eq!(json["event"], kind.as_str());
            let back: Event = serde_json::from_value(json).unwrap();
            assert_eq!(back, event);
        }
    }
}

#[test]
fn an_event_reads_from_the_json_a_form_sends() {
    let event: Event = serde_json::from_str(
        r#"{"event":"decide","outcome":{"kind":"overturned","reasoning":"Out of date.",
            "corrected":{"outcome":"granted","label":"Benefit granted"}}}"#,
    )
    .unwrap();
    assert_eq!(event.kind(), EventKind::Decide);
    let withdraw: Event = serde_json::from_str(r#"{"event":"withdraw"}"#).unwrap();
    assert_eq!(withdraw, Event::Withdraw { reason: None });
    let extend: Event = serde_json::from_str(
        r#"{"event":"extend","new_due":"2026-04-15","ceiling":"2026-05-01","reason":"Expert."}"#,
    )
    .unwrap();
    assert_eq!(extend.kind(), EventKind::Extend);
}

/// One of each refusal. The match below stops compiling when a refusal is added, so the list
/// is kept complete.
fn every_refusal() -> Vec<Refusal> {
    let all = vec![
        Refusal::NotAllowedInState {
            state: AppealState::Closed,
            event: EventKind::Close,
        },
        Refusal::WrongActor {
            needed: ActorNeeded::Citizen,
        },
        Refusal::OtherAgency,
        Refusal::NotAssignee,
        Refusal::OriginalReviewerCannotReview,
        Refusal::ProposerCannotApprove,
        Refusal::NoPendingProposal,
        Refusal::HighRiskNeedsApproval,
        Refusal::AlreadyExtended,
        Refusal::ExtensionNotLater,
        Refusal::ExtensionPastCeiling,
        Refusal::EscalationWindowClosed,
        Refusal::EscalationWindowStillOpen,
        Refusal::EscalationWindowUnknown,
        Refusal::EmptyText { field: "reply" },
        Refusal::CorrectedOutcomeRequired,
        Refusal::CorrectedOutcomeNotAllowed,
        Refusal::FindingDoesNotRecommendReconsideration,
        Refusal::ReconsiderationRecommended,
        Refusal::NoFindingRecorded,
    ];
    for refusal in &all {
        match refusal {
            Refusal::NotAllowedInState { .. }
            | Refusal::WrongActor { .. }
            | Refusal::OtherAgency
            | Refusal::NotAssignee
            | Refusal::OriginalReviewerCannotReview
            | Refusal::ProposerCannotApprove
            | Refusal::NoPendingProposal
            | Refusal::HighRiskNeedsApproval
            | Refusal::AlreadyExtended
            | Refusal::ExtensionNotLater
            | Refusal::ExtensionPastCeiling
            | Refusal::EscalationWindowClosed
            | Refusal::EscalationWindowStillOpen
            | Refusal::EscalationWindowUnknown
            | Refusal::EmptyText { .. }
            | Refusal::CorrectedOutcomeRequired
            | Refusal::CorrectedOutcomeNotAllowed
            | Refusal::FindingDoesNotRecommendReconsideration
            | Refusal::ReconsiderationRecommended
            | Refusal::NoFindingRecorded => {}
        }
    }
    all
}

#[test]
fn refusal_codes_are_unique_snake_case_and_what_serde_writes() {
    let mut seen = HashSet::new();
    for refusal in every_refusal() {
        let code = refusal.code();
        assert!(is_snake_case(code), "{code}");
        assert!(seen.insert(code), "{code} twice");
        assert_eq!(serde_json::to_value(&refusal).unwrap()["code"], code);
        assert!(!refusal.to_string().is_empty());
    }
}

#[test]
fn refusals_carry_their_details_to_the_api() {
    let json = serde_json::to_value(Refusal::NotAllowedInState {
        state: AppealState::Decided,
        event: EventKind::Acknowledge,
    })
    .unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "code": "not_allowed_in_state",
            "state": "decided",
            "event": "acknowledge",
        })
    );
    let json = serde_json::to_value(Refusal::EmptyText {
        field: "outcome.reasoning",
    })
    .unwrap();
    assert_eq!(
        json,
        serde_json::json!({"code": "empty_text", "field": "outcome.reasoning"})
    );
}

#[test]
fn only_staff_and_ombudsmen_have_accounts() {
    assert_eq!(reviewer(REVIEWER).user_id(), Some(REVIEWER));
    assert_eq!(ombudsman().user_id(), Some(OMBUDSMAN));
    assert_eq!(citizen().user_id(), None);
    assert_eq!(system().user_id(), None);
}
