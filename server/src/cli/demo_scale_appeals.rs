//! The appeals of `redress seed-demo --scale N` (`demo_scale`): one on each chosen load
//! decision, filed 1 to 30 days after it, with the deadlines of its state body's calendar and
//! profile, a signed receipt and the history entries of the steps it went through, inserted in
//! multi-row statements and given their statistics rows in the same transaction.
//!
//! How they end (drawn with the load's seeded generator):
//! - about 5 % withdrawn before an answer;
//! - answered after a number of working days that depends on the state body ([`PACES`]: land
//!   and permits is clearly slower, and about 30 % of its answers come after the decide-by date
//!   of 15 working days); still open (submitted, or under review once acknowledged) while that
//!   answer is to come, and four in five of those whose decide-by date has not passed yet (filed
//!   in the last three weeks or so), so that an open appeal is late only where its body is;
//! - answers to appeals against a less favourable outcome upheld, overturned or partially
//!   overturned at per-system rates ([`OVERTURNS`]: housing-benefit-eligibility overturns half,
//!   about 45 % of all its answers, the other systems 12 to 16 %); the few appeals against a
//!   favourable outcome (about one in eight) upheld, or now and then partially overturned;
//! - about 8 % of answers escalated to the ombudsman: a finding that the outcome stands closes
//!   the appeal (`ombudsman_finding_final`), a recommendation to reconsider leaves it resolved,
//!   waiting for the agency to reopen it, as the workflow does; an escalation without a
//!   finding yet stays escalated;
//! - the other answers closed by the citizen (`citizen_accepted`) or once the escalation
//!   window passed (`escalation_window_passed`); recent ones partly still decided.
//!
//! Statements and reasons are English only: this is load data.

use super::demo_scale::{Catalogue, Planned, LANGUAGES};
use crate::auth::receipt::{sha256_hex, Receipt, ReceiptSigner};
use crate::db::models::agency;
use crate::db::schema::{appeal_entries, appeals, decisions, users};
use crate::db::{write_transaction, DbConnection};
use crate::domain::appeal::{CorrectedOutcome, Outcome};
use crate::domain::calendar::ClockStatus;
use crate::domain::local_time::local_date;
use crate::domain::reference::AppealReference;
use crate::services::appeals::case::StoredOutcome;
use crate::services::calendar::{self, AgencyCalendar};
use crate::services::stats::upkeep::refresh_appeals;
use app::types::{ChallengedFactor, GroundKind, Grounds, OutcomeKind};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use rand::distributions::{Distribution, WeightedIndex};
use rand::rngs::StdRng;
use rand::Rng;
use std::collections::HashMap;
use std::time::Instant;

const APPEALS_PER_TRANSACTION: usize = 5_000;
const PROGRESS_EVERY: usize = 10_000;
/// Appeal rows per INSERT: 24 columns each, inside both backends' limits on parameters.
const APPEALS_PER_STATEMENT: usize = 400;
const ENTRIES_PER_STATEMENT: usize = 1_000;

/// Per system: the shares of answers that overturn and partially overturn the decision.
const OVERTURNS: [(&str, f64, f64); 6] = [
    ("housing-benefit-eligibility", 0.50, 0.08),
    ("targeted-social-assistance-scoring", 0.15, 0.06),
    ("tax-refund-risk-scoring", 0.14, 0.05),
    ("vat-audit-selection", 0.12, 0.04),
    ("building-permit-completeness-check", 0.16, 0.05),
    ("land-plot-allocation-ranking", 0.13, 0.04),
];

/// How many working days a state body takes to answer: usually within `usual`, and a share
/// `late_share` of answers within `late`, past the decide-by date (15 working days).
struct Pace {
    agency: &'static str,
    usual: (u32, u32),
    late_share: f64,
    late: (u32, u32),
}

const PACES: [Pace; 4] = [
    Pace {
        agency: "social-benefits",
        usual: (4, 13),
        late_share: 0.04,
        late: (16, 22),
    },
    Pace {
        agency: "state-revenue",
        usual: (3, 11),
        late_share: 0.02,
        late: (16, 20),
    },
    Pace {
        agency: "land-permits",
        usual: (8, 15),
        late_share: 0.30,
        late: (16, 30),
    },
    // Any other state body.
    Pace {
        agency: "",
        usual: (5, 14),
        late_share: 0.05,
        late: (16, 22),
    },
];

