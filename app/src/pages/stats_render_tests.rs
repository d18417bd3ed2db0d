//! The statistics pages rendered from a sample report: suppressed counts in words, withheld
//! rates as a dash with their reason (never a zero), the review form only for the Human Rights
//! Commissioner's office, downloads carrying the filters, the charts' text alternatives and
//! the disparity monitor's sentences.

use super::render_support::{context, render, text};
use super::stats::StatsView;
use crate::context::PageContext;
use crate::i18n::Locale;
use crate::types::*;
use leptos::prelude::*;
use std::collections::BTreeMap;

fn rate(value: f64) -> Option<RateFigure> {
    Some(RateFigure {
        value,
        low: value * 0.8,
        high: value * 1.2,
    })
}

fn figures(decisions: PublicCount, appeals: PublicCount, overturn: Option<RateFigure>) -> Figures {
    let exact = PublicCount::Exact;
    Figures {
        decisions,
        appeals,
        appeal_rate: rate(0.0234),
        decided: exact(40),
        upheld: exact(28),
        overturned: exact(8),
        partially_overturned: PublicCount::FewerThan(10),
        withdrawn: PublicCount::FewerThan(10),
        pending: exact(12),
        overturn_rate: overturn,
        median_days: Some(9),
        p90_days: Some(14),
        due: exact(45),
        breaches: exact(11),
        breach_rate: rate(0.244),
        escalations: exact(10),
        escalation_rate: rate(0.25),
    }
}

fn row(key: &str, label: &str, agency: Option<&str>, f: Figures) -> FigureRow {
    FigureRow {
        key: key.into(),
        label: text(label),
        agency: agency.map(Into::into),
        figures: f,
    }
}

fn choice(slug: &str, name: &str, agency: Option<&str>) -> StatsChoice {
    StatsChoice {
        slug: slug.into(),
        name: text(name),
        agency: agency.map(Into::into),
    }
}

fn counted(key: &str, count: PublicCount) -> Vec<CountRow> {
    vec![CountRow {
        key: key.into(),
        count,
    }]
}

fn report(audience: StatsAudience) -> StatsReport {
    let (exact, few) = (PublicCount::Exact, PublicCount::FewerThan(10));
    let full = figures(exact(12_400), exact(47), rate(0.30));
    let (sb, scoring) = (Some("social-benefits"), "Benefit scoring");
    StatsReport {
        audience,
        threshold: 10,
        filters: StatsFilters {
            agency: Some("social-benefits".into()),
            system: None,
            from: Some("2025-12".into()),
            to: Some("2026-02".into()),
        },
        period: StatsPeriod {
            from: "2025-12".into(),
            to: "2026-02".into(),
            previous_from: "2025-09".into(),
            previous_to: "2025-11".into(),
        },
        agencies_available: vec![
            choice("social-benefits", "Social Benefits Agency", None),
            choice("state-revenue", "State Revenue Committee", None),
        ],
        systems_available: vec![choice("benefit-scoring", scoring, sb)],
        headline: full.clone(),
        previous: Figures {
            overturn_rate: rate(0.269),
            median_days: Some(11),
            ..full.clone()
        },
        agencies: vec![row(
            "social-benefits",
            "Social Benefits Agency",
            None,
            full.clone(),
        )],
        systems: vec![
            row("benefit-scoring", scoring, sb, full.clone()),
            row(
                "housing-queue",
                "Housing queue",
                sb,
                figures(exact(120), few, None),
            ),
        ],
        versions: Vec::new(),
        months: vec![
            row("2025-12", "2025-12", None, full.clone()),
            row("2026-01", "2026-01", None, figures(exact(600), few, None)),
            row("2026-02", "2026-02", None, full.clone()),
        ],
        breakdowns: Breakdowns {
            grounds: counted("data_error", exact(31)),
            factors: counted("monthly_income", exact(12)),
            findings: counted("outcome_stands", few),
        },
        disparities: vec![DisparityTable {
            system: "benefit-scoring".into(),
            system_name: text(scoring),
            dimension: GroupDimension::Language,
            measure: DisparityMeasure::Outcome {
                code: "denied".into(),
            },
            rows: vec![
                DisparityRow {
                    group: "ru".into(),
                    total: exact(800),
                    with_outcome: exact(240),
                    rate: Some(0.30),
                    rest_rate: Some(0.1667),
                    ratio: Some(1.8),
                    interval: Some((1.5, 2.2)),
                    reading: GroupReading::Higher { ratio: 1.8 },
                },
                DisparityRow {
                    group: "en".into(),
                    total: few,
                    with_outcome: few,
                    rate: None,
                    rest_rate: None,
                    ratio: None,
                    interval: None,
                    reading: GroupReading::Hidden,
                },
            ],
        }],
        concerns: Vec::new(),
        reviews: Vec::new(),
    }
}

