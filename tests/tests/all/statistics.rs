//! The redress statistics on both backends: every figure of a known set of appeals checked
//! against a count made here from the raw tables, with this file's own nearest rank, Wilson
//! interval and Katz interval; small counts hidden on every public page and download; a
//! supervisor held to their own state body; systemic review notes seen by their body only.

use app::types::{
    DisparityMeasure, FigureRow, GroupDimension, OutcomeKind, PublicCount, Role, StatsAudience,
    StatsFilters, StatsReport,
};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use diesel::prelude::*;
use server::auth::receipt::ReceiptSigner;
use server::db::schema::{agencies, ai_system_versions, ai_systems, appeals, decisions};
use server::domain::appeal::{CorrectedOutcome, Event, Outcome};
use server::domain::calendar::WorkingCalendar;
use server::domain::local_time::local_date;
use server::services::appeals::claim;
use server::services::appeals::filing::{self, FilingRequest};
use server::services::appeals::steps::{take_step, StepEvent, StepRequest};
use server::services::stats::{self, StatsViewer, Strictness};
use std::collections::BTreeMap;
use tests::appeal_support::{actor_of, citizen_of, staff, version};
use tests::TestApp;

const BODY: &str = "state-revenue";
const OTHER_BODY: &str = "social-benefits";

fn seeded(app: &TestApp) {
    server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
}

/// What happens to one of the appeals this file files.
#[derive(Clone, Copy)]
enum Plan {
    /// Answered `after` calendar days with this outcome.
    Answer(OutcomeKind, i64),
    Withdraw,
    Pending,
}

/// Files and works `count` appeals on the state revenue body's decisions, filed 35 days ago
/// and earlier, on distinct decisions decided before their filing and within the window.
fn file_known_appeals(app: &TestApp, count: usize) {
    let reviewer = staff(app, "reviewer@revenue.test", Role::Reviewer, Some(BODY));
    let signer = ReceiptSigner::from_seed(&app.keys.receipt_seed()).unwrap();
    let now = Utc::now();
    let candidates: Vec<(String, DateTime<Utc>, String)> = decisions::table
        .inner_join(agencies::table)
        .filter(agencies::slug.eq(BODY))
        .filter(decisions::decided_at.lt((now - Duration::days(62)).naive_utc()))
        .filter(decisions::decided_at.gt((now - Duration::days(100)).naive_utc()))
        .order(decisions::reference.asc())
        .select((
            decisions::reference,
            decisions::decided_at,
            decisions::content_json,
        ))
        .limit(count as i64)
        .load::<(String, chrono::NaiveDateTime, String)>(&mut app.db())
        .unwrap()
        .into_iter()
        .map(|(r, at, c)| (r, at.and_utc(), c))
        .collect();
    assert_eq!(candidates.len(), count, "the demo has enough decisions");
    let plans = [
        Plan::Answer(OutcomeKind::Upheld, 3),
        Plan::Answer(OutcomeKind::Overturned, 8),
        Plan::Answer(OutcomeKind::Upheld, 12),
        Plan::Answer(OutcomeKind::PartiallyOverturned, 5),
        Plan::Answer(OutcomeKind::Upheld, 28),
        Plan::Withdraw,
        Plan::Answer(OutcomeKind::Overturned, 1),
        Plan::Pending,
    ];
    for (index, (decision, _, content)) in candidates.iter().enumerate() {
        let filed_at = now - Duration::days(35 + index as i64);
        let doc: serde_json::Value = serde_json::from_str(content).unwrap();
        let factor = doc["factors"][index % 2]["key"]
            .as_str()
            .unwrap()
            .to_string();
        let request = FilingRequest {
            decision_reference: decision.clone(),
            idempotency_key: format!("stats-{index}"),
            grounds: app::types::Grounds {
                kinds: vec![app::types::GroundKind::DataError],
                factors: vec![app::types::ChallengedFactor {
                    key: factor,
                    correct_value: "the right figure".into(),
                    why: "A certificate shows it.".into(),
                }],
            },
            statement: "The figure used is wrong.".into(),
            contact_email: format!("person{index}@example.kz"),
            language: app::i18n::Locale::Ru,
            evidence: Vec::new(),
        };
        let reference = filing::file(&mut app.db(), &signer, &request, filed_at)
            .unwrap()
            .reference;
        let step = |event: Event, who: &server::services::appeals::steps::StepActor, at| {
            let request = StepRequest {
                reference: reference.clone(),
                expected_version: version(app, &reference),
                event: StepEvent::Ready(event),
            };
            take_step(&mut app.db(), who, &request, at).unwrap();
        };
        match plans[index % plans.len()] {
            Plan::Pending => {}
            Plan::Withdraw => step(
                Event::Withdraw { reason: None },
                &citizen_of(decision),
                filed_at + Duration::days(1),
            ),
            Plan::Answer(kind, after) => {
                claim::claim(&mut app.db(), &reviewer, &reference, filed_at).unwrap();
                step(Event::Acknowledge, &actor_of(&reviewer), filed_at);
                let corrected = kind.corrects_decision().then(|| CorrectedOutcome {
                    outcome: "approved".into(),
                    label: "Approved after review".into(),
                });
                step(
                    Event::Decide {
                        outcome: Outcome {
                            kind,
                            reasoning: "Checked against the records.".into(),
                            corrected,
                        },
                    },
                    &actor_of(&reviewer),
                    filed_at + Duration::days(after),
                );
            }
        }
    }
}

