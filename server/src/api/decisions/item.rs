//! One decision of a batch, checked field by field (shared/API.md's shape and limits).

use crate::api::validate::{Validator, MAX_TEXT_CHARS};
use serde_json::{Map, Value};
use std::collections::HashMap;

const MAX_FACTORS: usize = 50;
const MAX_COUNTERFACTUALS: usize = 10;
const MAX_DATA_SOURCES: usize = 20;
const MAX_SHORT: usize = 200;

const KNOWN: [&str; 15] = [
    "external_id",
    "system",
    "system_version",
    "outcome",
    "outcome_label",
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
];

/// What the rest of ingest needs from a valid item.
#[derive(Debug, Clone)]
pub struct CheckedItem {
    pub external_id: String,
    pub system: String,
    pub system_version: Option<i32>,
    pub outcome: String,
    pub decided_at: chrono::NaiveDateTime,
    pub subject_email: Option<String>,
    pub subject_national_id: Option<String>,
    pub subject_language: Option<String>,
    /// The item as submitted, the form compared on re-send.
    pub submitted: Value,
}

/// Checks item `index`; every problem is recorded in `v` with its full path.
pub fn check(index: usize, item: &Value, v: &mut Validator) -> Option<CheckedItem> {
    let root = format!("decisions[{index}]");
    let at = |field: &str| format!("{root}.{field}");
    let map = v.object(Some(item), &root)?;
    v.no_unknown_keys(map, &root, &KNOWN);
    let before = v.details.len();
    let external_id = v.string(map.get("external_id"), &at("external_id"), MAX_SHORT);
    let system = v.string(map.get("system"), &at("system"), 64);
    let system_version = match map.get("system_version") {
        None | Some(Value::Null) => None,
        Some(value) => match value.as_i64() {
            Some(n) if (1..=i64::from(i32::MAX)).contains(&n) => Some(n as i32),
            _ => {
                v.fail(
                    &at("system_version"),
                    "must be a whole number of at least 1",
                );
                None
            }
        },
    };
    let outcome = v.string(map.get("outcome"), &at("outcome"), 64);
    v.text(map.get("outcome_label"), &at("outcome_label"), MAX_SHORT);
    let decided_at = timestamp(map.get("decided_at"), &at("decided_at"), v);
    v.text(map.get("legal_basis"), &at("legal_basis"), MAX_TEXT_CHARS);
    v.text(map.get("summary"), &at("summary"), MAX_TEXT_CHARS);
    let factor_keys = factors(map.get("factors"), &at("factors"), v);
    counterfactuals(
        map.get("counterfactuals"),
        &at("counterfactuals"),
        &factor_keys,
        v,
    );
    data_sources(map.get("data_sources"), &at("data_sources"), v);
    let involvement = v.one_of(
        map.get("human_involvement"),
        &at("human_involvement"),
        &["none", "reviewed", "human_final"],
    );
    match map.get("human_reviewer") {
        None | Some(Value::Null) => {}
        Some(Value::String(email)) if email.contains('@') && email.len() <= 254 => {
            if involvement.as_deref() == Some("none") {
                v.fail(
                    &at("human_reviewer"),
                    "must be null when human_involvement is none",
                );
            }
        }
        Some(_) => v.fail(
            &at("human_reviewer"),
            "must be null or a staff email address",
        ),
    }
    v.string(map.get("model_version"), &at("model_version"), MAX_SHORT);
    let (subject_email, subject_national_id, subject_language) =
        subject(map.get("subject"), &at("subject"), v);
    if v.details.len() != before {
        return None;
    }
    Some(CheckedItem {
        external_id: external_id?,
        system: system?,
        system_version,
        outcome: outcome?,
        decided_at: decided_at?,
        subject_email,
        subject_national_id,
        subject_language,
        submitted: item.clone(),
    })
}

fn timestamp(
    value: Option<&Value>,
    field: &str,
    v: &mut Validator,
) -> Option<chrono::NaiveDateTime> {
    let text = v.string(value, field, 40)?;
    match chrono::DateTime::parse_from_rfc3339(&text) {
        Ok(t) => Some(t.naive_utc()),
        Err(_) => {
            v.fail(
                field,
                "must be a date and time in RFC 3339, like 2026-11-02T10:15:00Z",
            );
            None
        }
    }
}

fn list<'a>(value: Option<&'a Value>, field: &str, max: usize, v: &mut Validator) -> &'a [Value] {
    match value {
        None | Some(Value::Null) => &[],
        Some(Value::Array(items)) if items.len() > max => {
            v.fail(field, format!("must have at most {max} items"));
            &[]
        }
        Some(Value::Array(items)) => items,
        Some(_) => {
            v.fail(field, "must be a list");
            &[]
        }
    }
}

fn item_object<'a>(
    item: &'a Value,
    path: &str,
    known: &[&str],
    v: &mut Validator,
) -> Option<&'a Map<String, Value>> {
    let map = v.object(Some(item), path)?;
    v.no_unknown_keys(map, path, known);
    Some(map)
}