fn staff_report() -> StatsReport {
    let mut report = report(StatsAudience::Oversight);
    report.concerns = vec![ConcernRow {
        system: "benefit-scoring".into(),
        system_name: text("Benefit scoring"),
        agency: "social-benefits".into(),
        reasons: vec![ConcernReason::Overturn {
            rate: 0.30,
            others_rate: 0.12,
            numerator: 12,
            denominator: 40,
            z: 3.1,
        }],
    }];
    report.reviews = vec![ReviewNote {
        id: 1,
        system: "benefit-scoring".into(),
        system_name: text("Benefit scoring"),
        agency: "social-benefits".into(),
        note: "Look at the income threshold".into(),
        opened_by: "Aliya Commissioner".into(),
        opened_at: "2026-03-03T09:14:05Z".into(),
    }];
    report
}

fn staff(locale: Locale, role: Role, flash: Option<Flash>) -> PageContext {
    PageContext {
        staff: Some(StaffIdentity {
            email: "o@ombudsman.kz".into(),
            display_name: "Aliya".into(),
            role,
            agency_slug: None,
        }),
        ..context(locale, flash)
    }
}

fn page(context: PageContext, report: StatsReport) -> String {
    render(context, move || view! { <StatsView report /> }.into_any())
}

fn assert_all(html: &str, needles: &[&str]) {
    for needle in needles {
        assert!(html.contains(needle), "missing {needle} in {html}");
    }
}

