//! Reading one submitted decision into a [`DecisionDocument`], naming every problem with its
//! path (docs/api.md's shape and limits). The checks that need the database (the system, its
//! version and its register date) are the ingest service's.

use super::decision::{
    Action, Change, Counterfactual, DataSource, DecisionBatch, DecisionDocument, Factor,
    OutcomeDirection, Subject,
};
use super::decision_quality;
use super::validator::{Validator, MAX_TEXT_CHARS};
use app::i18n::Locale;
use app::types::HumanInvolvement;
use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use std::collections::HashMap;

pub(super) const MAX_FACTORS: usize = 50;
pub(super) const MAX_COUNTERFACTUALS: usize = 10;
pub(super) const MAX_DATA_SOURCES: usize = 20;
pub(super) const MAX_SHORT: usize = 200;
/// A decision dated further ahead than this is a clock or data error, not a decision.
pub const MAX_FUTURE: chrono::Duration = chrono::Duration::days(1);

const KNOWN: [&str; 17] = [
    "external_id",
    "system",
    "system_version",
    "outcome",
    "outcome_label",
    "outcome_direction",
    "decided_at",
    "legal_basis",
    "summary",
    "factors",
    "counterfactuals",
    "data_sources",
    "human_involvement",
    "human_reviewer",
    "model_version",
    "subject",
    "action",
];

/// Reads item `index` of a batch at `now`; every problem is recorded in `v` with its full path.
pub fn read_decision(
    index: usize,
    item: &Value,
    now: DateTime<Utc>,
    v: &mut Validator,
) -> Option<DecisionDocument> {
    let root = format!("decisions[{index}]");
    let at = |field: &str| format!("{root}.{field}");
    let map = v.strict_object(Some(item), &root, &KNOWN)?;
    let before = v.count();
    let external_id = v.string(map.get("external_id"), &at("external_id"), MAX_SHORT);
    let system = v.string(map.get("system"), &at("system"), 64);
    let system_version = match map.get("system_version") {
        None | Some(Value::Null) => None,
        some => v.positive_whole(some, &at("system_version")),
    };
    let outcome = v.string(map.get("outcome"), &at("outcome"), 64);
    let outcome_label = v.text(map.get("outcome_label"), &at("outcome_label"), MAX_SHORT);
    let outcome_direction = match map.get("outcome_direction") {
        None | Some(Value::Null) => None,
        some => v.choice(
            some,
            &at("outcome_direction"),
            OutcomeDirection::parse,
            "favourable, unfavourable",
        ),
    };
    let decided_at = timestamp(map.get("decided_at"), &at("decided_at"), now, v);
    let legal_basis = v.text(map.get("legal_basis"), &at("legal_basis"), MAX_TEXT_CHARS);
    let summary = v.text(map.get("summary"), &at("summary"), MAX_TEXT_CHARS);
    let (factors, factor_keys) = factors(map.get("factors"), &at("factors"), v);
    let counterfactuals = counterfactuals(
        map.get("counterfactuals"),
        &at("counterfactuals"),
        &factor_keys,
        v,
    );
    if factors.is_empty() && counterfactuals.is_empty() && v.count() == before {
        v.fail(
            &at("factors"),
            "must list at least one factor or counterfactual: a decision must give its reasons",
        );
    }
    let data_sources = data_sources(map.get("data_sources"), &at("data_sources"), v);
    let involvement = v.choice(
        map.get("human_involvement"),
        &at("human_involvement"),
        HumanInvolvement::parse,
        &HumanInvolvement::choices(),
    );
    let human_reviewer = match map.get("human_reviewer") {
        None | Some(Value::Null) => None,
        some => {
            let email = v.email(some, &at("human_reviewer"));
            if email.is_some() && involvement == Some(HumanInvolvement::None) {
                v.fail(
                    &at("human_reviewer"),
                    "must be null when human_involvement is none",
                );
            }
            email
        }
    };
    let model_version = v.string(map.get("model_version"), &at("model_version"), MAX_SHORT);
    let subject = subject(map.get("subject"), &at("subject"), v);
    let action = action(map.get("action"), &at("action"), v);
    if v.count() != before {
        return None;
    }
    Some(DecisionDocument {
        external_id: external_id?,
        system: system?,
        system_version,
        outcome: outcome?,
        outcome_label: outcome_label?,
        outcome_direction,
        decided_at: decided_at?,
        legal_basis: legal_basis?,
        summary: summary?,
        factors,
        counterfactuals,
        data_sources,
        human_involvement: involvement?,
        human_reviewer,
        model_version: model_version?,
        subject,
        action,
    })
}

