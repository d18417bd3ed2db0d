//! `redress seed-demo --scale N`: load data to measure the statistics at volume
//! (docs/performance.md, "Statistics at volume"). After the normal demo seed, N decisions
//! (`SCALE-1`, `SCALE-2` …) and N/10 appeals on them are written straight to the database in
//! multi-row inserts, and counted into the statistics' figures in the same transactions, as
//! ingest and the appeal workflow count theirs. Skipped when `SCALE-` decisions exist.
//!
//! Deterministic (one seeded generator) apart from references, access codes and the dates,
//! which follow today:
//! - decisions over the last 36 calendar months (the current one up to now), later months
//!   busier: the newest full month has about 1.6 times the decisions of the oldest;
//! - each system its own share of the volume ([`SYSTEM_SHARES`]), regions drawn by population
//!   ([`REGION_WEIGHTS`]), languages kk 55 %, ru 40 %, en 5 %;
//! - each system's outcomes at the rate of its less favourable code among the demo's 2,000
//!   decisions, with ONE deliberate disparity for the disparity monitor to find:
//!   **targeted-social-assistance-scoring denies applicants in Kyzylorda region (KATO
//!   430000000) 1.8 times as often as applicants in its other regions** (its rate elsewhere is
//!   the demo's, capped at 50 % so that 1.8 times it is still a rate);
//! - each decision's document is one of a few demo decisions of the same system and outcome,
//!   its texts cut to the subject's language (chosen values translated from the demo's
//!   templates), with its own external id, date, address and region, so opening one shows a
//!   real explanation.
//!
//! The appeals are made in `demo_scale_appeals`.

