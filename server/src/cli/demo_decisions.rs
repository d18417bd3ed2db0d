//! Demo decisions: 2,000 varied, fully explained decisions in three languages, synthesised from
//! per-system templates by a simple additive scoring model (the same shape SHAP-style
//! explanations take), and stored through the same reading and ingest service as the API's.
//! A handful have fixed references and access codes, listed in the README, so a newcomer can
//! try "Find my decision" at once.

use crate::db::models::decision;
use crate::db::schema::{ai_systems, decisions};
use crate::db::DbConnection;
use crate::domain::calendar::working_calendar::WorkingCalendar;
use crate::domain::decision_walk::read_batch;
use crate::keys::{stored_hash, Keys, Purpose};
use crate::services::ingest::{self, Sender};
use diesel::prelude::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

const TEMPLATES: &str = include_str!("demo/decision_templates.json");
/// How many demo decisions are made.
pub const DEMO_DECISIONS: usize = 2_000;
const EXTERNAL_PREFIX: &str = "DEMO-";
const LANGUAGES: [&str; 3] = ["kk", "ru", "en"];

/// Fixed demo pairs: (reference, access code). The first few decisions get these.
pub const DEMO_PAIRS: [(&str, &str); 5] = [
    ("RD-DEM0-0001", "K4Q9-2MZT"),
    ("RD-DEM0-0002", "P7XW-3HNB"),
    ("RD-DEM0-0003", "T2VR-8KQC"),
    ("RD-DEM0-0004", "M9FJ-4YDS"),
    ("RD-DEM0-0005", "H6ZN-7PWA"),
];

/// Creates the demo decisions unless they exist; returns how many were created.
pub fn seed(conn: &mut DbConnection, keys: &Keys) -> anyhow::Result<usize> {
    let existing: i64 = decisions::table
        .filter(decisions::external_id.like(format!("{EXTERNAL_PREFIX}%")))
        .count()
        .get_result(conn)?;
    if existing > 0 {
        return Ok(0);
    }
    let templates: Vec<Value> = serde_json::from_str(TEMPLATES)?;
    let mut rng = StdRng::seed_from_u64(2026);
    let now = chrono::Utc::now();
    let mut by_agency: BTreeMap<i64, Vec<Value>> = BTreeMap::new();
    for index in 0..DEMO_DECISIONS {
        let template = &templates[index % templates.len()];
        let slug = template["system"].as_str().unwrap_or_default();
        let agency_id: i64 = ai_systems::table
            .filter(ai_systems::slug.eq(slug))
            .select(ai_systems::agency_id)
            .first(conn)?;
        // The fixed demo pairs are recent, so their challenge window is open.
        let days_ago = if index < DEMO_PAIRS.len() {
            index as i64 + 1
        } else {
            rng.gen_range(0..180)
        };
        let decided_at = now
            - chrono::Duration::days(days_ago)
            - chrono::Duration::minutes(rng.gen_range(0..600));
        let item = synthesise(template, index, decided_at, &mut rng);
        by_agency.entry(agency_id).or_default().push(item);
    }
    let mut created = 0;
    for (agency_id, items) in by_agency {
        for chunk in items.chunks(1_000) {
            let documents = read_batch(&json!({ "decisions": chunk }), now)
                .map_err(|problems| anyhow::anyhow!("demo decisions invalid: {problems:?}"))?
                .decisions;
            let sender = Sender {
                agency_id,
                client: "seed-demo",
            };
            let results = ingest::ingest(conn, keys, &sender, documents, now)
                .map_err(|e| anyhow::anyhow!("demo decisions not stored: {e:?}"))?;
            created += results.len();
        }
    }
    pin_demo_pairs(conn, keys)?;
    Ok(created)
}

/// Gives the first demo decisions their fixed, documented reference and access code.
fn pin_demo_pairs(conn: &mut DbConnection, keys: &Keys) -> anyhow::Result<()> {
    for (index, (reference, code)) in DEMO_PAIRS.iter().enumerate() {
        let external_id = external_id(index);
        if decision::find_by_reference(conn, reference)?.is_some() {
            continue;
        }
        diesel::update(decisions::table.filter(decisions::external_id.eq(&external_id)))
            .set((
                decisions::reference.eq(*reference),
                decisions::access_code_hash.eq(stored_hash::hash(keys, Purpose::AccessCode, code)),
            ))
            .execute(conn)?;
    }
    Ok(())
}

fn external_id(index: usize) -> String {
    format!("{EXTERNAL_PREFIX}{:06}", index + 1)
}