/// One appeal as this file counts it, from the raw rows.
struct RawAppeal {
    system: String,
    result: &'static str,
    working_days: Option<u32>,
    due: bool,
    breached: bool,
    escalated: bool,
}

fn raw_appeals(app: &TestApp, today: NaiveDate) -> Vec<RawAppeal> {
    type Row = (
        String,
        String,
        Option<String>,
        NaiveDate,
        Option<NaiveDate>,
        NaiveDate,
        Option<NaiveDate>,
        Option<String>,
        i64,
    );
    let rows: Vec<Row> = appeals::table
        .inner_join(
            decisions::table.inner_join(ai_system_versions::table.inner_join(ai_systems::table)),
        )
        .select((
            ai_systems::slug,
            appeals::state,
            appeals::outcome_json,
            appeals::filed_on,
            appeals::decided_on,
            appeals::decide_by,
            appeals::extended_to,
            appeals::finding,
            appeals::id,
        ))
        .load(&mut app.db())
        .unwrap();
    let calendar = WorkingCalendar::kazakhstan(Vec::new());
    rows.into_iter()
        .map(
            |(
                system,
                state,
                outcome,
                filed_on,
                decided_on,
                decide_by,
                extended_to,
                finding,
                id,
            )| {
                let kind = outcome.map(|json| {
                    serde_json::from_str::<serde_json::Value>(&json).unwrap()["outcome"]["kind"]
                        .as_str()
                        .unwrap()
                        .to_string()
                });
                let before_decision = [
                    "submitted",
                    "under_review",
                    "awaiting_citizen",
                    "pending_approval",
                ]
                .contains(&state.as_str());
                let result = if state == "withdrawn" {
                    "withdrawn"
                } else if before_decision || kind.is_none() {
                    "pending"
                } else {
                    match kind.as_deref() {
                        Some("upheld") => "upheld",
                        Some("overturned") => "overturned",
                        _ => "partially_overturned",
                    }
                };
                let answered = !matches!(result, "pending" | "withdrawn");
                let pauses = server::db::models::appeal::pauses(&mut app.db(), id).unwrap();
                let paused_now = pauses.iter().any(|p| p.until.is_none());
                let working_days = answered.then(|| {
                    let answered_on = decided_on.unwrap();
                    filed_on
                        .iter_days()
                        .skip(1)
                        .take_while(|d| *d <= answered_on)
                        .filter(|d| calendar.is_working_day(*d))
                        .filter(|d| !pauses.iter().any(|p| p.covers(*d)))
                        .count() as u32
                });
                let deadline = extended_to.unwrap_or(decide_by);
                let due = answered || (result == "pending" && !paused_now && deadline < today);
                let breached = (answered && decided_on.unwrap() > deadline)
                    || (result == "pending" && !paused_now && deadline < today);
                RawAppeal {
                    system,
                    result,
                    working_days,
                    due,
                    breached,
                    escalated: state == "escalated" || finding.is_some(),
                }
            },
        )
        .collect()
}

