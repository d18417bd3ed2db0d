//! A register entry as an agency submits it, checked field by field (shared/API.md).

use crate::api::validate::{Validator, MAX_TEXT_CHARS};
use serde_json::Value;

const KNOWN: [&str; 17] = [
    "slug",
    "name",
    "description",
    "purpose",
    "legal_basis",
    "risk_level",
    "human_final_decision",
    "human_oversight",
    "data_categories",
    "model_type",
    "explanation_method",
    "supplier",
    "impact_assessment",
    "bias_audit",
    "status",
    "contact_email",
    "agency",
];
/// The plain-language description is short by design (the public registers' rule).
const MAX_DESCRIPTION_CHARS: usize = 350;
const MAX_NAME_CHARS: usize = 200;
const MAX_PLAIN_CHARS: usize = 200;

/// Checks `entry`; on success returns its slug and the content to store.
pub fn validate(entry: &Value, v: &mut Validator) -> Option<(String, Value)> {
    let map = v.object(Some(entry), "body")?;
    v.no_unknown_keys(map, "", &KNOWN[..16]);
    let slug = v.string(map.get("slug"), "slug", 64);
    if let Some(slug) = &slug {
        if !crate::cli::create_agency::valid_slug(slug) {
            v.fail(
                "slug",
                "must be 2 to 64 lower-case letters, digits and single dashes",
            );
        }
    }
    v.text(map.get("name"), "name", MAX_NAME_CHARS);
    v.text(map.get("description"), "description", MAX_DESCRIPTION_CHARS);
    v.text(map.get("purpose"), "purpose", MAX_TEXT_CHARS);
    v.text(map.get("legal_basis"), "legal_basis", MAX_TEXT_CHARS);
    v.one_of(
        map.get("risk_level"),
        "risk_level",
        &["minimal", "medium", "high"],
    );
    v.boolean(map.get("human_final_decision"), "human_final_decision");
    v.text(
        map.get("human_oversight"),
        "human_oversight",
        MAX_TEXT_CHARS,
    );
    data_categories(map.get("data_categories"), v);
    v.string(map.get("model_type"), "model_type", MAX_PLAIN_CHARS);
    v.one_of(
        map.get("explanation_method"),
        "explanation_method",
        &["shap", "lime", "rules", "counterfactual", "other"],
    );
    v.string(map.get("supplier"), "supplier", MAX_PLAIN_CHARS);
    assessment(map.get("impact_assessment"), "impact_assessment", true, v);
    assessment(map.get("bias_audit"), "bias_audit", false, v);
    v.one_of(
        map.get("status"),
        "status",
        &["active", "suspended", "retired"],
    );
    if let Some(email) = v.string(map.get("contact_email"), "contact_email", 254) {
        if !email.contains('@') || email.contains(char::is_whitespace) {
            v.fail("contact_email", "must be an email address");
        }
    }
    let slug = slug?;
    v.details.is_empty().then(|| {
        let mut content = entry.clone();
        if let Some(object) = content.as_object_mut() {
            object.remove("agency");
        }
        (slug, content)
    })
}

fn data_categories(value: Option<&Value>, v: &mut Validator) {
    let Some(items) = value.and_then(Value::as_array) else {
        v.fail("data_categories", "must be a list of {code, label}");
        return;
    };
    if items.len() > 50 {
        v.fail("data_categories", "must have at most 50 items");
    }
    for (i, item) in items.iter().enumerate() {
        let path = format!("data_categories[{i}]");
        if let Some(map) = v.object(Some(item), &path) {
            v.no_unknown_keys(map, &path, &["code", "label"]);
            v.string(map.get("code"), &format!("{path}.code"), 64);
            v.text(map.get("label"), &format!("{path}.label"), MAX_PLAIN_CHARS);
        }
    }
}

fn assessment(value: Option<&Value>, field: &str, with_url: bool, v: &mut Validator) {
    let Some(map) = v.object(value, field) else {
        return;
    };
    let known: &[&str] = if with_url {
        &["date", "summary", "url"]
    } else {
        &["date", "summary"]
    };
    v.no_unknown_keys(map, field, known);
    v.date(map.get("date"), &format!("{field}.date"));
    v.text(
        map.get("summary"),
        &format!("{field}.summary"),
        MAX_TEXT_CHARS,
    );
    if with_url {
        match map.get("url") {
            None | Some(Value::Null) => {}
            Some(Value::String(url)) if url.starts_with("https://") && url.len() <= 2048 => {}
            Some(_) => v.fail(
                &format!("{field}.url"),
                "must be null or an https:// address",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo_entry() -> Value {
        let systems: Value =
            serde_json::from_str(include_str!("../../cli/demo/systems.json")).unwrap();
        systems[0]["content"].clone()
    }

    #[test]
    fn every_demo_entry_is_valid() {
        let systems: Value =
            serde_json::from_str(include_str!("../../cli/demo/systems.json")).unwrap();
        for system in systems.as_array().unwrap() {
            let mut v = Validator::new(None);
            assert!(
                validate(&system["content"], &mut v).is_some(),
                "{:?}",
                v.details
            );
        }
    }

    #[test]
    fn problems_are_all_named_at_once() {
        let mut entry = demo_entry();
        entry["risk_level"] = "extreme".into();
        entry["name"] = serde_json::json!({"fr": "Nom"});
        entry["impact_assessment"]["date"] = "01/03/2026".into();
        entry.as_object_mut().unwrap().remove("supplier");
        let mut v = Validator::new(None);
        assert!(validate(&entry, &mut v).is_none());
        let fields: Vec<&str> = v.details.iter().map(|d| d.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "name.fr",
                "risk_level",
                "supplier",
                "impact_assessment.date"
            ]
        );
    }
}