fn lang_map(value: &Value) -> Map<String, Value> {
    value.as_object().cloned().unwrap_or_default()
}

/// One decision from a template.
fn synthesise(
    template: &Value,
    index: usize,
    decided_at: chrono::DateTime<chrono::Utc>,
    rng: &mut StdRng,
) -> Value {
    let language = LANGUAGES[index % 3];
    let threshold = template["threshold"].as_f64().unwrap_or(0.0);
    let (factors, sum, favourable) = consistent_draw(template, language, threshold, rng);
    let outcome = if favourable {
        &template["favourable"]
    } else {
        &template["unfavourable"]
    };
    let top = factors
        .iter()
        .max_by(|a, b| a.2.abs().total_cmp(&b.2.abs()))
        .map(|f| lang_map(&f.0["label"]))
        .unwrap_or_default();
    let summary_template = &template["summaries"][if favourable {
        "favourable"
    } else {
        "unfavourable"
    }];
    let summary: Map<String, Value> = LANGUAGES
        .iter()
        .map(|l| {
            let label = top
                .get(*l)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_lowercase();
            let text = summary_template[*l]
                .as_str()
                .unwrap_or_default()
                .replace("{top_factor}", &label);
            (l.to_string(), json!(text))
        })
        .collect();
    let counterfactuals = if favourable {
        Vec::new()
    } else {
        counterfactuals(template, &factors, sum, threshold)
    };
    let action = (!favourable)
        .then(|| action(&template["unfavourable_action"], decided_at.date_naive()))
        .flatten();
    let involvement = template["human_involvement"].as_str().unwrap_or("none");
    let reviewer = (involvement != "none")
        .then(|| format!("reviewer{}@{}.demo.gov.kz", index % 7 + 1, "staff"));
    json!({
        "external_id": external_id(index),
        "system": template["system"],
        "outcome": outcome["code"],
        "outcome_label": outcome["label"],
        "outcome_direction": if favourable { "favourable" } else { "unfavourable" },
        "decided_at": decided_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        "legal_basis": template["legal_basis"],
        "summary": summary,
        "factors": factors.iter().map(|(f, value, contribution)| json!({
            "key": f["key"],
            "label": f["label"],
            "value": value,
            "unit": f["unit"],
            "contribution": (contribution * 1000.0).round() / 1000.0,
            "citizen_can_change": f["citizen_can_change"],
        })).collect::<Vec<_>>(),
        "counterfactuals": counterfactuals,
        "data_sources": template["data_sources"],
        "human_involvement": involvement,
        "human_reviewer": reviewer,
        "model_version": template["model_version"],
        "subject": {
            "email": format!("citizen{:04}@example.kz", index + 1),
            "national_id": format!("{:02}{:02}{:02}{}{:05}", rng.gen_range(60..99), rng.gen_range(1..13), rng.gen_range(1..29), rng.gen_range(3..7), rng.gen_range(0..100_000)),
            "language": language,
            "region": demo_region(index),
        },
        "action": action,
    })
}

/// Draws the factors until the largest reason pushes the way the outcome went, as the
/// quality checks require (`domain::decision_quality`): with a threshold below zero, a sum
/// can pass while its largest part counted against the citizen, and such a letter would say
/// "approved, mainly because of what counted against you". Returns the factors with their
/// shown values and contributions, the sum, and whether the outcome is favourable.
fn consistent_draw<'t>(
    template: &'t Value,
    language: &str,
    threshold: f64,
    rng: &mut StdRng,
) -> (Vec<(&'t Value, String, f64)>, f64, bool) {
    const ATTEMPTS: usize = 100;
    let mut attempt = 0;
    loop {
        attempt += 1;
        let factors: Vec<(&Value, String, f64)> = template["factors"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|factor| {
                let (value_text, contribution) = draw(factor, language, rng);
                (factor, value_text, contribution)
            })
            .collect();
        let sum: f64 = factors.iter().map(|f| f.2).sum();
        let favourable = sum >= threshold;
        let top = factors
            .iter()
            .map(|f| (f.2 * 1000.0).round() / 1000.0)
            .filter(|c| *c != 0.0)
            .max_by(|a, b| a.abs().total_cmp(&b.abs()))
            .unwrap_or(0.0);
        let consistent = if favourable { top >= 0.0 } else { top <= 0.0 };
        if consistent || attempt == ATTEMPTS {
            return (factors, sum, favourable);
        }
    }
}

/// The action a template asks of the citizen after an unfavourable outcome, due the given
/// number of working days after the decision on Kazakhstan's calendar.
fn action(template: &Value, decided_on: chrono::NaiveDate) -> Option<Value> {
    let working_days = u32::try_from(template["working_days"].as_u64()?).ok()?;
    let due = WorkingCalendar::kazakhstan(Vec::new())
        .add_working_days(decided_on, working_days)
        .due;
    Some(json!({
        "what": template["what"],
        "by": due.format("%Y-%m-%d").to_string(),
        "document": template["document"],
    }))
}

/// The KATO codes of Kazakhstan's oblasts and cities of republican significance, the largest
/// cities first, so the demo's people live where most people do.
pub(super) const REGIONS: [&str; 20] = [
    "750000000",
    "710000000",
    "790000000",
    "610000000",
    "350000000",
    "190000000",
    "630000000",
    "310000000",
    "150000000",
    "550000000",
    "390000000",
    "110000000",
    "230000000",
    "270000000",
    "430000000",
    "470000000",
    "590000000",
    "100000000",
    "330000000",
    "620000000",
];

/// The region of the demo's `index`th person, spread over every region without drawing from
/// the generator (so every other demo value stays as it was).
fn demo_region(index: usize) -> &'static str {
    // Every third person in one of the three largest cities, the rest spread evenly.
    if index.is_multiple_of(3) {
        REGIONS[(index / 3) % 3]
    } else {
        REGIONS[3 + (index * 7) % (REGIONS.len() - 3)]
    }
}