/// The grounds citizens give, with weights, and the sentence each one's statement is.
const GROUNDS: [(GroundKind, u32, &str); 5] = [
    (
        GroundKind::DataError,
        40,
        "The figure the system used about me is wrong; the correct one is on my certificate.",
    ),
    (
        GroundKind::HumanReview,
        25,
        "I ask that a person looks at my case again.",
    ),
    (
        GroundKind::WrongRule,
        18,
        "The rule that applies to my situation was not applied.",
    ),
    (
        GroundKind::Discrimination,
        5,
        "I believe the decision treats people from my district unfairly.",
    ),
    (
        GroundKind::Other,
        12,
        "The letter did not explain how the decision was reached.",
    ),
];

const UPHELD: &str = "We checked the records the system used with their sources: they are correct, and the decision follows the rules that apply.";
const OVERTURNED: &str = "The records the system used were out of date. With the correct figures the application meets the conditions, so the decision is replaced.";
const PARTIALLY: &str = "Part of the data the system used was wrong. We corrected it: the decision changes as stated, the rest of it stands.";
const ESCALATION: &str = "The agency did not answer what I wrote in my appeal.";
const STANDS: &str =
    "The agency examined the appeal properly and gave its reasons: its outcome stands.";
const RECONSIDER: &str = "The agency's answer does not address the citizen's evidence. We recommend that it decides again.";

/// A load decision chosen for an appeal.
pub struct Target {
    /// The decision's number (`SCALE-n`).
    pub n: usize,
    pub decision_id: i64,
    pub reference: String,
    pub plan: Planned,
}

/// A state body as the appeals need it, with its deadlines worked out once per date.
struct Body {
    time_zone: String,
    terms: AgencyCalendar,
    reviewer: Option<i64>,
    supervisor: Option<i64>,
    /// Who is named as deciding when the body has no reviewer.
    anyone: i64,
    pace: &'static Pace,
    deadlines: HashMap<NaiveDate, (NaiveDate, NaiveDate)>,
    after: HashMap<(NaiveDate, u32), NaiveDate>,
}

impl Body {
    /// The acknowledge-by and decide-by dates of an appeal filed on `filed_on`.
    fn deadlines(&mut self, filed_on: NaiveDate) -> anyhow::Result<(NaiveDate, NaiveDate)> {
        if let Some(known) = self.deadlines.get(&filed_on) {
            return Ok(*known);
        }
        let AgencyCalendar { calendar, profile } = &self.terms;
        let acknowledge_by = profile.acknowledge_by(filed_on, calendar).due;
        let ClockStatus::Due(decide) = profile.decide_by(filed_on, &[], calendar) else {
            anyhow::bail!("a new appeal's decide clock is on hold");
        };
        self.deadlines
            .insert(filed_on, (acknowledge_by, decide.due));
        Ok((acknowledge_by, decide.due))
    }

    /// The `days`th working day after `from`.
    fn working_days_after(&mut self, from: NaiveDate, days: u32) -> NaiveDate {
        let calendar = &self.terms.calendar;
        *self
            .after
            .entry((from, days))
            .or_insert_with(|| calendar.add_working_days(from, days).due)
    }
}

/// An appeal to insert (the row), with its history.
#[derive(Insertable)]
#[diesel(table_name = appeals, treat_none_as_default_value = false)]
struct Appeal {
    reference: String,
    decision_id: i64,
    agency_id: i64,
    state: &'static str,
    grounds_json: String,
    statement: &'static str,
    contact_email: String,
    language: &'static str,
    idempotency_key: String,
    assignee_id: Option<i64>,
    filed_at: NaiveDateTime,
    filed_on: NaiveDate,
    acknowledge_by: NaiveDate,
    decide_by: NaiveDate,
    decide_from: NaiveDate,
    acknowledged_on: Option<NaiveDate>,
    decided_on: Option<NaiveDate>,
    escalate_until: Option<NaiveDate>,
    outcome_json: Option<String>,
    finding: Option<&'static str>,
    close_reason: Option<&'static str>,
    /// The signed receipt of `claims`.
    #[diesel(column_name = receipt)]
    signed: String,
    /// Every step after the filing bumped it.
    version: i32,
    updated_at: NaiveDateTime,
    #[diesel(skip_insertion)]
    claims: Receipt,
    #[diesel(skip_insertion)]
    entries: Vec<Entry>,
    /// What an overturn made of the decision (`decisions.corrected_outcome_json`).
    #[diesel(skip_insertion)]
    corrected: Option<String>,
}

