//! Properties of everything that reads untrusted input, tried on generated input: the
//! decision and register readers of the API, and the reference and access-code normalisation
//! of the find form. Whatever arrives, each answers with its result or with problems that name
//! a field and a reason; none panics (docs/security.md).

use super::decision_walk::read_batch;
use super::reference::{AccessCode, DecisionReference};
use super::register_walk::read_register_entry;
use super::validator::Validator;
use chrono::{DateTime, Utc};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

fn now() -> DateTime<Utc> {
    "2026-11-30T12:00:00Z".parse().unwrap_or_default()
}

/// Field names the readers know, so generated objects reach past the unknown-key check.
const KEYS: [&str; 16] = [
    "decisions",
    "external_id",
    "system",
    "outcome",
    "outcome_label",
    "decided_at",
    "summary",
    "factors",
    "key",
    "label",
    "value",
    "contribution",
    "counterfactuals",
    "changes",
    "subject",
    "en",
];

/// Text with everything a careless or hostile sender might put in: control characters and
/// NUL, right-to-left marks, emoji, very long runs.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,40}",
        "[\\x00-\\x1f\\u{202e}\\u{feff}a-z0-9 ]{0,20}",
        Just("x".repeat(100_000)),
        Just(String::new()),
    ]
}

/// Any JSON value, nested up to a few levels.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
            .prop_map(Value::from),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        prop::sample::select(KEYS.to_vec()).prop_map(String::from),
                        text()
                    ],
                    inner
                ),
                0..6
            )
            .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A decision the reader accepts.
fn valid_item() -> Value {
    json!({
        "external_id": "HB-1", "system": "housing", "outcome": "denied",
        "outcome_label": {"en": "Denied", "ru": "Отказано"},
        "decided_at": "2026-11-02T15:15:00+05:00",
        "legal_basis": {"en": "Article 97"}, "summary": {"en": "Above the limit."},
        "factors": [{"key": "income", "label": {"en": "Income"}, "value": "412000",
                     "contribution": -0.42, "citizen_can_change": true}],
        "counterfactuals": [{"changes": [{"key": "income", "to": "350000"}],
                             "outcome": "approved", "outcome_label": {"en": "Approved"}}],
        "human_involvement": "none", "human_reviewer": null,
        "model_version": "1", "subject": {"language": "ru", "national_id": "900101300123"}
    })
}