/// The optional action: what to do, a date, and perhaps a document. Whether the date is after
/// the decision is a quality check (`domain::decision_quality`), which names it the same way.
fn action(value: Option<&Value>, field: &str, v: &mut Validator) -> Option<Action> {
    if matches!(value, None | Some(Value::Null)) {
        return None;
    }
    let map = object_at(value?, field, &["what", "by", "document"], v)?;
    let what = v.text(map.get("what"), &format!("{field}.what"), MAX_TEXT_CHARS);
    let by = v
        .date(map.get("by"), &format!("{field}.by"))
        .and_then(|text| chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok());
    let document = match map.get("document") {
        None | Some(Value::Null) => None,
        some => v.text(some, &format!("{field}.document"), MAX_SHORT),
    };
    Some(Action {
        what: what?,
        by: by?,
        document,
    })
}

fn timestamp(
    value: Option<&Value>,
    field: &str,
    now: DateTime<Utc>,
    v: &mut Validator,
) -> Option<DateTime<Utc>> {
    let text = v.string(value, field, 40)?;
    let Ok(at) = DateTime::parse_from_rfc3339(&text) else {
        v.fail(
            field,
            "must be a date and time in RFC 3339, like 2026-11-02T10:15:00Z",
        );
        return None;
    };
    let at = at.with_timezone(&Utc);
    if at > now + MAX_FUTURE {
        v.fail(field, "must not be more than a day in the future");
        return None;
    }
    Some(at)
}

fn object_at<'a>(
    item: &'a Value,
    path: &str,
    known: &[&str],
    v: &mut Validator,
) -> Option<&'a Map<String, Value>> {
    v.strict_object(Some(item), path, known)
}

/// Each factor key named, with whether the citizen can change it (`None` when that part was
/// itself invalid), so a counterfactual is judged against every key given, valid or not, and
/// one mistake is not reported twice.
type FactorKeys = HashMap<String, Option<bool>>;

fn factors(value: Option<&Value>, field: &str, v: &mut Validator) -> (Vec<Factor>, FactorKeys) {
    const KNOWN: [&str; 6] = [
        "key",
        "label",
        "value",
        "unit",
        "contribution",
        "citizen_can_change",
    ];
    let mut factors: Vec<Factor> = Vec::new();
    let mut keys = FactorKeys::new();
    for (i, factor) in v.list(value, field, MAX_FACTORS).iter().enumerate() {
        let path = format!("{field}[{i}]");
        let Some(map) = object_at(factor, &path, &KNOWN, v) else {
            continue;
        };
        let key = v.string(map.get("key"), &format!("{path}.key"), 64);
        let label = v.text(map.get("label"), &format!("{path}.label"), MAX_SHORT);
        let shown = v.string(map.get("value"), &format!("{path}.value"), MAX_SHORT);
        let unit = v.optional_string(map.get("unit"), &format!("{path}.unit"), 32);
        let contribution = match map.get("contribution").and_then(Value::as_f64) {
            Some(c) if c.is_finite() => Some(c),
            _ => {
                v.fail(&format!("{path}.contribution"), "must be a finite number");
                None
            }
        };
        let can_change = v.boolean(
            map.get("citizen_can_change"),
            &format!("{path}.citizen_can_change"),
        );
        if let Some(key) = &key {
            if keys.insert(key.clone(), can_change).is_some() {
                v.fail(
                    &format!("{path}.key"),
                    "appears twice in this decision's factors",
                );
                continue;
            }
        }
        if let (Some(key), Some(label), Some(value), Some(contribution), Some(citizen_can_change)) =
            (key, label, shown, contribution, can_change)
        {
            factors.push(Factor {
                key,
                label,
                value,
                unit,
                contribution,
                citizen_can_change,
            });
        }
    }
    (factors, keys)
}