impl Appeal {
    /// Records a step (or the filing) in the history at `at`.
    fn step(
        &mut self,
        at: NaiveDateTime,
        author: &'static str,
        author_user_id: Option<i64>,
        kind: &'static str,
        body: &'static str,
    ) {
        self.entries.push(Entry {
            at,
            author,
            author_user_id,
            kind,
            body,
        });
        self.updated_at = at;
        self.version = i32::try_from(self.entries.len()).unwrap_or(i32::MAX);
    }
}

struct Entry {
    at: NaiveDateTime,
    author: &'static str,
    author_user_id: Option<i64>,
    kind: &'static str,
    body: &'static str,
}

#[derive(Insertable)]
#[diesel(table_name = appeal_entries, treat_none_as_default_value = false)]
struct EntryRow<'a> {
    appeal_id: i64,
    occurred_at: NaiveDateTime,
    author: &'a str,
    author_user_id: Option<i64>,
    kind: &'a str,
    visibility: &'a str,
    body: &'a str,
}

/// Files and settles an appeal on each target at `now` (UTC); returns how many.
pub fn seed(
    conn: &mut DbConnection,
    catalogue: &Catalogue,
    signer: &ReceiptSigner,
    targets: &[Target],
    now: NaiveDateTime,
    rng: &mut StdRng,
) -> anyhow::Result<usize> {
    let mut bodies = load_bodies(conn, catalogue)?;
    let ombudsman: Option<i64> = users::table
        .filter(users::role.eq("ombudsman"))
        .order(users::id.asc())
        .select(users::id)
        .first(conn)
        .optional()?;
    let grounds = WeightedIndex::new(GROUNDS.iter().map(|g| g.1))?;
    let started = Instant::now();
    let mut done = 0;
    for chunk in targets.chunks(APPEALS_PER_TRANSACTION) {
        let mut planned = chunk
            .iter()
            .map(|target| {
                let mut appeal = plan(
                    target,
                    catalogue,
                    &mut bodies,
                    &grounds,
                    ombudsman,
                    now,
                    rng,
                )?;
                appeal.signed = signer.sign(&appeal.claims)?;
                Ok(appeal)
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        write_transaction(conn, |conn| store(conn, signer, &mut planned))?;
        let before = done;
        done += chunk.len();
        if done / PROGRESS_EVERY > before / PROGRESS_EVERY || done == targets.len() {
            println!(
                "appeals: {done} of {} ({:.1} s)",
                targets.len(),
                started.elapsed().as_secs_f64()
            );
        }
    }
    Ok(done)
}

/// The state bodies of the catalogue's systems with their calendars and staff.
fn load_bodies(
    conn: &mut DbConnection,
    catalogue: &Catalogue,
) -> anyhow::Result<HashMap<i64, Body>> {
    let anyone: i64 = users::table
        .order(users::id.asc())
        .select(users::id)
        .first(conn)
        .optional()?
        .ok_or_else(|| anyhow::anyhow!("no staff account: the demo seed did not run"))?;
    let mut bodies = HashMap::new();
    for system in &catalogue.systems {
        if bodies.contains_key(&system.agency_id) {
            continue;
        }
        let owner = agency::find_by_id(conn, system.agency_id)?
            .ok_or_else(|| anyhow::anyhow!("no state body {}", system.agency_id))?;
        let staff: Vec<(i64, String)> = users::table
            .filter(users::agency_id.eq(owner.id))
            .order(users::id.asc())
            .select((users::id, users::role))
            .load(conn)?;
        let with_role = |role: &str| staff.iter().find(|s| s.1 == role).map(|s| s.0);
        let pace = PACES
            .iter()
            .find(|p| p.agency == owner.slug || p.agency.is_empty())
            .unwrap_or(&PACES[PACES.len() - 1]);
        bodies.insert(
            owner.id,
            Body {
                terms: calendar::for_agency(conn, &owner)?,
                time_zone: owner.time_zone,
                reviewer: with_role("reviewer"),
                supervisor: with_role("supervisor"),
                anyone: staff.first().map_or(anyone, |s| s.0),
                pace,
                deadlines: HashMap::new(),
                after: HashMap::new(),
            },
        );
    }
    Ok(bodies)
}

/// 11:00 in Almaty (06:00 UTC) on `day`, never after `now`.
fn stamp(day: NaiveDate, now: NaiveDateTime) -> NaiveDateTime {
    day.and_hms_opt(6, 0, 0).map_or(now, |at| at.min(now))
}

/// One appeal on `target`: its filing, deadlines, grounds and how far it got by `now`.
fn plan(
    target: &Target,
    catalogue: &Catalogue,
    bodies: &mut HashMap<i64, Body>,
    grounds: &WeightedIndex<u32>,
    ombudsman: Option<i64>,
    now: NaiveDateTime,
    rng: &mut StdRng,
) -> anyhow::Result<Appeal> {
    let decision = &target.plan;
    let system = &catalogue.systems[decision.system];
    let body = bodies
        .get_mut(&system.agency_id)
        .ok_or_else(|| anyhow::anyhow!("no state body {}", system.agency_id))?;
    let language = LANGUAGES[decision.language].0;
    let today = local_date(now, &body.time_zone);
    // Filed 1 to 30 days after the decision, never in the future.
    let available = (now - decision.at).num_days().max(1);
    let mut filed_at = decision.at + Duration::days(rng.gen_range(1..=available.min(30)));
    let later = Duration::minutes(rng.gen_range(0..240));
    if filed_at + later <= now {
        filed_at += later;
    }
    let filed_on = local_date(filed_at, &body.time_zone);
    let (acknowledge_by, decide_by) = body.deadlines(filed_on)?;
    let (grounds, statement) = draw_grounds(
        grounds,
        &catalogue.documents[decision.document].factor_keys,
        rng,
    );
    let mut appeal = Appeal {
        reference: AppealReference::generate().as_str().to_string(),
        decision_id: target.decision_id,
        agency_id: system.agency_id,
        state: "submitted",
        grounds_json: serde_json::to_string(&grounds)?,
        statement,
        contact_email: format!("load-{}@example.kz", target.n),
        language,
        idempotency_key: format!("scale-{}", target.n),
        assignee_id: None,
        filed_at,
        filed_on,
        acknowledge_by,
        decide_by,
        decide_from: filed_on,
        acknowledged_on: None,
        decided_on: None,
        escalate_until: None,
        outcome_json: None,
        finding: None,
        close_reason: None,
        claims: Receipt {
            appeal: String::new(),
            decision: target.reference.clone(),
            grounds: grounds
                .kinds
                .iter()
                .map(|k| k.as_str().to_string())
                .collect(),
            statement_sha256: sha256_hex(statement.as_bytes()),
            attachments: Vec::new(),
            filed_at: filed_at.and_utc().timestamp(),
        },
        signed: String::new(),
        version: 1,
        updated_at: filed_at,
        entries: Vec::new(),
        corrected: None,
    };
    appeal.claims.appeal = appeal.reference.clone();
    appeal.step(filed_at, "citizen", None, "filed", "");
    if rng.gen_bool(0.05) {
        let at = (filed_at + Duration::days(rng.gen_range(1..=10))).min(now);
        appeal.state = "withdrawn";
        appeal.step(at, "citizen", None, "withdraw", "");
        return Ok(appeal);
    }
    let acknowledged_on = body.working_days_after(filed_on, rng.gen_range(1..=3));
    let pace = body.pace;
    let days = if rng.gen_bool(pace.late_share) {
        rng.gen_range(pace.late.0..=pace.late.1)
    } else {
        rng.gen_range(pace.usual.0..=pace.usual.1)
    };
    let answered_on = body.working_days_after(filed_on, days);
    // Open while the answer is to come; and most that are not due yet are still open
    // (without making an answered appeal late).
    let not_due = decide_by >= today && (today - filed_on).num_days() <= 45;
    if answered_on > today || (not_due && rng.gen_bool(0.8)) {
        if acknowledged_on <= today && rng.gen_bool(0.8) {
            appeal.state = "under_review";
            appeal.acknowledged_on = Some(acknowledged_on);
            appeal.assignee_id = body.reviewer;
            let at = stamp(acknowledged_on, now);
            appeal.step(at, "staff", body.reviewer, "acknowledge", "");
        }
        return Ok(appeal);
    }
    let acknowledged_on = acknowledged_on.min(answered_on);
    appeal.acknowledged_on = Some(acknowledged_on);
    appeal.assignee_id = body.reviewer;
    appeal.step(
        stamp(acknowledged_on, now),
        "staff",
        body.reviewer,
        "acknowledge",
        "",
    );
    let (overturn, partial) = OVERTURNS
        .iter()
        .find(|o| o.0 == system.slug)
        .map_or((0.15, 0.05), |o| (o.1, o.2));
    let draw: f64 = rng.gen();
    let kind = if !decision.adverse {
        // A favourable decision is rarely changed, and only in part.
        if draw < partial {
            OutcomeKind::PartiallyOverturned
        } else {
            OutcomeKind::Upheld
        }
    } else if draw < overturn {
        OutcomeKind::Overturned
    } else if draw < overturn + partial {
        OutcomeKind::PartiallyOverturned
    } else {
        OutcomeKind::Upheld
    };
    let (reasoning, corrected) = match kind {
        OutcomeKind::Upheld => (UPHELD, None),
        OutcomeKind::Overturned | OutcomeKind::PartiallyOverturned => (
            if kind == OutcomeKind::Overturned {
                OVERTURNED
            } else {
                PARTIALLY
            },
            Some(CorrectedOutcome {
                outcome: system.favourable.clone(),
                label: system
                    .favourable_label
                    .get(language)
                    .or_else(|| system.favourable_label.values().next())
                    .cloned()
                    .unwrap_or_else(|| system.favourable.clone()),
            }),
        ),
    };
    appeal.corrected = corrected.as_ref().map(serde_json::to_string).transpose()?;
    appeal.outcome_json = Some(serde_json::to_string(&StoredOutcome {
        outcome: Outcome {
            kind,
            reasoning: reasoning.to_string(),
            corrected,
        },
        decided_by: body.reviewer.unwrap_or(body.anyone),
        approved_by: body.supervisor.filter(|_| system.high_risk),
    })?);
    appeal.decided_on = Some(answered_on);
    appeal.state = "decided";
    appeal.step(
        stamp(answered_on, now),
        "staff",
        body.reviewer,
        "decide",
        reasoning,
    );
    let escalate_until = body
        .terms
        .profile
        .escalate_by(answered_on, &body.terms.calendar)
        .due;
    appeal.escalate_until = Some(escalate_until);
    if rng.gen_bool(0.08) {
        let escalated_on = answered_on + Duration::days(rng.gen_range(1..=20));
        let finding_on = escalated_on + Duration::days(rng.gen_range(10..=40));
        if escalated_on <= today {
            appeal.state = "escalated";
            appeal.step(
                stamp(escalated_on, now),
                "citizen",
                None,
                "escalate",
                ESCALATION,
            );
            if finding_on <= today {
                let at = stamp(finding_on, now);
                if rng.gen_bool(0.7) {
                    appeal.finding = Some("outcome_stands");
                    appeal.step(at, "ombudsman", ombudsman, "ombudsman_finding", STANDS);
                    appeal.state = "closed";
                    appeal.close_reason = Some("ombudsman_finding_final");
                    appeal.step(at, "system", None, "close", "");
                } else {
                    appeal.finding = Some("recommend_reconsideration");
                    appeal.state = "resolved";
                    appeal.step(at, "ombudsman", ombudsman, "ombudsman_finding", RECONSIDER);
                }
            }
            return Ok(appeal);
        }
    }
    if escalate_until < today {
        let accepted = rng.gen_bool(0.35);
        let on = if accepted {
            answered_on + Duration::days(rng.gen_range(1..=10))
        } else {
            escalate_until + Duration::days(1)
        };
        appeal.state = "closed";
        appeal.close_reason = Some(if accepted {
            "citizen_accepted"
        } else {
            "escalation_window_passed"
        });
        let author = if accepted { "citizen" } else { "system" };
        appeal.step(stamp(on, now), author, None, "close", "");
    } else if rng.gen_bool(0.5) {
        let on = (answered_on + Duration::days(rng.gen_range(1..=10))).min(today);
        appeal.state = "closed";
        appeal.close_reason = Some("citizen_accepted");
        appeal.step(stamp(on, now), "citizen", None, "close", "");
    }
    Ok(appeal)
}

/// One ground, sometimes two; a data error names one of the decision's factors.
fn draw_grounds(
    weights: &WeightedIndex<u32>,
    factor_keys: &[String],
    rng: &mut StdRng,
) -> (Grounds, &'static str) {
    let first = weights.sample(rng);
    let mut kinds = vec![GROUNDS[first].0];
    if rng.gen_bool(0.2) {
        kinds.push(GROUNDS[weights.sample(rng)].0);
    }
    kinds.sort();
    kinds.dedup();
    let factors = if kinds.contains(&GroundKind::DataError) && !factor_keys.is_empty() {
        vec![ChallengedFactor {
            key: factor_keys[rng.gen_range(0..factor_keys.len())].clone(),
            correct_value: "see my certificate".into(),
            why: "The record the system used is out of date.".into(),
        }]
    } else {
        Vec::new()
    };
    (Grounds { kinds, factors }, GROUNDS[first].2)
}

/// Inserts the appeals and their histories, records overturns on their decisions and writes
/// the appeals' statistics rows. Call inside a transaction.
fn store(
    conn: &mut DbConnection,
    signer: &ReceiptSigner,
    planned: &mut [Appeal],
) -> anyhow::Result<()> {
    for chunk in planned.chunks_mut(APPEALS_PER_STATEMENT) {
        insert_with_fresh_references(conn, signer, chunk)?;
    }
    let mut ids: HashMap<String, i64> = HashMap::with_capacity(planned.len());
    for chunk in planned.chunks(500) {
        let references: Vec<&str> = chunk.iter().map(|a| a.reference.as_str()).collect();
        let rows: Vec<(String, i64)> = appeals::table
            .filter(appeals::reference.eq_any(&references))
            .select((appeals::reference, appeals::id))
            .load(conn)?;
        ids.extend(rows);
    }
    let mut entries = Vec::new();
    let mut corrected: HashMap<&str, Vec<i64>> = HashMap::new();
    let mut appeal_ids = Vec::with_capacity(planned.len());
    for appeal in planned.iter() {
        let id = *ids
            .get(&appeal.reference)
            .ok_or_else(|| anyhow::anyhow!("appeal {} vanished after insert", appeal.reference))?;
        appeal_ids.push(id);
        entries.extend(appeal.entries.iter().map(|e| EntryRow {
            appeal_id: id,
            occurred_at: e.at,
            author: e.author,
            author_user_id: e.author_user_id,
            kind: e.kind,
            visibility: "public",
            body: e.body,
        }));
        if let Some(json) = &appeal.corrected {
            corrected.entry(json).or_default().push(appeal.decision_id);
        }
    }
    for chunk in entries.chunks(ENTRIES_PER_STATEMENT) {
        let statement = diesel::insert_into(appeal_entries::table).values(chunk);
        match conn {
            DbConnection::Sqlite(c) => statement.execute(c)?,
            DbConnection::Pg(c) => statement.execute(c)?,
        };
    }
    for (json, decision_ids) in corrected {
        for chunk in decision_ids.chunks(500) {
            diesel::update(decisions::table.filter(decisions::id.eq_any(chunk)))
                .set(decisions::corrected_outcome_json.eq(json))
                .execute(conn)?;
        }
    }
    refresh_appeals(conn, &appeal_ids)
}

/// Inserts one statement's appeals. References are random (40 bits): a collision with a stored
/// one fails the statement in its savepoint, and it is tried again with new references (and
/// receipts that name them).
fn insert_with_fresh_references(
    conn: &mut DbConnection,
    signer: &ReceiptSigner,
    chunk: &mut [Appeal],
) -> anyhow::Result<()> {
    const ATTEMPTS: usize = 4;
    for attempt in 1..=ATTEMPTS {
        let inserted = write_transaction(conn, |conn| {
            let statement = diesel::insert_into(appeals::table).values(&*chunk);
            match conn {
                DbConnection::Sqlite(c) => statement.execute(c),
                DbConnection::Pg(c) => statement.execute(c),
            }
        });
        match inserted {
            Ok(_) => return Ok(()),
            Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _))
                if attempt < ATTEMPTS =>
            {
                for appeal in chunk.iter_mut() {
                    appeal.reference = AppealReference::generate().as_str().to_string();
                    appeal.claims.appeal = appeal.reference.clone();
                    appeal.signed = signer.sign(&appeal.claims)?;
                }
            }
            Err(other) => return Err(other.into()),
        }
    }
    anyhow::bail!("no unused appeal references after {ATTEMPTS} attempts")
}
