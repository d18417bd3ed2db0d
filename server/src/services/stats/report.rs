//! The statistics report: every figure a dashboard, the public page, an export or the API
//! shows, for one viewer and one set of filters. A state body's supervisor is held to their
//! own body here, in the query's filter, whatever the filters ask (docs/statistics.md).

use super::catalogue::{same_in_every_language, version_label, Catalogue};
use super::disparity_tables::{disparity_reasons, disparity_tables};
use super::period::{month_key, read_period, Period};
use super::reviews;
use super::rollup::{figures, Publish, Tally};
use crate::config::StatsSettings;
use crate::db::models::figures::{
    self as stored, AnswerDaysGroup, AppealGroup, DecisionGroup, FigureFilter, LateOpenGroup,
};
use crate::db::DbConnection;
use crate::domain::stats::{systems_of_concern, Measure, SystemCounts};
use crate::services::error::{problem, ServiceError};
use app::types::{
    Breakdowns, ConcernReason, ConcernRow, CountRow, FigureRow, FindingKind, Role, StatsAudience,
    StatsFilters, StatsPeriod, StatsReport,
};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The most challenged factors a report lists.
const TOP_FACTORS: usize = 10;

/// Who reads the report: the public, an ombudsman or admin, or a state body's supervisor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatsViewer {
    pub audience: StatsAudience,
    /// The one body a supervisor sees.
    pub agency_id: Option<i64>,
}

impl StatsViewer {
    pub fn public() -> StatsViewer {
        StatsViewer {
            audience: StatsAudience::Public,
            agency_id: None,
        }
    }

    /// A staff member's reach; reviewers have no statistics (`NotFound`).
    pub fn staff(role: Role, agency_id: Option<i64>) -> Result<StatsViewer, ServiceError> {
        match (role, agency_id) {
            (Role::Ombudsman | Role::Admin, _) => Ok(StatsViewer {
                audience: StatsAudience::Oversight,
                agency_id: None,
            }),
            (Role::Supervisor, Some(agency_id)) => Ok(StatsViewer {
                audience: StatsAudience::Agency,
                agency_id: Some(agency_id),
            }),
            _ => Err(ServiceError::NotFound),
        }
    }

    fn publish(&self, settings: &StatsSettings) -> Publish {
        match self.audience {
            StatsAudience::Public => Publish::Suppressed {
                threshold: settings.suppression_threshold,
            },
            StatsAudience::Oversight | StatsAudience::Agency => Publish::Exact,
        }
    }
}

/// How filters that cannot be read are treated: refused (the API) or left out (pages, where
/// a hand-edited address should still show figures).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    Refuse,
    LeaveOut,
}