/// Every problem names a field and says why.
fn problems_are_named(problems: &[super::validator::Problem]) -> Result<(), TestCaseError> {
    prop_assert!(!problems.is_empty(), "a refusal lists at least one problem");
    for problem in problems {
        prop_assert!(!problem.field.is_empty(), "{problem:?}");
        prop_assert!(!problem.reason.is_empty(), "{problem:?}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_body_is_read_or_refused_field_by_field(body in json_value()) {
        match read_batch(&body, now()) {
            Ok(batch) => prop_assert!(!batch.decisions.is_empty()),
            Err(problems) => problems_are_named(&problems)?,
        }
    }

    #[test]
    fn a_valid_decision_with_any_one_field_replaced_is_read_or_refused_on_that_field(
        field in prop::sample::select(vec![
            "external_id", "system", "outcome", "outcome_label", "decided_at", "legal_basis",
            "summary", "factors", "counterfactuals", "human_involvement", "human_reviewer",
            "model_version", "subject",
        ]),
        replacement in json_value(),
    ) {
        let mut item = valid_item();
        item[field] = replacement;
        match read_batch(&json!({"decisions": [item]}), now()) {
            Ok(batch) => prop_assert_eq!(batch.decisions.len(), 1),
            Err(problems) => {
                problems_are_named(&problems)?;
                prop_assert!(
                    problems.iter().all(|p| p.index == Some(0) || p.field.starts_with("decisions")),
                    "{:?}", problems
                );
            }
        }
    }

    #[test]
    fn any_register_entry_is_read_or_refused_field_by_field(entry in json_value()) {
        let mut v = Validator::new(None);
        let read = read_register_entry(&entry, &mut v);
        if read.is_none() {
            problems_are_named(&v.details)?;
        }
    }

    #[test]
    fn the_find_form_normalises_whatever_is_typed_once_and_for_all(
        reference in "\\PC{0,30}|[rRdD]{2}[- ]?[A-Za-z0-9]{4}[- ]?[A-Za-z0-9]{4}",
        code in "\\PC{0,30}|[A-Za-z0-9]{4}[- ]?[A-Za-z0-9]{4}",
    ) {
        if let Some(parsed) = DecisionReference::parse(&reference) {
            prop_assert_eq!(DecisionReference::parse(parsed.as_str()), Some(parsed.clone()));
            prop_assert!(parsed.as_str().is_ascii());
        }
        if let Some(parsed) = AccessCode::parse(&code) {
            prop_assert_eq!(AccessCode::parse(parsed.as_str()).map(|c| c.as_str().to_string()),
                Some(parsed.as_str().to_string()));
            prop_assert!(parsed.as_str().is_ascii());
        }
    }
}

/// A decision the reader accepts, with every optional part given, so each can be replaced.
pub(super) fn full_item() -> Value {
    json!({
        "external_id": "HB-1", "system": "housing", "system_version": 2, "outcome": "denied",
        "outcome_label": {"en": "Denied", "ru": "Отказано"}, "outcome_direction": "unfavourable",
        "decided_at": "2026-11-02T15:15:00+05:00",
        "legal_basis": {"en": "Article 97"}, "summary": {"en": "Above the limit.\nSee below."},
        "factors": [{"key": "income", "label": {"en": "Income"}, "value": "412000", "unit": "KZT",
                     "contribution": -0.42, "citizen_can_change": true},
                    {"key": "age", "label": {"kk": "Жасы"}, "value": "40",
                     "contribution": 0.1, "citizen_can_change": false}],
        "counterfactuals": [{"changes": [{"key": "income", "to": "350000"}],
                             "outcome": "approved", "outcome_label": {"en": "Approved"}}],
        "data_sources": [{"category": {"en": "Income"}, "source": {"ru": "КГД"}}],
        "human_involvement": "reviewed", "human_reviewer": "officer@agency.gov.kz",
        "model_version": "1",
        "subject": {"email": "a@example.kz", "language": "ru", "national_id": "900101300123",
                    "region": "750000000"},
        "action": {"what": {"en": "Send the income statement"}, "by": "2026-12-08"}
    })
}

/// Where in [`full_item`] a generated value goes (JSON pointers; the last part may be new).
const POINTERS: [&str; 40] = [
    "/external_id",
    "/system",
    "/system_version",
    "/outcome",
    "/outcome_label",
    "/outcome_label/en",
    "/outcome_label/de",
    "/outcome_direction",
    "/decided_at",
    "/legal_basis",
    "/summary/en",
    "/factors",
    "/factors/0",
    "/factors/0/key",
    "/factors/1/key",
    "/factors/0/label",
    "/factors/0/value",
    "/factors/0/unit",
    "/factors/0/contribution",
    "/factors/1/citizen_can_change",
    "/counterfactuals",
    "/counterfactuals/0/changes",
    "/counterfactuals/0/changes/0/key",
    "/counterfactuals/0/changes/0/to",
    "/counterfactuals/0/outcome_label",
    "/data_sources",
    "/data_sources/0/source",
    "/human_involvement",
    "/human_reviewer",
    "/model_version",
    "/subject",
    "/subject/email",
    "/subject/national_id",
    "/subject/language",
    "/subject/region",
    "/action",
    "/action/by",
    "/action/what",
    "/action/document",
    "/extra",
];

/// Values that are right somewhere in a decision, so a replacement is sometimes accepted.
fn plausible_value() -> impl Strategy<Value = Value> {
    prop::sample::select(vec![
        json!(null),
        json!(1),
        json!(2.0),
        json!(0),
        json!(-1),
        json!(3e9),
        json!(true),
        json!("none"),
        json!("reviewed"),
        json!("human_final"),
        json!("favourable"),
        json!("kk"),
        json!("750000000"),
        json!("900101300123"),
        json!("a@example.kz"),
        json!("2026-12-01"),
        json!("2026-11-30T12:00:00Z"),
        json!("2026-12-02T12:00:01Z"),
        json!("income"),
        json!("age"),
        json!(" "),
        json!(""),
        json!({"en": "Text"}),
        json!({"kk": "Мәтін", "ru": "Текст"}),
        json!({}),
        json!([]),
        json!([{"key": "income", "to": "1"}]),
        json!({"what": {"en": "Go"}, "by": "2026-12-08"}),
    ])
}

/// Sets (or, given `None`, removes) what `pointer` names in `item`.
fn replace_at(item: &mut Value, pointer: &str, replacement: Option<Value>) {
    let (parent, last) = pointer.rsplit_once('/').unwrap_or(("", pointer));
    match (item.pointer_mut(parent), replacement) {
        (Some(Value::Object(map)), Some(value)) => {
            map.insert(last.to_string(), value);
        }
        (Some(Value::Object(map)), None) => {
            map.remove(last);
        }
        (Some(Value::Array(items)), replacement) => {
            if let Ok(i) = last.parse::<usize>() {
                match replacement {
                    Some(value) if i < items.len() => items[i] = value,
                    None if i < items.len() => {
                        items.remove(i);
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// The quick reader of batches (`decision_wire`) accepts exactly what the walker accepts,
    /// and builds the same documents: were it looser, a batch the walker refuses would be
    /// stored.
    #[test]
    fn the_quick_reader_accepts_what_the_walker_accepts_and_nothing_else(
        changes in prop::collection::vec(
            (
                prop::sample::select(POINTERS.to_vec()),
                prop_oneof![
                    2 => plausible_value().prop_map(Some),
                    2 => json_value().prop_map(Some),
                    1 => Just(None),
                ],
            ),
            1..3,
        ),
    ) {
        let mut item = full_item();
        for (pointer, replacement) in changes {
            replace_at(&mut item, pointer, replacement);
        }
        let batch = json!({"decisions": [item]});
        let body = serde_json::to_vec(&batch).unwrap_or_default();
        let quick = super::decision_wire::read_batch_quickly(&body, now());
        match (quick, read_batch(&batch, now())) {
            (Some(quick), Ok(walked)) => prop_assert_eq!(quick, walked),
            (None, Err(_)) => {}
            (quick, walked) => prop_assert!(
                false,
                "the quick reader {} but the walker {}: {}",
                if quick.is_some() { "accepts" } else { "refuses" },
                if walked.is_ok() { "accepts" } else { "refuses" },
                batch
            ),
        }
    }
}