/// The nearest rank: the smallest value with at least `percent` % of values at or below it.
fn nearest_rank(values: &[u32], percent: usize) -> Option<u32> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let rank = (percent * sorted.len()).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

/// The Wilson score interval at 95 %.
fn wilson(x: u64, n: u64) -> (f64, f64) {
    let z = 1.959_963_984_540_054_f64;
    let (x, n) = (x as f64, n as f64);
    let p = x / n;
    let centre = (p + z * z / (2.0 * n)) / (1.0 + z * z / n);
    let half = z / (1.0 + z * z / n) * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt();
    (
        if x == 0.0 {
            0.0
        } else {
            (centre - half).max(0.0)
        },
        if x == n {
            1.0
        } else {
            (centre + half).min(1.0)
        },
    )
}

fn exact(count: PublicCount) -> u64 {
    count.exact().expect("staff figures are exact")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn oversight_report(app: &TestApp, filters: &StatsFilters) -> StatsReport {
    let viewer = StatsViewer::staff(Role::Ombudsman, None).unwrap();
    stats::report(
        &mut app.db(),
        &viewer,
        filters,
        app.settings.stats.today(Utc::now()),
        &app.settings.stats,
        Strictness::Refuse,
    )
    .unwrap()
}

fn row<'a>(rows: &'a [FigureRow], key: &str) -> &'a FigureRow {
    rows.iter()
        .find(|r| r.key == key)
        .unwrap_or_else(|| panic!("no row {key}"))
}

/// A decision's system, time, outcome, region and language.
type DecisionColumns = (
    String,
    chrono::NaiveDateTime,
    String,
    Option<String>,
    Option<String>,
);

/// Decisions per system slug in the months `from` to `to`, counted from the raw rows by local
/// month.
fn raw_decisions(
    app: &TestApp,
    from: NaiveDate,
    to: NaiveDate,
) -> BTreeMap<String, Vec<(String, String, String)>> {
    let rows: Vec<DecisionColumns> = decisions::table
        .inner_join(ai_system_versions::table.inner_join(ai_systems::table))
        .select((
            ai_systems::slug,
            decisions::decided_at,
            decisions::outcome,
            decisions::subject_region,
            decisions::subject_language,
        ))
        .load(&mut app.db())
        .unwrap();
    let mut by_system: BTreeMap<String, Vec<(String, String, String)>> = BTreeMap::new();
    for (system, at, outcome, region, language) in rows {
        let local = local_date(at, "Asia/Almaty");
        let month = local.with_day(1).unwrap();
        if month >= from && month <= to {
            by_system.entry(system).or_default().push((
                outcome,
                region.unwrap_or_default(),
                language.unwrap_or_default(),
            ));
        }
    }
    by_system
}