fn counterfactuals(
    value: Option<&Value>,
    field: &str,
    changeable: &FactorKeys,
    v: &mut Validator,
) -> Vec<Counterfactual> {
    let mut found = Vec::new();
    for (i, counterfactual) in v.list(value, field, MAX_COUNTERFACTUALS).iter().enumerate() {
        let path = format!("{field}[{i}]");
        let Some(map) = object_at(
            counterfactual,
            &path,
            &["changes", "outcome", "outcome_label"],
            v,
        ) else {
            continue;
        };
        let before = v.count();
        let listed = v.list(map.get("changes"), &format!("{path}.changes"), MAX_FACTORS);
        if listed.is_empty()
            && matches!(
                map.get("changes"),
                Some(Value::Array(_)) | None | Some(Value::Null)
            )
        {
            v.fail(&format!("{path}.changes"), "must name at least one change");
        }
        let mut changes = Vec::with_capacity(listed.len());
        for (j, change) in listed.iter().enumerate() {
            let change_path = format!("{path}.changes[{j}]");
            let Some(change) = object_at(change, &change_path, &["key", "to"], v) else {
                continue;
            };
            let key = v.string(change.get("key"), &format!("{change_path}.key"), 64);
            if let Some(key) = &key {
                match changeable.get(key.as_str()) {
                    None => v.fail(&format!("{change_path}.key"), "is not one of this decision's factor keys"),
                    Some(Some(false)) => v.fail(
                        &format!("{change_path}.key"),
                        "varies a factor the citizen cannot change (counterfactuals never vary immutable attributes)",
                    ),
                    Some(Some(true) | None) => {}
                }
            }
            let to = v.string(change.get("to"), &format!("{change_path}.to"), MAX_SHORT);
            if let (Some(key), Some(to)) = (key, to) {
                changes.push(Change { key, to });
            }
        }
        let outcome = v.string(map.get("outcome"), &format!("{path}.outcome"), 64);
        let outcome_label = v.text(
            map.get("outcome_label"),
            &format!("{path}.outcome_label"),
            MAX_SHORT,
        );
        if let (true, Some(outcome), Some(outcome_label)) =
            (v.count() == before, outcome, outcome_label)
        {
            found.push(Counterfactual {
                changes,
                outcome,
                outcome_label,
            });
        }
    }
    found
}

fn data_sources(value: Option<&Value>, field: &str, v: &mut Validator) -> Vec<DataSource> {
    let mut found = Vec::new();
    for (i, source) in v.list(value, field, MAX_DATA_SOURCES).iter().enumerate() {
        let path = format!("{field}[{i}]");
        let Some(map) = object_at(source, &path, &["category", "source"], v) else {
            continue;
        };
        let category = v.text(map.get("category"), &format!("{path}.category"), MAX_SHORT);
        let source = v.text(map.get("source"), &format!("{path}.source"), MAX_SHORT);
        if let (Some(category), Some(source)) = (category, source) {
            found.push(DataSource { category, source });
        }
    }
    found
}

fn subject(value: Option<&Value>, field: &str, v: &mut Validator) -> Option<Subject> {
    if matches!(value, None | Some(Value::Null)) {
        return None;
    }
    let map = object_at(
        value?,
        field,
        &["email", "national_id", "language", "region"],
        v,
    )?;
    let email = match map.get("email") {
        None | Some(Value::Null) => None,
        some => v.email(some, &format!("{field}.email")),
    };
    let national_id =
        v.optional_string(map.get("national_id"), &format!("{field}.national_id"), 12);
    if national_id.as_ref().is_some_and(|id| !is_national_id(id)) {
        v.fail(
            &format!("{field}.national_id"),
            "must be a 12-digit individual identification number (IIN)",
        );
    }
    let language = match map.get("language") {
        None | Some(Value::Null) => None,
        some => v.choice(
            some,
            &format!("{field}.language"),
            language_code,
            "kk, ru, en",
        ),
    };
    let region = v.optional_string(map.get("region"), &format!("{field}.region"), 9);
    if region.as_ref().is_some_and(|code| !is_region_code(code)) {
        v.fail(
            &format!("{field}.region"),
            "must be the KATO code of an oblast or a city of republican significance: two digits, then seven zeros (750000000)",
        );
    }
    Some(Subject {
        email,
        national_id,
        language,
        region,
    })
}