/// The report for `viewer` under `filters`, counting breaches as of `today`.
pub fn report(
    conn: &mut DbConnection,
    viewer: &StatsViewer,
    filters: &StatsFilters,
    today: NaiveDate,
    settings: &StatsSettings,
    strictness: Strictness,
) -> Result<StatsReport, ServiceError> {
    let catalogue = Catalogue::load(conn, viewer.agency_id)?;
    let (period, agency_id, system_id, problems) = read_filters(&catalogue, filters, today);
    if strictness == Strictness::Refuse && !problems.is_empty() {
        return Err(ServiceError::Invalid(problems));
    }
    let agency_id = viewer.agency_id.or(agency_id);
    let publish = viewer.publish(settings);
    let previous = period.previous();
    let wide = FigureFilter {
        from_month: previous.from,
        to_month: period.to,
        agency_id,
        system_id,
    };
    let current = FigureFilter {
        from_month: period.from,
        ..wide
    };
    let grouped = Grouped {
        appeals: stored::appeal_groups(conn, &wide)?,
        late_open: stored::late_open_groups(conn, &wide, today)?,
        answer_days: stored::answer_days(conn, &wide)?,
        decisions: stored::decision_groups(conn, &wide)?,
    };
    let tags = stored::tag_counts(conn, &current)?;
    let decision_cells = stored::decision_cells(conn, &current)?;
    let appeal_cells = stored::appeal_cells(conn, &current)?;

    let slices = Slices::add_up(&period, &grouped);
    let threshold = settings.suppression_threshold;
    let disparities = disparity_tables(
        &catalogue,
        &decision_cells,
        &appeal_cells,
        threshold,
        publish,
    );
    let oversight = viewer.audience != StatsAudience::Public;
    let concerns = if oversight {
        concern_rows(
            &catalogue,
            &slices,
            &disparities,
            settings.concern_min_appeals,
        )
    } else {
        Vec::new()
    };
    let reviews = if oversight {
        reviews::list(conn, viewer.agency_id, &catalogue)?
    } else {
        Vec::new()
    };
    let rows_of = |keys: &BTreeMap<i64, Tally>, row: &dyn Fn(i64, &Tally) -> Option<FigureRow>| {
        keys.iter()
            .filter_map(|(id, t)| row(*id, t))
            .collect::<Vec<_>>()
    };
    let agencies = catalogue
        .bodies
        .iter()
        .filter(|b| agency_id.is_none_or(|id| id == b.id))
        .map(|b| FigureRow {
            key: b.slug.clone(),
            label: b.name.clone(),
            agency: None,
            figures: figures(
                slices.agencies.get(&b.id).unwrap_or(&Tally::default()),
                publish,
            ),
        })
        .collect();
    let systems = catalogue
        .systems
        .iter()
        .filter(|s| agency_id.is_none_or(|id| id == s.agency_id))
        .filter(|s| system_id.is_none_or(|id| id == s.id))
        .map(|s| FigureRow {
            key: s.slug.clone(),
            label: s.name.clone(),
            agency: Some(s.agency_slug.clone()),
            figures: figures(
                slices.systems.get(&s.id).unwrap_or(&Tally::default()),
                publish,
            ),
        })
        .collect();
    let versions = match system_id.and_then(|id| catalogue.system(id)) {
        Some(system) => rows_of(&slices.versions, &|version_id, tally| {
            let number = *system.versions.get(&version_id)?;
            Some(FigureRow {
                key: format!("{}@{number}", system.slug),
                label: version_label(&system.name, number),
                agency: Some(system.agency_slug.clone()),
                figures: figures(tally, publish),
            })
        }),
        None => Vec::new(),
    };
    let months = period
        .each_month()
        .into_iter()
        .map(|month| {
            let key = month_key(month);
            FigureRow {
                label: same_in_every_language(&key),
                key,
                agency: None,
                figures: figures(
                    slices.months.get(&month).unwrap_or(&Tally::default()),
                    publish,
                ),
            }
        })
        .collect();
    Ok(StatsReport {
        audience: viewer.audience,
        threshold,
        filters: StatsFilters {
            agency: agency_id
                .and_then(|id| catalogue.body(id))
                .map(|b| b.slug.clone()),
            system: system_id
                .and_then(|id| catalogue.system(id))
                .map(|s| s.slug.clone()),
            from: Some(month_key(period.from)),
            to: Some(month_key(period.to)),
        },
        period: StatsPeriod {
            from: month_key(period.from),
            to: month_key(period.to),
            previous_from: month_key(previous.from),
            previous_to: month_key(previous.to),
        },
        agencies_available: catalogue.body_choices(),
        systems_available: catalogue.system_choices(),
        headline: figures(&slices.current, publish),
        previous: figures(&slices.previous, publish),
        agencies,
        systems,
        versions,
        months,
        breakdowns: breakdowns(&tags, &slices.current, publish),
        disparities,
        concerns,
        reviews,
    })
}

/// The period and the body and system the filters name, with the problems of those that
/// cannot be read (left out of the result).
fn read_filters(
    catalogue: &Catalogue,
    filters: &StatsFilters,
    today: NaiveDate,
) -> (
    Period,
    Option<i64>,
    Option<i64>,
    Vec<crate::domain::validator::Problem>,
) {
    let mut problems = Vec::new();
    let period = read_period(filters, today).unwrap_or_else(|mut found| {
        problems.append(&mut found);
        Period::default_at(today)
    });
    let mut slug = |name: &str, value: &Option<String>, find: &dyn Fn(&str) -> Option<i64>| {
        let value = value.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
        let found = find(value);
        if found.is_none() {
            problems.push(problem(name, format!("{value} is not one you can see")));
        }
        found
    };
    let agency = slug("agency", &filters.agency, &|s| {
        catalogue.body_by_slug(s).map(|b| b.id)
    });
    let system = slug("system", &filters.system, &|s| {
        catalogue.system_by_slug(s).map(|s| s.id)
    });
    (period, agency, system, problems)
}

/// The grouped counts the database returns for a report's months.
struct Grouped {
    appeals: Vec<AppealGroup>,
    late_open: Vec<LateOpenGroup>,
    answer_days: Vec<AnswerDaysGroup>,
    decisions: Vec<DecisionGroup>,
}

/// The grouped counts added up by every slice the report shows.
#[derive(Debug, Default)]
struct Slices {
    current: Tally,
    previous: Tally,
    agencies: BTreeMap<i64, Tally>,
    systems: BTreeMap<i64, Tally>,
    versions: BTreeMap<i64, Tally>,
    months: BTreeMap<NaiveDate, Tally>,
}