/// Checks the factors; returns each key with whether the citizen can change it.
fn factors(value: Option<&Value>, field: &str, v: &mut Validator) -> HashMap<String, bool> {
    let mut keys = HashMap::new();
    for (i, factor) in list(value, field, MAX_FACTORS, v).iter().enumerate() {
        let path = format!("{field}[{i}]");
        let known = [
            "key",
            "label",
            "value",
            "unit",
            "contribution",
            "citizen_can_change",
        ];
        let Some(map) = item_object(factor, &path, &known, v) else {
            continue;
        };
        let key = v.string(map.get("key"), &format!("{path}.key"), 64);
        v.text(map.get("label"), &format!("{path}.label"), MAX_SHORT);
        v.string(map.get("value"), &format!("{path}.value"), MAX_SHORT);
        match map.get("unit") {
            None | Some(Value::Null) => {}
            unit => {
                v.string(unit, &format!("{path}.unit"), 32);
            }
        }
        match map.get("contribution").and_then(Value::as_f64) {
            Some(c) if c.is_finite() => {}
            _ => v.fail(&format!("{path}.contribution"), "must be a finite number"),
        }
        let can_change = v.boolean(
            map.get("citizen_can_change"),
            &format!("{path}.citizen_can_change"),
        );
        if let Some(key) = key {
            if keys.insert(key, can_change.unwrap_or(false)).is_some() {
                v.fail(
                    &format!("{path}.key"),
                    "appears twice in this decision's factors",
                );
            }
        }
    }
    keys
}

fn counterfactuals(
    value: Option<&Value>,
    field: &str,
    factor_keys: &HashMap<String, bool>,
    v: &mut Validator,
) {
    for (i, counterfactual) in list(value, field, MAX_COUNTERFACTUALS, v)
        .iter()
        .enumerate()
    {
        let path = format!("{field}[{i}]");
        let Some(map) = item_object(
            counterfactual,
            &path,
            &["changes", "outcome", "outcome_label"],
            v,
        ) else {
            continue;
        };
        let changes = list(
            map.get("changes"),
            &format!("{path}.changes"),
            MAX_FACTORS,
            v,
        );
        if changes.is_empty() && matches!(map.get("changes"), Some(Value::Array(_)) | None) {
            v.fail(&format!("{path}.changes"), "must name at least one change");
        }
        for (j, change) in changes.iter().enumerate() {
            let change_path = format!("{path}.changes[{j}]");
            let Some(change) = item_object(change, &change_path, &["key", "to"], v) else {
                continue;
            };
            if let Some(key) = v.string(change.get("key"), &format!("{change_path}.key"), 64) {
                match factor_keys.get(&key) {
                    None => v.fail(&format!("{change_path}.key"), "is not one of this decision's factor keys"),
                    Some(false) => v.fail(
                        &format!("{change_path}.key"),
                        "varies a factor the citizen cannot change (counterfactuals never vary immutable attributes)",
                    ),
                    Some(true) => {}
                }
            }
            v.string(change.get("to"), &format!("{change_path}.to"), MAX_SHORT);
        }
        v.string(map.get("outcome"), &format!("{path}.outcome"), 64);
        v.text(
            map.get("outcome_label"),
            &format!("{path}.outcome_label"),
            MAX_SHORT,
        );
    }
}

fn data_sources(value: Option<&Value>, field: &str, v: &mut Validator) {
    for (i, source) in list(value, field, MAX_DATA_SOURCES, v).iter().enumerate() {
        let path = format!("{field}[{i}]");
        let Some(map) = item_object(source, &path, &["category", "source"], v) else {
            continue;
        };
        v.text(map.get("category"), &format!("{path}.category"), MAX_SHORT);
        v.text(map.get("source"), &format!("{path}.source"), MAX_SHORT);
    }
}

type Subject = (Option<String>, Option<String>, Option<String>);

fn subject(value: Option<&Value>, field: &str, v: &mut Validator) -> Subject {
    let map = match value {
        None | Some(Value::Null) => return (None, None, None),
        Some(_) => match item_object(
            value.unwrap_or(&Value::Null),
            field,
            &["email", "national_id", "language"],
            v,
        ) {
            Some(map) => map,
            None => return (None, None, None),
        },
    };
    let optional = |key: &str, v: &mut Validator, max: usize| match map.get(key) {
        None | Some(Value::Null) => None,
        some => v.string(some, &format!("{field}.{key}"), max),
    };
    let email = optional("email", v, 254);
    if email
        .as_ref()
        .is_some_and(|e| !e.contains('@') || e.contains(char::is_whitespace))
    {
        v.fail(&format!("{field}.email"), "must be an email address");
    }
    let national_id = optional("national_id", v, 12);
    if national_id
        .as_ref()
        .is_some_and(|id| id.len() != 12 || !id.bytes().all(|b| b.is_ascii_digit()))
    {
        v.fail(
            &format!("{field}.national_id"),
            "must be a 12-digit individual identification number (IIN)",
        );
    }
    let language = optional("language", v, 2);
    if language
        .as_ref()
        .is_some_and(|l| !["kk", "ru", "en"].contains(&l.as_str()))
    {
        v.fail(&format!("{field}.language"), "must be kk, ru or en");
    }
    (email, national_id, language)
}