/// A factor's value as shown, and its contribution.
fn draw(factor: &Value, language: &str, rng: &mut StdRng) -> (String, f64) {
    if factor["kind"] == "choice" {
        let values = factor["values"].as_array().cloned().unwrap_or_default();
        let chosen = &values[rng.gen_range(0..values.len().max(1))];
        // A value is one string, written in the language the decision letter was sent in.
        let text = chosen["value"][language]
            .as_str()
            .unwrap_or_default()
            .to_string();
        return (text, chosen["contribution"].as_f64().unwrap_or(0.0));
    }
    let (min, max, step) = number_range(factor);
    let steps = ((max - min) / step).floor() as i64;
    let value = min + step * rng.gen_range(0..=steps.max(0)) as f64;
    (number_text(value), contribution(factor, value))
}

fn number_range(factor: &Value) -> (f64, f64, f64) {
    let min = factor["min"].as_f64().unwrap_or(0.0);
    let max = factor["max"].as_f64().unwrap_or(min);
    let step = factor["step"].as_f64().filter(|s| *s > 0.0).unwrap_or(1.0);
    (min, max, step)
}

fn contribution(factor: &Value, value: f64) -> f64 {
    let baseline = factor["baseline"].as_f64().unwrap_or(0.0);
    let scale = factor["scale"]
        .as_f64()
        .filter(|s| *s != 0.0)
        .unwrap_or(1.0);
    factor["weight"].as_f64().unwrap_or(0.0) * (value - baseline) / scale
}

fn number_text(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.2}")
    }
}

/// For an unfavourable decision: the smallest change of one changeable numeric factor that
/// would have reached the threshold, if one exists within the factor's range.
fn counterfactuals(
    template: &Value,
    factors: &[(&Value, String, f64)],
    sum: f64,
    threshold: f64,
) -> Vec<Value> {
    let mut found = Vec::new();
    for (factor, _, current) in factors {
        // Only a reason that counted against the citizen is a way out worth showing: the
        // quality checks warn when a counterfactual changes only what counted for them.
        if factor["kind"] != "number" || factor["citizen_can_change"] != true || *current >= 0.0 {
            continue;
        }
        let weight = factor["weight"].as_f64().unwrap_or(0.0);
        if weight == 0.0 {
            continue;
        }
        let (min, max, step) = number_range(factor);
        let needed = current + (threshold - sum) + 1e-6;
        let baseline = factor["baseline"].as_f64().unwrap_or(0.0);
        let scale = factor["scale"].as_f64().unwrap_or(1.0);
        let exact = baseline + needed / weight * scale;
        // Round away from the current value onto the factor's grid.
        let rounded = if weight > 0.0 {
            (exact / step).ceil() * step
        } else {
            (exact / step).floor() * step
        };
        if rounded < min
            || rounded > max
            || sum - current + contribution(factor, rounded) < threshold
        {
            continue;
        }
        found.push(json!({
            "changes": [{"key": factor["key"], "to": number_text(rounded)}],
            "outcome": template["favourable"]["code"],
            "outcome_label": template["favourable"]["label"],
        }));
        if found.len() == 2 {
            break;
        }
    }
    found
}
