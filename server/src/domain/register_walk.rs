//! Reading a submitted register entry into [`RegisterEntryContent`], naming every problem
//! (docs/api.md, "AI system"). The API and the staff editor both come through here.

use super::rules::{name_problem, valid_slug, NAME_CHARS, SLUG_RULE};
use super::validator::{Validator, MAX_TEXT_CHARS};
use app::types::{
    Assessment, DataCategory, ExplanationMethod, LocalizedText, RegisterEntryContent, RiskLevel,
    SystemStatus,
};
use serde_json::Value;

const KNOWN: [&str; 16] = [
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
];
/// The plain-language description is short by design (the public registers' rule).
const MAX_DESCRIPTION_CHARS: usize = 350;
const MAX_PLAIN_CHARS: usize = 200;
const MAX_CATEGORIES: usize = 50;

/// Reads `entry`; every problem is recorded in `v`.
pub fn read_register_entry(entry: &Value, v: &mut Validator) -> Option<RegisterEntryContent> {
    let map = v.object(Some(entry), "body")?;
    v.no_unknown_keys(map, "", &KNOWN);
    let slug = v.string(map.get("slug"), "slug", 64);
    let slug = match slug {
        Some(slug) if !valid_slug(&slug) => {
            v.fail("slug", SLUG_RULE);
            None
        }
        other => other,
    };
    let name = entry_name(map.get("name"), v);
    let description = v.text(map.get("description"), "description", MAX_DESCRIPTION_CHARS);
    let purpose = v.text(map.get("purpose"), "purpose", MAX_TEXT_CHARS);
    let legal_basis = v.text(map.get("legal_basis"), "legal_basis", MAX_TEXT_CHARS);
    let risk_level = v.choice(
        map.get("risk_level"),
        "risk_level",
        RiskLevel::parse,
        &RiskLevel::choices(),
    );
    let human_final_decision = v.boolean(map.get("human_final_decision"), "human_final_decision");
    let human_oversight = v.text(
        map.get("human_oversight"),
        "human_oversight",
        MAX_TEXT_CHARS,
    );
    let data_categories = data_categories(map.get("data_categories"), v);
    let model_type = v.string(map.get("model_type"), "model_type", MAX_PLAIN_CHARS);
    let explanation_method = v.choice(
        map.get("explanation_method"),
        "explanation_method",
        ExplanationMethod::parse,
        &ExplanationMethod::choices(),
    );
    let supplier = v.string(map.get("supplier"), "supplier", MAX_PLAIN_CHARS);
    let impact_assessment = assessment(map.get("impact_assessment"), "impact_assessment", true, v);
    let bias_audit = assessment(map.get("bias_audit"), "bias_audit", false, v);
    let status = v.choice(
        map.get("status"),
        "status",
        SystemStatus::parse,
        &SystemStatus::choices(),
    );
    let contact_email = v.email(map.get("contact_email"), "contact_email");
    if !v.details.is_empty() {
        return None;
    }
    Some(RegisterEntryContent {
        slug: slug?,
        name: name?,
        description: description?,
        purpose: purpose?,
        legal_basis: legal_basis?,
        risk_level: risk_level?,
        human_final_decision: human_final_decision?,
        human_oversight: human_oversight?,
        data_categories: data_categories?,
        model_type: model_type?,
        explanation_method: explanation_method?,
        supplier: supplier?,
        impact_assessment: impact_assessment?,
        bias_audit: bias_audit?,
        status: status?,
        contact_email: contact_email?,
    })
}

/// The entry's name in each language: 3 to 120 characters with a letter, no emoji or
/// invisible characters (`rules::name_problem`), so the register lists readable names.
fn entry_name(value: Option<&Value>, v: &mut Validator) -> Option<LocalizedText> {
    let name = v.text(value, "name", *NAME_CHARS.end())?;
    let before = v.count();
    for (language, text) in name.iter() {
        if let Some(reason) = name_problem(text) {
            v.fail(&format!("name.{}", language.code()), reason);
        }
    }
    (v.count() == before).then_some(name)
}

fn data_categories(value: Option<&Value>, v: &mut Validator) -> Option<Vec<DataCategory>> {
    let Some(items) = value.and_then(Value::as_array) else {
        v.fail("data_categories", "must be a list of {code, label}");
        return None;
    };
    if items.len() > MAX_CATEGORIES {
        v.fail(
            "data_categories",
            format!("must have at most {MAX_CATEGORIES} items"),
        );
        return None;
    }
    let before = v.count();
    let mut categories = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = format!("data_categories[{i}]");
        let Some(map) = v.strict_object(Some(item), &path, &["code", "label"]) else {
            continue;
        };
        let code = v.string(map.get("code"), &format!("{path}.code"), 64);
        let label = v.text(map.get("label"), &format!("{path}.label"), MAX_PLAIN_CHARS);
        if let (Some(code), Some(label)) = (code, label) {
            categories.push(DataCategory { code, label });
        }
    }
    (v.count() == before).then_some(categories)
}

fn assessment(
    value: Option<&Value>,
    field: &str,
    with_url: bool,
    v: &mut Validator,
) -> Option<Assessment> {
    let known: &[&str] = if with_url {
        &["date", "summary", "url"]
    } else {
        &["date", "summary"]
    };
    let map = v.strict_object(value, field, known)?;
    let date = v.date(map.get("date"), &format!("{field}.date"));
    let summary = v.text(
        map.get("summary"),
        &format!("{field}.summary"),
        MAX_TEXT_CHARS,
    );
    let url = match map.get("url") {
        None | Some(Value::Null) => None,
        Some(Value::String(url))
            if url.starts_with("https://")
                && url.len() <= 2048
                && !url.chars().any(|c| c.is_control() || c.is_whitespace()) =>
        {
            Some(url.clone())
        }
        Some(_) => {
            v.fail(
                &format!("{field}.url"),
                "must be null or an https:// address",
            );
            None
        }
    };
    Some(Assessment {
        date: date?,
        summary: summary?,
        url,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo_systems() -> Vec<Value> {
        let systems: Value =
            serde_json::from_str(include_str!("../cli/demo/systems.json")).unwrap();
        systems.as_array().unwrap().to_vec()
    }

    #[test]
    fn every_demo_entry_reads_and_reads_back_the_same_after_storing() {
        for system in demo_systems() {
            let mut v = Validator::new(None);
            let content = read_register_entry(&system["content"], &mut v).unwrap();
            assert!(v.details.is_empty(), "{:?}", v.details);
            let stored = serde_json::to_string(&content).unwrap();
            let back: RegisterEntryContent = serde_json::from_str(&stored).unwrap();
            assert_eq!(back, content);
            assert_eq!(
                back.name,
                serde_json::from_value(system["content"]["name"].clone()).unwrap()
            );
        }
    }

    #[test]
    fn problems_are_all_named_at_once() {
        let mut entry = demo_systems()[0]["content"].clone();
        entry["risk_level"] = "extreme".into();
        entry["name"] = serde_json::json!({"fr": "Nom"});
        entry["impact_assessment"]["date"] = "01/03/2026".into();
        entry["contact_email"] = "a@b@c".into();
        entry.as_object_mut().unwrap().remove("supplier");
        let mut v = Validator::new(None);
        assert!(read_register_entry(&entry, &mut v).is_none());
        let fields: Vec<&str> = v.details.iter().map(|d| d.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "name.fr",
                "risk_level",
                "supplier",
                "impact_assessment.date",
                "contact_email"
            ]
        );
    }
}