impl Slices {
    fn add_up(period: &Period, grouped: &Grouped) -> Slices {
        let mut slices = Slices::default();
        for g in &grouped.appeals {
            let (month, body, system, version) =
                (g.filed_month, g.agency_id, g.system_id, g.system_version_id);
            for tally in slices.slices_of(period, month, body, system, version) {
                tally.add_appeals(g);
            }
        }
        for g in &grouped.late_open {
            let (month, body, system, version) =
                (g.filed_month, g.agency_id, g.system_id, g.system_version_id);
            for tally in slices.slices_of(period, month, body, system, version) {
                tally.add_late_open(g.late);
            }
        }
        for g in &grouped.answer_days {
            let (month, body, system, version) =
                (g.filed_month, g.agency_id, g.system_id, g.system_version_id);
            for tally in slices.slices_of(period, month, body, system, version) {
                tally.add_answer_days(g.working_days, g.answered);
            }
        }
        for g in &grouped.decisions {
            let (month, body, system, version) =
                (g.month, g.agency_id, g.system_id, g.system_version_id);
            for tally in slices.slices_of(period, month, body, system, version) {
                tally.add_decisions(g.decisions);
            }
        }
        slices
    }

    /// The tallies a group of `month` counts in: the previous period's alone, or the current
    /// period's with its body, system, version and month.
    fn slices_of(
        &mut self,
        period: &Period,
        month: NaiveDate,
        agency_id: i64,
        system_id: i64,
        version_id: i64,
    ) -> Vec<&mut Tally> {
        if month < period.from {
            return vec![&mut self.previous];
        }
        vec![
            &mut self.current,
            self.agencies.entry(agency_id).or_default(),
            self.systems.entry(system_id).or_default(),
            self.versions.entry(version_id).or_default(),
            self.months.entry(month).or_default(),
        ]
    }
}

/// Grounds and findings in full, the most challenged factors, most frequent first.
fn breakdowns(tags: &[stored::TagCount], current: &Tally, publish: Publish) -> Breakdowns {
    let rows = |kind: &str| {
        let mut rows: Vec<(String, u64)> = tags
            .iter()
            .filter(|t| t.kind == kind)
            .map(|t| (t.value.clone(), u64::try_from(t.appeals).unwrap_or(0)))
            .collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        rows
    };
    let to_rows = |rows: Vec<(String, u64)>| {
        rows.into_iter()
            .map(|(key, n)| CountRow {
                key,
                count: publish.count(n),
            })
            .collect::<Vec<_>>()
    };
    let mut factors = rows("factor");
    factors.truncate(TOP_FACTORS);
    Breakdowns {
        grounds: to_rows(rows("ground")),
        factors: to_rows(factors),
        findings: to_rows(vec![
            (
                FindingKind::OutcomeStands.as_str().to_string(),
                current.finding_stands,
            ),
            (
                FindingKind::RecommendReconsideration.as_str().to_string(),
                current.finding_reconsider,
            ),
        ]),
    }
}

/// The systems whose overturn or breach rate stands out, or whose citizens are treated
/// differently by group, each with every reason.
fn concern_rows(
    catalogue: &Catalogue,
    slices: &Slices,
    disparities: &[app::types::DisparityTable],
    min_appeals: u64,
) -> Vec<ConcernRow> {
    let counts: Vec<SystemCounts<i64>> = slices
        .systems
        .iter()
        .map(|(id, tally)| SystemCounts {
            system: *id,
            overturns: tally.overturns(),
            breaches: tally.breach(),
        })
        .collect();
    let mut reasons: BTreeMap<i64, Vec<ConcernReason>> = BTreeMap::new();
    for concern in systems_of_concern(&counts, min_appeals) {
        for standout in concern.standouts {
            let (rate, others_rate, numerator, denominator, z) = (
                standout.rate,
                standout.others_rate,
                standout.own.numerator,
                standout.own.denominator,
                standout.z,
            );
            reasons
                .entry(concern.system)
                .or_default()
                .push(match standout.measure {
                    Measure::Overturn => ConcernReason::Overturn {
                        rate,
                        others_rate,
                        numerator,
                        denominator,
                        z,
                    },
                    Measure::Breach => ConcernReason::Breach {
                        rate,
                        others_rate,
                        numerator,
                        denominator,
                        z,
                    },
                });
        }
    }
    for system in &catalogue.systems {
        let flagged = disparity_reasons(disparities, &system.slug);
        if !flagged.is_empty() {
            reasons.entry(system.id).or_default().extend(flagged);
        }
    }
    reasons
        .into_iter()
        .filter_map(|(id, reasons)| {
            let system = catalogue.system(id)?;
            Some(ConcernRow {
                system: system.slug.clone(),
                system_name: system.name.clone(),
                agency: system.agency_slug.clone(),
                reasons,
            })
        })
        .collect()
}