/// Twelve digits: the form of an individual identification number (IIN).
pub(super) fn is_national_id(id: &str) -> bool {
    id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit())
}

/// A KATO code at the level of an oblast or a city of republican significance.
pub(super) fn is_region_code(code: &str) -> bool {
    code.len() == 9
        && code.bytes().all(|b| b.is_ascii_digit())
        && code[2..].bytes().all(|b| b == b'0')
        && &code[..2] != "00"
}

pub(super) fn language_code(code: &str) -> Option<Locale> {
    Locale::ALL.into_iter().find(|l| l.code() == code)
}

/// The most decisions one call may carry.
pub const MAX_BATCH: usize = 1_000;

/// Reads a whole batch `{"decisions": [...]}` at `now`: every item, and `external_id`s that
/// appear twice. Any problem anywhere refuses the batch, with every problem named.
pub fn read_batch(
    document: &Value,
    now: DateTime<Utc>,
) -> Result<DecisionBatch, Vec<super::validator::Problem>> {
    let mut envelope = Validator::new(None);
    let Some(map) = envelope.object(Some(document), "body") else {
        return Err(envelope.details);
    };
    envelope.no_unknown_keys(map, "", &["decisions"]);
    let list = match map.get("decisions") {
        Some(Value::Array(list)) if (1..=MAX_BATCH).contains(&list.len()) => list,
        Some(Value::Array(_)) => {
            envelope.fail("decisions", "must hold between 1 and 1000 decisions");
            return Err(envelope.details);
        }
        _ => {
            envelope.fail("decisions", "is required and must be a list");
            return Err(envelope.details);
        }
    };
    let mut problems = envelope.details;
    let mut documents = Vec::with_capacity(list.len());
    let mut first_index: HashMap<&str, usize> = HashMap::new();
    for (index, raw) in list.iter().enumerate() {
        let mut v = Validator::new(Some(index));
        let document = read_decision(index, raw, now, &mut v);
        if let Some(external_id) = raw.get("external_id").and_then(Value::as_str) {
            match first_index.get(external_id) {
                Some(first) => v.fail(
                    &format!("decisions[{index}].external_id"),
                    format!("appears more than once in this batch (first at index {first})"),
                ),
                None => {
                    first_index.insert(external_id, index);
                }
            }
        }
        // A document of the right shape may still contradict itself: the hard quality checks
        // refuse it here, named like any other problem (docs/api.md, "Quality checks").
        if let (true, Some(document)) = (v.details.is_empty(), &document) {
            for finding in decision_quality::contradictions(document) {
                v.fail(
                    &format!("decisions[{index}].{}", finding.field),
                    finding.message,
                );
            }
        }
        if v.details.is_empty() {
            documents.extend(document);
        }
        problems.extend(v.details);
    }
    if problems.is_empty() {
        Ok(DecisionBatch {
            decisions: documents,
        })
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn now() -> DateTime<Utc> {
        "2026-11-30T12:00:00Z".parse().unwrap()
    }

    fn item() -> Value {
        json!({
            "external_id": "HB-1", "system": "housing", "outcome": "denied",
            "outcome_label": {"en": "Denied", "ru": "Отказано"},
            "decided_at": "2026-11-02T15:15:00+05:00",
            "legal_basis": {"en": "Article 97"}, "summary": {"en": "Above the limit.\nSee below."},
            "factors": [{"key": "income", "label": {"en": "Income"}, "value": "412000",
                         "contribution": -0.42, "citizen_can_change": true}],
            "counterfactuals": [{"changes": [{"key": "income", "to": "350000"}],
                                 "outcome": "approved", "outcome_label": {"en": "Approved"}}],
            "human_involvement": "reviewed", "human_reviewer": "officer@agency.gov.kz",
            "model_version": "1", "subject": {"language": "ru", "national_id": "900101300123"}
        })
    }

    #[test]
    fn a_valid_item_becomes_a_typed_document() {
        let mut v = Validator::new(Some(0));
        let document = read_decision(0, &item(), now(), &mut v).unwrap();
        assert!(v.details.is_empty());
        assert_eq!(
            document.decided_at.to_rfc3339(),
            "2026-11-02T10:15:00+00:00"
        );
        assert_eq!(document.human_involvement, HumanInvolvement::Reviewed);
        assert_eq!(
            document.subject.as_ref().unwrap().language,
            Some(Locale::Ru)
        );
        assert_eq!(document.counterfactuals[0].changes[0].to, "350000");
        let stored = document.without_national_id();
        assert_eq!(stored.subject.unwrap().national_id, None);
    }

    #[test]
    fn nested_problems_are_named_with_their_paths() {
        let mut bad = item();
        bad["factors"][0]["contribution"] = json!("big");
        bad["counterfactuals"][0]["changes"][0]["key"] = json!("age");
        bad["counterfactuals"].as_array_mut().unwrap().push(
            json!({"changes": [{"key": "income", "to": "1"}], "outcome": "approved", "outcome_label": {"en": "Approved"}}),
        );
        bad["subject"]["language"] = json!("de");
        bad["extra"] = json!(1);
        let mut v = Validator::new(Some(4));
        assert!(read_decision(4, &bad, now(), &mut v).is_none());
        let fields: Vec<&str> = v.details.iter().map(|d| d.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "decisions[4].extra",
                "decisions[4].factors[0].contribution",
                "decisions[4].counterfactuals[0].changes[0].key",
                "decisions[4].subject.language",
            ]
        );
        assert!(v.details.iter().all(|d| d.index == Some(4)));
    }

    #[test]
    fn the_same_content_has_the_same_canonical_form_whatever_the_nulls() {
        let mut with_nulls = item();
        with_nulls["system_version"] = Value::Null;
        with_nulls["factors"][0]["unit"] = Value::Null;
        let mut v = Validator::new(Some(0));
        let a = read_decision(0, &item(), now(), &mut v).unwrap();
        let b = read_decision(0, &with_nulls, now(), &mut v).unwrap();
        assert_eq!(a.canonical_json(), b.canonical_json());
        let mut other = item();
        other["outcome"] = json!("approved");
        let c = read_decision(0, &other, now(), &mut v).unwrap();
        assert_ne!(a.canonical_json(), c.canonical_json());
    }

    #[test]
    fn the_stored_json_is_the_canonical_form_without_the_national_id() {
        let mut v = Validator::new(Some(0));
        let mut with_email = item();
        with_email["subject"]["email"] = json!("a@example.kz");
        // A text that quotes the key must not be mistaken for it.
        with_email["summary"]["en"] = json!(r#"Given ,"national_id":"900101300123" in the form"#);
        let mut without_id = item();
        without_id["subject"]["national_id"] = Value::Null;
        let mut without_subject = item();
        without_subject["subject"] = Value::Null;
        for submitted in [item(), with_email, without_id, without_subject] {
            let document = read_decision(0, &submitted, now(), &mut v).unwrap();
            let (canonical, stored) = document.canonical_and_stored_json();
            assert_eq!(canonical, document.canonical_json());
            assert_eq!(stored, document.without_national_id().canonical_json());
        }
    }

    #[test]
    fn a_batch_names_repeated_external_ids_and_unknown_envelope_keys() {
        let batch = json!({"decisions": [item(), item()], "mode": "test"});
        let problems = read_batch(&batch, now()).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, vec!["mode", "decisions[1].external_id"]);
        assert!(problems[1].reason.contains("first at index 0"));
        assert!(read_batch(&json!({"decisions": []}), now()).is_err());
        assert_eq!(
            read_batch(&json!({"decisions": [item()]}), now())
                .unwrap()
                .decisions
                .len(),
            1
        );
    }
}