#[test]
fn suppressed_counts_say_fewer_than_the_threshold_in_the_readers_language() {
    let html = page(context(Locale::En, None), report(StatsAudience::Public));
    assert_all(
        &html,
        &[
            r#"<span class="suppressed">fewer than 10</span>"#,
            "Counts under 10 are shown as “fewer than 10”",
        ],
    );
    let html = page(context(Locale::Ru, None), report(StatsAudience::Public));
    assert!(
        html.contains(r#"<span class="suppressed">менее 10</span>"#),
        "{html}"
    );
    let html = page(context(Locale::Kk, None), report(StatsAudience::Public));
    assert!(
        html.contains(r#"<span class="suppressed">10-нан аз</span>"#),
        "{html}"
    );
}

#[test]
fn a_withheld_rate_is_a_dash_with_its_reason_and_never_zero() {
    let html = page(context(Locale::En, None), report(StatsAudience::Public));
    let withheld = "withheld: built on a count under 10";
    assert_all(
        &html,
        &[&format!(
            r#"<span title="{withheld}" class="withheld"><span aria-hidden="true">—</span><span class="visually-hidden">{withheld}</span></span>"#
        )],
    );
    // The housing queue's overturn rate is withheld: its row has no percentage at all.
    let housing = html.split("Housing queue").nth(2).unwrap_or_default();
    let housing_row = housing.split("</tr>").next().unwrap_or_default();
    assert!(housing_row.contains(withheld), "{housing_row}");
    assert!(!housing_row.contains("0.0%"), "{housing_row}");
    assert!(!housing_row.contains(">0<"), "{housing_row}");

    let html = page(staff(Locale::En, Role::Ombudsman, None), staff_report());
    assert!(
        html.contains(r#"title="no data""#),
        "staff figures say there is no data"
    );
    assert!(!html.contains(withheld));
}

#[test]
fn exact_counts_rates_and_changes_are_written_in_the_readers_way() {
    let html = page(context(Locale::En, None), report(StatsAudience::Public));
    assert_all(
        &html,
        &[
            "12,400",
            "30.0%",
            "23.4",
            "+3.1 points",
            "\u{2212}2 working days",
            "9 working days",
            "December 2025",
            "Information about me is wrong",
            "monthly_income",
            "The state body's decision on the appeal stands",
        ],
    );
    let html = page(context(Locale::Ru, None), report(StatsAudience::Public));
    assert_all(&html, &["12\u{a0}400", "30,0\u{a0}%", "+3,1 п.\u{a0}п."]);
}

#[test]
fn the_review_form_is_for_the_commissioners_office_only() {
    let html = page(staff(Locale::En, Role::Ombudsman, None), staff_report());
    assert_all(
        &html,
        &[
            r#"action="/staff/stats/reviews""#,
            r#"method="post""#,
            r#"name="csrf_token" value="csrf-123""#,
            r#"name="system" value="benefit-scoring""#,
            r#"name="return_to" value="/staff/stats?agency=social-benefits&amp;from=2025-12&amp;to=2026-02""#,
            r#"name="note""#,
            r#"maxlength="4000""#,
            "required",
            "What should the state body look at?",
            "Open a systemic review",
            "Systems of concern",
            "Overturn rate 30.0%, against 12.0% for the other systems",
            "Look at the income threshold",
            "Opened by Aliya Commissioner on 3 March 2026",
        ],
    );
    let supervisor = page(staff(Locale::En, Role::Supervisor, None), staff_report());
    assert!(supervisor.contains("Systems of concern"));
    assert!(
        !supervisor.contains("/staff/stats/reviews"),
        "a supervisor reads, not opens"
    );
    let public = page(context(Locale::En, None), report(StatsAudience::Public));
    assert!(!public.contains("/staff/stats/reviews"));
    assert!(!public.contains("Systems of concern"));
}

#[test]
fn a_refused_note_comes_back_into_its_form_with_the_error() {
    let flash = Flash {
        form: "systemic_review".into(),
        values: BTreeMap::from([
            ("note".to_string(), String::new()),
            ("system".to_string(), "benefit-scoring".to_string()),
        ]),
        errors: vec![FieldError {
            field: "note".into(),
            code: FormError::FieldRequired,
        }],
        notice: None,
    };
    let html = page(
        staff(Locale::En, Role::Ombudsman, Some(flash)),
        staff_report(),
    );
    assert_all(
        &html,
        &[
            r#"class="error-summary""#,
            r##"href="#note""##,
            r#"id="note""#,
            r#"id="note-error" class="field-error""#,
            r#"<details open class="action-step review-step">"#,
            r#"aria-invalid="true""#,
        ],
    );
    let opened = Flash {
        form: "systemic_review".into(),
        notice: Some(Notice::ReviewOpened),
        ..Flash::default()
    };
    let html = page(
        staff(Locale::En, Role::Ombudsman, Some(opened)),
        staff_report(),
    );
    assert!(html.contains("The systemic review note is open."), "{html}");
}

#[test]
fn downloads_and_drill_downs_carry_the_filters() {
    let html = page(context(Locale::En, None), report(StatsAudience::Public));
    assert_all(
        &html,
        &[
            r#"href="/stats/export/agencies.csv?agency=social-benefits&amp;from=2025-12&amp;to=2026-02""#,
            r#"href="/stats/export/months.json?agency=social-benefits&amp;from=2025-12&amp;to=2026-02""#,
            r#"href="/stats/export/disparities.csv?"#,
            r#"href="/stats?agency=social-benefits&amp;from=2025-12&amp;to=2026-02""#,
            r#"href="/stats?system=benefit-scoring&amp;from=2025-12&amp;to=2026-02""#,
            r#"<form method="get" action="/stats""#,
            r#"type="month""#,
            r#"name="from" value="2025-12""#,
            r#"name="to" value="2026-02""#,
            r#"<option value="social-benefits" selected"#,
        ],
    );
    let html = page(staff(Locale::En, Role::Admin, None), staff_report());
    assert!(html.contains(r#"href="/staff/stats/export/systems.csv?agency=social-benefits"#));
    assert!(html.contains(r#"href="/staff/stats/export/concerns.csv?"#));
}

#[test]
fn charts_have_a_text_alternative_and_leave_gaps_for_hidden_months() {
    let html = page(context(Locale::En, None), report(StatsAudience::Public));
    assert_all(
        &html,
        &[
            r#"role="img""#,
            r#"aria-labelledby="chart-appeals-title chart-appeals-desc""#,
            r#"<title id="chart-appeals-title">Appeals per month</title>"#,
            r#"<title id="chart-overturns-title">Overturn rate per month</title>"#,
            r#"<title id="chart-systems-title">Overturn rate by automated system</title>"#,
        ],
    );
    // January's appeals are suppressed: the line breaks around it and no point is drawn there.
    let appeals = html.split("chart-appeals-desc").nth(2).unwrap_or_default();
    let appeals = appeals.split("</svg>").next().unwrap_or_default();
    assert_eq!(appeals.matches("<circle").count(), 2, "{appeals}");
    let line = appeals
        .split(r#"<path d=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default();
    assert_eq!(line.matches('M').count(), 2, "two runs of the line: {line}");
}

#[test]
fn the_disparity_monitor_says_what_a_flagged_difference_means() {
    let html = page(context(Locale::En, None), report(StatsAudience::Public));
    assert_all(
        &html,
        &[
            "Disparity monitor",
            "Decisions with the outcome “denied” are 1.8 times as frequent for applicants addressed in Russian as for the other applicants of this system; the difference is unlikely to be chance.",
            "1.8 (1.50–2.20)",
            "Too few to compare",
            "English",
            r#"class="row-flagged""#,
        ],
    );
    let html = page(context(Locale::Ru, None), report(StatsAudience::Public));
    assert!(html.contains("в 1,8 раза чаще"), "{html}");
}

#[test]
fn the_tables_sort_by_a_column_chosen_in_the_address() {
    let mut report = report(StatsAudience::Public);
    let sb = Some("social-benefits");
    let (exact, few) = (PublicCount::Exact, PublicCount::FewerThan(10));
    report.systems = vec![
        row(
            "housing-queue",
            "Housing queue",
            sb,
            figures(exact(120), few, None),
        ),
        row(
            "benefit-scoring",
            "Benefit scoring",
            sb,
            figures(exact(900), exact(40), rate(0.30)),
        ),
        row(
            "tax-risk",
            "Tax risk",
            sb,
            figures(exact(500), exact(30), rate(0.55)),
        ),
    ];
    let html = render(context(Locale::En, None), move || {
        view! { <StatsView report sort=Some("overturn_rate".to_string()) /> }.into_any()
    });
    let systems = html
        .split(r#"id="stats-systems""#)
        .nth(1)
        .unwrap_or_default();
    let systems = systems.split("</table>").next().unwrap_or_default();
    let at = |slug: &str| {
        systems
            .find(&format!("?system={slug}&amp;"))
            .unwrap_or_else(|| panic!("no {slug} row in {systems}"))
    };
    assert!(at("tax-risk") < at("benefit-scoring"), "{systems}");
    assert!(at("benefit-scoring") < at("housing-queue"), "{systems}");
    assert_all(
        systems,
        &[
            r#"<th scope="col" aria-sort="descending" class="numeric"><a href="/stats?agency=social-benefits&amp;from=2025-12&amp;to=2026-02&amp;sort=overturn_rate#stats-systems">Overturn rate</a></th>"#,
            r#"<th scope="col"><a href="/stats?agency=social-benefits&amp;from=2025-12&amp;to=2026-02&amp;sort=name#stats-systems">"#,
        ],
    );
    assert_eq!(systems.matches("aria-sort").count(), 1, "{systems}");
    // The months stay in calendar order, their headers plain words.
    let months = html
        .split(r#"id="stats-months""#)
        .nth(1)
        .unwrap_or_default();
    let months = months.split("</table>").next().unwrap_or_default();
    assert!(
        !months.contains("aria-sort") && !months.contains("#stats-months"),
        "{months}"
    );
    let rows = months.split("<tbody>").nth(1).unwrap_or_default();
    let (dec, jan) = (rows.find("2025-12"), rows.find("2026-01"));
    assert!(dec.is_some() && dec < jan, "{rows}");
}