tests::on_both_backends! {
    async fn every_figure_matches_a_count_of_the_raw_rows(app) {
        seeded(&app);
        file_known_appeals(&app, 24);
        let today = app.settings.stats.today(Utc::now());
        let report = oversight_report(&app, &StatsFilters::default());
        let from = NaiveDate::parse_from_str(&format!("{}-01", report.period.from), "%Y-%m-%d").unwrap();
        let raw = raw_appeals(&app, today);
        let to = NaiveDate::parse_from_str(&format!("{}-01", report.period.to), "%Y-%m-%d").unwrap();
        let raw_decisions = raw_decisions(&app, from, to);
        let mut checked_systems = 0;
        for system in raw_decisions.keys() {
            let mine: Vec<&RawAppeal> = raw.iter().filter(|a| &a.system == system).collect();
            let figures = &row(&report.systems, system).figures;
            let count = |result: &str| mine.iter().filter(|a| a.result == result).count() as u64;
            assert_eq!(exact(figures.decisions), raw_decisions[system].len() as u64, "{system} decisions");
            assert_eq!(exact(figures.appeals), mine.len() as u64, "{system} appeals");
            assert_eq!(exact(figures.upheld), count("upheld"), "{system} upheld");
            assert_eq!(exact(figures.overturned), count("overturned"));
            assert_eq!(exact(figures.partially_overturned), count("partially_overturned"));
            assert_eq!(exact(figures.withdrawn), count("withdrawn"));
            assert_eq!(exact(figures.pending), count("pending"));
            let days: Vec<u32> = mine.iter().filter_map(|a| a.working_days).collect();
            assert_eq!(figures.median_days, nearest_rank(&days, 50), "{system} median");
            assert_eq!(figures.p90_days, nearest_rank(&days, 90), "{system} p90");
            let due = mine.iter().filter(|a| a.due).count() as u64;
            let breached = mine.iter().filter(|a| a.breached).count() as u64;
            assert_eq!(exact(figures.due), due, "{system} due");
            assert_eq!(exact(figures.breaches), breached, "{system} breaches");
            assert_eq!(exact(figures.escalations), mine.iter().filter(|a| a.escalated).count() as u64);
            let decided = (days.len()) as u64;
            let overturned = count("overturned") + count("partially_overturned");
            match figures.overturn_rate {
                Some(rate) => {
                    assert!(close(rate.value, overturned as f64 / decided as f64));
                    let (low, high) = wilson(overturned, decided);
                    assert!(close(rate.low, low) && close(rate.high, high), "{system} interval");
                }
                None => assert_eq!(decided, 0),
            }
            if !mine.is_empty() {
                checked_systems += 1;
            }
        }
        assert!(checked_systems >= 2, "appeals on at least two systems were checked");
        // The known appeals: 24 on the revenue body, in a cycle of 8 plans.
        let body = &row(&report.agencies, BODY).figures;
        assert_eq!(exact(body.appeals), 24);
        assert_eq!(exact(body.withdrawn), 3);
        assert_eq!(exact(body.pending), 3);
        assert_eq!(exact(body.overturned), 6);
        assert_eq!(exact(body.partially_overturned), 3);
        assert_eq!(exact(body.upheld), 9);
        // The grounds and factors: all 24 named a data error and one factor.
        let ground = report.breakdowns.grounds.iter().find(|g| g.key == "data_error").unwrap();
        assert!(exact(ground.count) >= 24);

        // The disparity monitor: every group of every system on each decision outcome.
        let mut compared = 0;
        for table in &report.disparities {
            let DisparityMeasure::Outcome { code } = &table.measure else { continue };
            let cells = &raw_decisions[&table.system];
            let group_of = |c: &(String, String, String)| match table.dimension {
                GroupDimension::Region => c.1.clone(),
                GroupDimension::Language => c.2.clone(),
            };
            for group in &table.rows {
                let in_group: Vec<_> = cells.iter().filter(|c| group_of(c) == group.group).collect();
                let rest: Vec<_> = cells
                    .iter()
                    .filter(|c| !group_of(c).is_empty() && group_of(c) != group.group)
                    .collect();
                let a = in_group.iter().filter(|c| &c.0 == code).count() as f64;
                let n1 = in_group.len() as f64;
                let c = rest.iter().filter(|c| &c.0 == code).count() as f64;
                let n2 = rest.len() as f64;
                assert_eq!(exact(group.total), n1 as u64, "{} {} total", table.system, group.group);
                if n1 < 10.0 || n2 < 10.0 || a == 0.0 || c == 0.0 {
                    continue;
                }
                let ratio = (a / n1) / (c / n2);
                let se = (1.0 / a - 1.0 / n1 + 1.0 / c - 1.0 / n2).sqrt();
                let z = 1.959_963_984_540_054_f64;
                let (low, high) = ((ratio.ln() - z * se).exp(), (ratio.ln() + z * se).exp());
                assert!(close(group.ratio.unwrap(), ratio), "ratio of {} on {code}", group.group);
                let (l, h) = group.interval.unwrap();
                assert!(close(l, low) && close(h, high), "interval of {} on {code}", group.group);
                assert_eq!(group.reading.is_flagged(), low > 1.0 || high < 1.0);
                compared += 1;
            }
        }
        assert!(compared >= 10, "groups were compared: {compared}");
        let system = report.systems.iter().find(|r| r.agency.as_deref() == Some(BODY)).unwrap().key.clone();

        // The API gives the same figures to the body's own client.
        let token = app.api_token(BODY, "stats:read").await;
        let body_json: serde_json::Value = app
            .new_client()
            .get(app.url("/api/v1/stats?group_by=system"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let api_row = body_json["rows"].as_array().unwrap().iter().find(|r| r["key"] == system.as_str()).unwrap();
        assert_eq!(api_row["figures"]["appeals"], serde_json::json!(exact(row(&report.systems, &system).figures.appeals)));
        assert_eq!(body_json["total"]["appeals"], serde_json::json!(24));
    }

    async fn public_figures_never_show_a_count_under_the_threshold(app) {
        seeded(&app);
        file_known_appeals(&app, 8);
        let client = app.new_client();
        let mut suppressed_seen = 0;
        for table in ["agencies", "systems", "months", "grounds", "factors", "findings", "disparities"] {
            let response = client.get(app.url(&format!("/stats/export/{table}.csv"))).send().await.unwrap();
            assert_eq!(response.status(), 200, "{table}.csv");
            let text = response.text().await.unwrap();
            let rows = tests::csv_rows(&text);
            let header = &rows[0];
            for line in &rows[1..] {
                for (column, cell) in header.iter().zip(line) {
                    let is_count = ["decisions", "appeals", "decided", "upheld", "overturned",
                        "partially_overturned", "withdrawn", "pending", "due", "breaches",
                        "escalations", "total", "with_outcome"].contains(&column.as_str());
                    if !is_count { continue; }
                    if cell == "<10" { suppressed_seen += 1; continue; }
                    let n: u64 = cell.parse().unwrap_or_else(|_| panic!("{table}.{column}: {cell}"));
                    assert!(n >= 10, "{table}.{column} shows {n}");
                }
            }
            let json: serde_json::Value = client
                .get(app.url(&format!("/stats/export/{table}.json")))
                .send().await.unwrap().json().await.unwrap();
            assert_eq!(json["audience"], "public");
            let text = json.to_string();
            for n in 0..10 {
                for key in ["\"appeals\":", "\"withdrawn\":", "\"pending\":", "\"breaches\":"] {
                    assert!(!text.contains(&format!("{key}{n},")) && !text.contains(&format!("{key}{n}}}")),
                        "{table}.json shows {key}{n}");
                }
            }
        }
        assert!(suppressed_seen > 0, "small counts exist and were suppressed");
        let page = app.get_html("/stats").await;
        assert!(page.contains("10"), "the page states the threshold");
        // The exact report has counts under 10 that the public one hid.
        let exact_report = oversight_report(&app, &StatsFilters::default());
        assert!(exact_report.systems.iter().any(|r| matches!(r.figures.appeals, PublicCount::Exact(n) if n > 0 && n < 10)));
    }

    async fn a_supervisor_sees_only_their_own_state_body(app) {
        seeded(&app);
        file_known_appeals(&app, 8);
        staff(&app, "supervisor@revenue.test", Role::Supervisor, Some(BODY));
        let client = app.signed_in_client("supervisor@revenue.test", tests::appeal_support::STAFF_PASSWORD).await;
        let csv = client
            .get(app.url(&format!("/staff/stats/export/agencies.csv?agency={OTHER_BODY}")))
            .send().await.unwrap().text().await.unwrap();
        assert!(csv.contains(BODY));
        assert!(!csv.contains(OTHER_BODY), "another body's row: {csv}");
        let systems = client.get(app.url("/staff/stats/export/systems.json")).send().await.unwrap();
        let systems: serde_json::Value = systems.json().await.unwrap();
        assert_eq!(systems["audience"], "agency");
        for row in systems["rows"].as_array().unwrap() {
            assert_eq!(row["agency"], BODY);
        }
        let page = client.get(app.url("/staff/stats")).send().await.unwrap().text().await.unwrap();
        assert!(!page.contains("social-benefits"), "the dashboard names another body");
        // The body's API client cannot ask for another body.
        let token = app.api_token(BODY, "stats:read").await;
        let refused = app.new_client()
            .get(app.url(&format!("/api/v1/stats?agency={OTHER_BODY}")))
            .bearer_auth(&token).send().await.unwrap();
        assert_eq!(refused.status(), 422);
        let problem: serde_json::Value = refused.json().await.unwrap();
        assert_eq!(problem["details"][0]["field"], "agency");
        // A reviewer has no statistics.
        staff(&app, "reviewer2@revenue.test", Role::Reviewer, Some(BODY));
        let reviewer = app.signed_in_client("reviewer2@revenue.test", tests::appeal_support::STAFF_PASSWORD).await;
        let denied = reviewer.get(app.url("/staff/stats/export/agencies.csv")).send().await.unwrap();
        assert_eq!(denied.status(), 404);
        let viewer = StatsViewer::staff(Role::Supervisor, Some(agency_id(&app, BODY))).unwrap();
        assert_eq!(viewer.audience, StatsAudience::Agency);
    }

    async fn a_systemic_review_note_reaches_its_state_body_only(app) {
        seeded(&app);
        staff(&app, "ombudsman@office.test", Role::Ombudsman, None);
        staff(&app, "supervisor@revenue.test", Role::Supervisor, Some(BODY));
        staff(&app, "supervisor@benefits.test", Role::Supervisor, Some(OTHER_BODY));
        let system: String = ai_systems::table
            .inner_join(agencies::table)
            .filter(agencies::slug.eq(BODY))
            .select(ai_systems::slug)
            .first(&mut app.db())
            .unwrap();
        let ombudsman = app.signed_in_client("ombudsman@office.test", tests::appeal_support::STAFF_PASSWORD).await;
        let page = ombudsman.get(app.url("/staff/stats")).send().await.unwrap().text().await.unwrap();
        let csrf = tests::hidden_value(&page, "csrf_token").expect("a form on the dashboard");
        let empty = ombudsman
            .post(app.url("/staff/stats/reviews"))
            .form(&[("csrf_token", csrf.as_str()), ("system", system.as_str()), ("note", "  "), ("return_to", "/staff/stats")])
            .send().await.unwrap();
        assert!(empty.url().path().starts_with("/staff/stats"));
        let note = "Overturns of this system doubled since its last version; please review the income rule.";
        ombudsman
            .post(app.url("/staff/stats/reviews"))
            .form(&[("csrf_token", csrf.as_str()), ("system", system.as_str()), ("note", note), ("return_to", "/staff/stats")])
            .send().await.unwrap();
        let mine = app.signed_in_client("supervisor@revenue.test", tests::appeal_support::STAFF_PASSWORD).await;
        let mine = mine.get(app.url("/staff/stats")).send().await.unwrap().text().await.unwrap();
        assert!(mine.contains("please review the income rule"), "the body sees the note");
        let other = app.signed_in_client("supervisor@benefits.test", tests::appeal_support::STAFF_PASSWORD).await;
        let other = other.get(app.url("/staff/stats")).send().await.unwrap().text().await.unwrap();
        assert!(!other.contains("please review the income rule"), "another body does not");
        let count: i64 = server::db::schema::systemic_reviews::table.count().get_result(&mut app.db()).unwrap();
        assert_eq!(count, 1, "the blank note was refused");
    }
}

fn agency_id(app: &TestApp, slug: &str) -> i64 {
    agencies::table
        .filter(agencies::slug.eq(slug))
        .select(agencies::id)
        .first(&mut app.db())
        .unwrap()
}