use super::demo_scale_appeals;
use crate::auth::receipt::ReceiptSigner;
use crate::config::Settings;
use crate::db::models::decision::NewDecision;
use crate::db::schema::{ai_system_versions, ai_systems, decisions};
use crate::db::{write_transaction, DbConnection};
use crate::domain::calendar::working_calendar::WorkingCalendar;
use crate::domain::decision::DecisionDocument;
use crate::domain::reference::{AccessCode, DecisionReference};
use crate::keys::{stored_hash, Keys, Purpose};
use crate::services::ingest::insert_with_fresh_references;
use crate::services::stats::upkeep::{count_decisions, month_of, Tallied};
use chrono::{Duration, Months, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use rand::distributions::{Distribution, WeightedIndex};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::time::Instant;

/// The external ids of the load decisions start with this.
pub const EXTERNAL_PREFIX: &str = "SCALE-";
const TEMPLATES: &str = include_str!("demo/decision_templates.json");
const MONTHS: u32 = 36;
/// How much busier the newest month is than the oldest, as a share of the oldest.
const GROWTH: f64 = 0.6;
const ROWS_PER_TRANSACTION: usize = 20_000;
const PROGRESS_EVERY: usize = 100_000;
/// Demo documents reused per system and outcome (each in every language).
const DOCUMENTS_PER_KIND: usize = 3;
/// The deliberate disparity (see the module's comment).
pub const DISPARITY_SYSTEM: &str = "targeted-social-assistance-scoring";
pub const DISPARITY_REGION: &str = "430000000";
const DISPARITY_RATIO: f64 = 1.8;

/// Each demo system's share of the load's decisions, in per cent.
const SYSTEM_SHARES: [(&str, u32); 6] = [
    ("tax-refund-risk-scoring", 30),
    ("targeted-social-assistance-scoring", 22),
    ("housing-benefit-eligibility", 18),
    ("building-permit-completeness-check", 14),
    ("vat-audit-selection", 10),
    ("land-plot-allocation-ranking", 6),
];

/// The 20 KATO codes of the demo (`demo_decisions::REGIONS`) with their population in
/// thousands, rounded: the weights regions are drawn with.
pub const REGION_WEIGHTS: [(&str, u32); 20] = [
    ("750000000", 2_230), // Almaty
    ("710000000", 1_420), // Astana
    ("790000000", 1_230), // Shymkent
    ("610000000", 2_130), // Turkistan region
    ("350000000", 1_130), // Karaganda region
    ("190000000", 1_520), // Almaty region
    ("630000000", 730),   // East Kazakhstan region
    ("310000000", 1_220), // Zhambyl region
    ("150000000", 930),   // Aktobe region
    ("550000000", 750),   // Pavlodar region
    ("390000000", 830),   // Kostanay region
    ("110000000", 790),   // Akmola region
    ("230000000", 700),   // Atyrau region
    ("270000000", 690),   // West Kazakhstan region
    ("430000000", 840),   // Kyzylorda region
    ("470000000", 770),   // Mangystau region
    ("590000000", 530),   // North Kazakhstan region
    ("100000000", 600),   // Abai region
    ("330000000", 700),   // Zhetysu region
    ("620000000", 220),   // Ulytau region
];

/// The subjects' languages and their shares in per cent.
pub const LANGUAGES: [(&str, u32); 3] = [("kk", 55), ("ru", 40), ("en", 5)];

/// A demo system as the load uses it.
pub struct LoadSystem {
    pub slug: String,
    pub agency_id: i64,
    pub version_id: i64,
    pub high_risk: bool,
    /// The less favourable outcome code, and the other.
    pub adverse: String,
    pub favourable: String,
    /// The favourable outcome's words by language code: an overturn's corrected outcome.
    pub favourable_label: HashMap<String, String>,
    /// How often the adverse code is drawn (elsewhere than the disparity's region).
    adverse_rate: f64,
    /// Indexes into [`Catalogue::documents`] by (adverse, language index).
    documents: HashMap<(bool, usize), Vec<usize>>,
}

/// A demo decision's document cut to one language, with slots for what each decision has of
/// its own.
pub struct Document {
    pieces: Vec<(String, Option<Slot>)>,
    pub factor_keys: Vec<String>,
    /// The working days the document's action gives after its decision, kept as a count so
    /// each load decision's action falls due after its own date.
    action_working_days: Option<u32>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    ExternalId,
    DecidedAt,
    Email,
    Region,
    ActionBy,
}

const SLOTS: [(&str, Slot); 5] = [
    ("@@SCALE_EXTERNAL_ID@@", Slot::ExternalId),
    ("@@SCALE_DECIDED_AT@@", Slot::DecidedAt),
    ("@@SCALE_EMAIL@@", Slot::Email),
    ("@@SCALE_REGION@@", Slot::Region),
    ("@@SCALE_ACTION_BY@@", Slot::ActionBy),
];

/// The systems and documents the load draws from.
pub struct Catalogue {
    pub systems: Vec<LoadSystem>,
    pub documents: Vec<Document>,
}

/// One planned decision.
#[derive(Clone, Copy)]
pub struct Planned {
    pub at: NaiveDateTime,
    pub system: usize,
    pub region: usize,
    pub language: usize,
    pub adverse: bool,
    pub document: usize,
}

/// What a load run made.
pub struct ScaleSummary {
    pub decisions: usize,
    pub appeals: usize,
    pub decision_seconds: f64,
    pub appeal_seconds: f64,
}

/// Adds the load data after the demo seed and prints what it did (`key=value` lines last).
pub fn run(settings: &Settings, scale: usize) -> anyhow::Result<()> {
    let (mut conn, keys) = super::open(settings)?;
    let signer = ReceiptSigner::from_seed(&keys.receipt_seed())?;
    let started = Instant::now();
    match seed(&mut conn, &keys, &signer, scale, Utc::now().naive_utc())? {
        None => println!("load data: {EXTERNAL_PREFIX} decisions exist already; nothing added"),
        Some(summary) => {
            let seconds = started.elapsed().as_secs_f64();
            println!(
                "load data: {} decisions in {:.1} s, {} appeals in {:.1} s, {seconds:.1} s in all",
                summary.decisions,
                summary.decision_seconds,
                summary.appeals,
                summary.appeal_seconds
            );
            println!("scale_decisions={}", summary.decisions);
            println!("scale_decision_seconds={:.1}", summary.decision_seconds);
            println!("scale_appeals={}", summary.appeals);
            println!("scale_appeal_seconds={:.1}", summary.appeal_seconds);
            println!("scale_seconds={seconds:.1}");
        }
    }
    Ok(())
}

/// Adds `scale` load decisions and `scale / 10` appeals at `now` (UTC), unless load decisions
/// exist (`None`). The demo seed must have run.
pub fn seed(
    conn: &mut DbConnection,
    keys: &Keys,
    signer: &ReceiptSigner,
    scale: usize,
    now: NaiveDateTime,
) -> anyhow::Result<Option<ScaleSummary>> {
    let existing: Option<i64> = decisions::table
        .filter(decisions::external_id.like(format!("{EXTERNAL_PREFIX}%")))
        .select(decisions::id)
        .first(conn)
        .optional()?;
    if existing.is_some() {
        return Ok(None);
    }
    let started = Instant::now();
    let catalogue = load_catalogue(conn)?;
    let mut rng = StdRng::seed_from_u64(20_261_130);
    let plans = plan_decisions(&catalogue, scale, now, &mut rng)?;
    // An appeal is filed at least a day after its decision, and never in the future.
    let latest = now - Duration::days(1) - Duration::hours(1);
    let appealed = choose_appealed(&plans, scale / 10, latest, &mut rng);
    let mut targets = Vec::with_capacity(scale / 10);
    let mut done = 0;
    for (batch, chunk) in plans.chunks(ROWS_PER_TRANSACTION).enumerate() {
        let first = batch * ROWS_PER_TRANSACTION;
        let mut rows: Vec<NewDecision> = chunk
            .iter()
            .enumerate()
            .map(|(i, plan)| decision_row(&catalogue, keys, first + i + 1, plan, now))
            .collect();
        write_transaction(conn, |conn| -> anyhow::Result<()> {
            insert_with_fresh_references(conn, &mut rows)
                .map_err(|e| anyhow::anyhow!("load decisions not stored: {e:?}"))?;
            let tallied: Vec<Tallied<'_>> = rows.iter().map(Tallied::from).collect();
            count_decisions(conn, &tallied)
        })?;
        for (i, row) in rows.into_iter().enumerate() {
            if appealed.contains(&(first + i)) {
                targets.push((first + i, row.reference));
            }
        }
        let before = done;
        done += chunk.len();
        if done / PROGRESS_EVERY > before / PROGRESS_EVERY || done == plans.len() {
            println!(
                "decisions: {done} of {} ({:.1} s)",
                plans.len(),
                started.elapsed().as_secs_f64()
            );
        }
    }
    let decision_seconds = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let ids = decision_ids(conn, targets.iter().map(|(_, r)| r.as_str()))?;
    let targets: Vec<demo_scale_appeals::Target> = targets
        .into_iter()
        .map(|(index, reference)| {
            let decision_id = *ids
                .get(&reference)
                .ok_or_else(|| anyhow::anyhow!("load decision {reference} vanished"))?;
            Ok(demo_scale_appeals::Target {
                n: index + 1,
                decision_id,
                reference,
                plan: plans[index],
            })
        })
        .collect::<anyhow::Result<_>>()?;
    let appeals = demo_scale_appeals::seed(conn, &catalogue, signer, &targets, now, &mut rng)?;
    Ok(Some(ScaleSummary {
        decisions: plans.len(),
        appeals,
        decision_seconds,
        appeal_seconds: started.elapsed().as_secs_f64(),
    }))
}

/// The demo systems, their current versions and outcome codes, and a few of each one's demo
/// documents per outcome, in each language.
fn load_catalogue(conn: &mut DbConnection) -> anyhow::Result<Catalogue> {
    let templates: Vec<Value> = serde_json::from_str(TEMPLATES)?;
    let demo: Vec<(String, String, String)> = decisions::table
        .inner_join(ai_system_versions::table.inner_join(ai_systems::table))
        .filter(decisions::external_id.like("DEMO-%"))
        .order(decisions::id.asc())
        .select((
            ai_systems::slug,
            decisions::outcome,
            decisions::content_json,
        ))
        .load(conn)?;
    let mut systems = Vec::new();
    let mut documents = Vec::new();
    for (slug, _) in SYSTEM_SHARES {
        let template = templates
            .iter()
            .find(|t| t["system"] == slug)
            .ok_or_else(|| anyhow::anyhow!("no demo template for {slug}"))?;
        let code = |key: &str| {
            template[key]["code"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        };
        let (adverse, favourable) = (code("unfavourable"), code("favourable"));
        let (agency_id, version_id, risk): (i64, i64, String) = ai_systems::table
            .inner_join(
                ai_system_versions::table.on(ai_system_versions::system_id
                    .eq(ai_systems::id)
                    .and(ai_system_versions::version.eq(ai_systems::current_version))),
            )
            .filter(ai_systems::slug.eq(slug))
            .select((
                ai_systems::agency_id,
                ai_system_versions::id,
                ai_system_versions::risk_level,
            ))
            .first(conn)
            .optional()?
            .ok_or_else(|| anyhow::anyhow!("no AI system {slug}: the demo seed did not run"))?;
        let mine: Vec<_> = demo.iter().filter(|d| d.0 == slug).collect();
        let adverse_count = mine.iter().filter(|d| d.1 == adverse).count();
        // The demo writes each system's decisions in one language; every text of a document
        // is given in all three, and the chosen values are translated from the template, so
        // each demo document serves each language.
        let mut by_kind: HashMap<(bool, usize), Vec<usize>> = HashMap::new();
        for adverse_kind in [true, false] {
            let picked: Vec<&String> = mine
                .iter()
                .filter(|d| (d.1 == adverse) == adverse_kind)
                .map(|d| &d.2)
                .take(DOCUMENTS_PER_KIND)
                .collect();
            if picked.is_empty() {
                anyhow::bail!("the demo has no decision of {slug} with each outcome to copy");
            }
            for content in picked {
                for (l, (language, _)) in LANGUAGES.iter().enumerate() {
                    by_kind
                        .entry((adverse_kind, l))
                        .or_default()
                        .push(documents.len());
                    documents.push(Document::from_demo(content, language, template)?);
                }
            }
        }
        systems.push(LoadSystem {
            slug: slug.to_string(),
            agency_id,
            version_id,
            high_risk: risk == "high",
            favourable_label: serde_json::from_value(template["favourable"]["label"].clone())?,
            adverse_rate: (adverse_count as f64 / mine.len().max(1) as f64).clamp(0.05, 0.95),
            adverse,
            favourable,
            documents: by_kind,
        });
    }
    Ok(Catalogue { systems, documents })
}

impl Document {
    /// A stored demo document, its texts cut to `language`, slots where each decision differs.
    fn from_demo(content: &str, language: &str, template: &Value) -> anyhow::Result<Document> {
        let mut doc: Value = serde_json::from_str(content)?;
        keep_language(&mut doc, language);
        translate_choices(&mut doc, template, language);
        let object = doc
            .as_object_mut()
            .ok_or_else(|| anyhow::anyhow!("a demo decision is not a JSON object"))?;
        let action_working_days = action_working_days(object);
        if let Some(action) = object.get_mut("action").and_then(Value::as_object_mut) {
            action.insert("by".into(), SLOTS[4].0.into());
        }
        object.insert("external_id".into(), SLOTS[0].0.into());
        object.insert("decided_at".into(), SLOTS[1].0.into());
        let subject = object
            .entry("subject")
            .or_insert_with(|| Value::Object(Default::default()));
        let subject = subject
            .as_object_mut()
            .ok_or_else(|| anyhow::anyhow!("a demo decision's subject is not an object"))?;
        subject.insert("email".into(), SLOTS[2].0.into());
        subject.insert("region".into(), SLOTS[3].0.into());
        subject.insert("language".into(), language.into());
        let factor_keys = doc["factors"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| f["key"].as_str().map(str::to_string))
            .collect();
        let mut text = serde_json::to_string(&doc)?;
        let mut pieces = Vec::new();
        while let Some((at, token, slot)) = SLOTS
            .iter()
            .filter_map(|(token, slot)| text.find(token).map(|at| (at, *token, *slot)))
            .min_by_key(|found| found.0)
        {
            let rest = text.split_off(at);
            pieces.push((std::mem::take(&mut text), Some(slot)));
            text = rest[token.len()..].to_string();
        }
        pieces.push((text, None));
        let document = Document {
            pieces,
            factor_keys,
            action_working_days,
        };
        // What the load stores must read back as a decision.
        let sample = document.render("SCALE-0", "2026-01-01T00:00:00Z", "a@b.kz", "750000000");
        crate::domain::stored::document::<DecisionDocument>(&sample, "load decision")?;
        Ok(document)
    }

    fn render(&self, external_id: &str, decided_at: &str, email: &str, region: &str) -> String {
        let mut out =
            String::with_capacity(self.pieces.iter().map(|p| p.0.len()).sum::<usize>() + 64);
        let action_by = self.action_by(decided_at);
        for (text, slot) in &self.pieces {
            out.push_str(text);
            out.push_str(match slot {
                Some(Slot::ExternalId) => external_id,
                Some(Slot::DecidedAt) => decided_at,
                Some(Slot::Email) => email,
                Some(Slot::Region) => region,
                Some(Slot::ActionBy) => action_by.as_str(),
                None => "",
            });
        }
        out
    }

    /// The action's date for a decision at `decided_at`: as many working days after it as the
    /// demo decision's action gave.
    fn action_by(&self, decided_at: &str) -> String {
        let decided_on = decided_at
            .get(..10)
            .and_then(|day| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok());
        match (decided_on, self.action_working_days) {
            (Some(day), Some(working_days)) => WorkingCalendar::kazakhstan(Vec::new())
                .add_working_days(day, working_days)
                .due
                .format("%Y-%m-%d")
                .to_string(),
            _ => String::new(),
        }
    }
}

/// The working days between a stored demo decision and its action's date, if it has one.
fn action_working_days(document: &serde_json::Map<String, Value>) -> Option<u32> {
    let decided_on = document
        .get("decided_at")?
        .as_str()?
        .get(..10)
        .and_then(|day| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())?;
    let by =
        NaiveDate::parse_from_str(document.get("action")?.get("by")?.as_str()?, "%Y-%m-%d").ok()?;
    Some(WorkingCalendar::kazakhstan(Vec::new()).working_days_between(decided_on, by))
}

/// Cuts every text given in several languages (an object of `kk`, `ru` and `en` strings) to
/// `language`, where it is given.
fn keep_language(value: &mut Value, language: &str) {
    match value {
        Value::Object(map) => {
            let localized = !map.is_empty()
                && map
                    .iter()
                    .all(|(k, v)| LANGUAGES.iter().any(|l| l.0 == k) && v.is_string());
            if localized && map.contains_key(language) {
                map.retain(|k, _| k == language);
            } else {
                map.values_mut().for_each(|v| keep_language(v, language));
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| keep_language(v, language)),
        _ => {}
    }
}

/// A chosen factor value is one string in the letter's language: the same choice in
/// `language`, from the template's list of values.
fn translate_choices(doc: &mut Value, template: &Value, language: &str) {
    let Some(factors) = doc.get_mut("factors").and_then(Value::as_array_mut) else {
        return;
    };
    for factor in factors {
        let Some(options) = template["factors"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|t| t["key"] == factor["key"] && t["kind"] == "choice")
            .and_then(|t| t["values"].as_array())
        else {
            continue;
        };
        let given = factor["value"].clone();
        let translated = options.iter().find_map(|option| {
            let texts = option["value"].as_object()?;
            texts
                .values()
                .any(|text| *text == given)
                .then(|| texts.get(language).cloned())
                .flatten()
        });
        if let (Some(text), Some(factor)) = (translated, factor.as_object_mut()) {
            factor.insert("value".into(), text);
        }
    }
}

/// Every load decision's date, system, region, language, outcome and document, oldest first
/// (so each transaction's decisions fall in a month or two and add to few tallies).
fn plan_decisions(
    catalogue: &Catalogue,
    count: usize,
    now: NaiveDateTime,
    rng: &mut StdRng,
) -> anyhow::Result<Vec<Planned>> {
    let systems = WeightedIndex::new(SYSTEM_SHARES.iter().map(|s| s.1))?;
    let regions = WeightedIndex::new(REGION_WEIGHTS.iter().map(|r| r.1))?;
    let languages = WeightedIndex::new(LANGUAGES.iter().map(|l| l.1))?;
    let disparity_region = REGION_WEIGHTS
        .iter()
        .position(|r| r.0 == DISPARITY_REGION)
        .ok_or_else(|| anyhow::anyhow!("the disparity's region is not a demo region"))?;
    let mut plans = Vec::with_capacity(count);
    for at in decision_times(count, now, rng)? {
        let system = systems.sample(rng);
        let region = regions.sample(rng);
        let language = languages.sample(rng);
        let load = &catalogue.systems[system];
        let rate = if load.slug == DISPARITY_SYSTEM {
            let elsewhere = load.adverse_rate.min(0.5);
            if region == disparity_region {
                elsewhere * DISPARITY_RATIO
            } else {
                elsewhere
            }
        } else {
            load.adverse_rate
        };
        let adverse = rng.gen_bool(rate);
        let documents = load
            .documents
            .get(&(adverse, language))
            .ok_or_else(|| anyhow::anyhow!("no demo document for {}", load.slug))?;
        let document = documents[rng.gen_range(0..documents.len())];
        plans.push(Planned {
            at,
            system,
            region,
            language,
            adverse,
            document,
        });
    }
    Ok(plans)
}

/// `count` instants in the last [`MONTHS`] calendar months up to `now`, sorted, in working
/// hours in Almaty (03:00 to 13:00 UTC), later months busier.
fn decision_times(
    count: usize,
    now: NaiveDateTime,
    rng: &mut StdRng,
) -> anyhow::Result<Vec<NaiveDateTime>> {
    let this_month = month_of(now.date());
    let months: Vec<NaiveDate> = (0..MONTHS)
        .rev()
        .map(|back| this_month.checked_sub_months(Months::new(back)))
        .collect::<Option<_>>()
        .ok_or_else(|| anyhow::anyhow!("no date {MONTHS} months back"))?;
    let length = |month: NaiveDate| {
        month
            .checked_add_months(Months::new(1))
            .map_or(30, |next| (next - month).num_days())
    };
    let weights: Vec<f64> = months
        .iter()
        .enumerate()
        .map(|(i, month)| {
            let weight = 1.0 + GROWTH * i as f64 / f64::from(MONTHS - 1);
            if *month == this_month {
                weight * (now.date() - *month).num_days().max(1) as f64 / length(*month) as f64
            } else {
                weight
            }
        })
        .collect();
    let pick = WeightedIndex::new(&weights)?;
    let mut times = Vec::with_capacity(count);
    while times.len() < count {
        let month = months[pick.sample(rng)];
        let day = month + Duration::days(rng.gen_range(0..length(month)));
        let at = day.and_hms_opt(3, 0, 0).unwrap_or_default()
            + Duration::seconds(rng.gen_range(0..10 * 3600));
        if at < now {
            times.push(at);
        }
    }
    times.sort_unstable();
    Ok(times)
}

/// `count` distinct decisions made by `latest` to appeal, drawn at random (Efraimidis and
/// Spirakis' weighted sampling), a less favourable one nine times as likely as another: people
/// appeal refusals.
fn choose_appealed(
    plans: &[Planned],
    count: usize,
    latest: NaiveDateTime,
    rng: &mut StdRng,
) -> HashSet<usize> {
    let mut keyed: Vec<(f64, usize)> = plans
        .iter()
        .enumerate()
        .filter(|(_, plan)| plan.at <= latest)
        .map(|(index, plan)| {
            let weight = if plan.adverse { 9.0 } else { 1.0 };
            ((1.0 - rng.gen::<f64>()).ln() / weight, index)
        })
        .collect();
    if count < keyed.len() && count > 0 {
        keyed.select_nth_unstable_by(count - 1, |a, b| b.0.total_cmp(&a.0));
    }
    keyed
        .into_iter()
        .take(count)
        .map(|(_, index)| index)
        .collect()
}

/// The row of the `n`th load decision.
fn decision_row(
    catalogue: &Catalogue,
    keys: &Keys,
    n: usize,
    plan: &Planned,
    now: NaiveDateTime,
) -> NewDecision {
    let system = &catalogue.systems[plan.system];
    let external_id = format!("{EXTERNAL_PREFIX}{n}");
    let email = format!("load-{n}@example.kz");
    let region = REGION_WEIGHTS[plan.region].0;
    let decided_at = plan.at.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let content =
        catalogue.documents[plan.document].render(&external_id, &decided_at, &email, region);
    NewDecision {
        reference: DecisionReference::generate().as_str().to_string(),
        agency_id: system.agency_id,
        system_version_id: system.version_id,
        external_id,
        access_code_hash: stored_hash::hash(
            keys,
            Purpose::AccessCode,
            AccessCode::generate().as_str(),
        ),
        outcome: if plan.adverse {
            system.adverse.clone()
        } else {
            system.favourable.clone()
        },
        decided_at: plan.at,
        content_hash: stored_hash::hash(keys, Purpose::DecisionContent, &content),
        content_json: content,
        subject_email: Some(email),
        subject_national_id_hash: None,
        subject_language: Some(LANGUAGES[plan.language].0.to_string()),
        subject_region: Some(region.to_string()),
        created_at: now,
    }
}

/// The ids of decisions by reference.
fn decision_ids<'a>(
    conn: &mut DbConnection,
    references: impl Iterator<Item = &'a str>,
) -> QueryResult<HashMap<String, i64>> {
    let references: Vec<&str> = references.collect();
    let mut ids = HashMap::with_capacity(references.len());
    for chunk in references.chunks(500) {
        let rows: Vec<(String, i64)> = decisions::table
            .filter(decisions::reference.eq_any(chunk))
            .select((decisions::reference, decisions::id))
            .load(conn)?;
        ids.extend(rows);
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_load_draws_from_the_demo_regions() {
        let mut load: Vec<&str> = REGION_WEIGHTS.iter().map(|r| r.0).collect();
        let mut demo = super::super::demo_decisions::REGIONS.to_vec();
        load.sort_unstable();
        demo.sort_unstable();
        assert_eq!(load, demo);
    }

    #[test]
    fn texts_are_cut_to_one_language_and_other_objects_kept() {
        let mut doc = serde_json::json!({
            "summary": {"kk": "a", "ru": "b", "en": "c"},
            "subject": {"language": "ru", "region": "750000000"},
            "factors": [{"label": {"kk": "x", "en": "y"}, "value": "1"}],
            "only_english": {"en": "z"},
        });
        keep_language(&mut doc, "ru");
        assert_eq!(doc["summary"], serde_json::json!({"ru": "b"}));
        assert_eq!(doc["subject"]["region"], "750000000");
        assert_eq!(
            doc["factors"][0]["label"],
            serde_json::json!({"kk": "x", "en": "y"})
        );
        assert_eq!(doc["only_english"], serde_json::json!({"en": "z"}));
    }

    #[test]
    fn chosen_values_are_translated_from_the_template() {
        let template = serde_json::json!({"factors": [{"key": "k", "kind": "choice", "values": [
            {"value": {"kk": "иә", "ru": "да", "en": "yes"}},
            {"value": {"kk": "жоқ", "ru": "нет", "en": "no"}},
        ]}]});
        let mut doc = serde_json::json!({"factors": [
            {"key": "k", "value": "нет"},
            {"key": "other", "value": "5"},
        ]});
        translate_choices(&mut doc, &template, "en");
        assert_eq!(doc["factors"][0]["value"], "no");
        assert_eq!(doc["factors"][1]["value"], "5");
    }

    #[test]
    fn decisions_fall_in_the_last_36_months_newest_busiest() {
        let now = NaiveDate::from_ymd_opt(2026, 11, 30)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .unwrap_or_default();
        let mut rng = StdRng::seed_from_u64(1);
        let times = decision_times(20_000, now, &mut rng).unwrap_or_default();
        assert_eq!(times.len(), 20_000);
        assert!(times.windows(2).all(|w| w[0] <= w[1]));
        let first = NaiveDate::from_ymd_opt(2023, 12, 1).unwrap_or_default();
        assert!(times.iter().all(|t| t.date() >= first && *t < now));
        let in_month = |m: u32, y: i32| {
            times
                .iter()
                .filter(|t| {
                    month_of(t.date()) == NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default()
                })
                .count()
        };
        assert!(in_month(10, 2026) > in_month(12, 2023));
    }
}
