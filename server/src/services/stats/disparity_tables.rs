//! The disparity monitor's tables: within each system, each region and each language against
//! the rest of the system's citizens, on each decision outcome, on appealing and on overturns
//! (the method is in `domain::stats::disparity`). Citizens whose region or language the state
//! body did not give are in no group.

use super::catalogue::Catalogue;
use super::rollup::Publish;
use crate::db::models::figures::{AppealCell, DecisionCell};
use crate::domain::stats::{compare, Disparity, OutcomeCounts, Reading};
use app::types::{
    ConcernReason, DisparityMeasure, DisparityRow, DisparityTable, GroupDimension, GroupReading,
};
use std::collections::BTreeMap;

/// Counts of one group of one system.
#[derive(Debug, Default, Clone)]
struct GroupCounts {
    decisions: u64,
    by_outcome: BTreeMap<String, u64>,
    appeals: u64,
    decided: u64,
    overturned: u64,
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// Every system's tables, systems in catalogue order, regions before languages.
pub fn disparity_tables(
    catalogue: &Catalogue,
    decisions: &[DecisionCell],
    appeals: &[AppealCell],
    threshold: u64,
    publish: Publish,
) -> Vec<DisparityTable> {
    let mut tables = Vec::new();
    for system in &catalogue.systems {
        for dimension in [GroupDimension::Region, GroupDimension::Language] {
            let key = |region: &str, language: &str| match dimension {
                GroupDimension::Region => region.to_string(),
                GroupDimension::Language => language.to_string(),
            };
            let mut groups: BTreeMap<String, GroupCounts> = BTreeMap::new();
            for cell in decisions.iter().filter(|c| c.system_id == system.id) {
                let group = key(&cell.region, &cell.language);
                if group.is_empty() {
                    continue;
                }
                let counts = groups.entry(group).or_default();
                counts.decisions += count(cell.decisions);
                *counts.by_outcome.entry(cell.outcome.clone()).or_default() +=
                    count(cell.decisions);
            }
            for cell in appeals.iter().filter(|c| c.system_id == system.id) {
                let group = key(&cell.region, &cell.language);
                if group.is_empty() {
                    continue;
                }
                let counts = groups.entry(group).or_default();
                counts.appeals += count(cell.appeals);
                counts.decided += count(cell.decided);
                counts.overturned += count(cell.overturned);
            }
            if groups.len() < 2 {
                continue;
            }
            let mut outcomes: Vec<&String> =
                groups.values().flat_map(|g| g.by_outcome.keys()).collect();
            outcomes.sort();
            outcomes.dedup();
            let mut measures: Vec<DisparityMeasure> = outcomes
                .into_iter()
                .map(|code| DisparityMeasure::Outcome { code: code.clone() })
                .collect();
            measures.push(DisparityMeasure::Appeal);
            measures.push(DisparityMeasure::Overturn);
            for measure in measures {
                let cells: Vec<(String, u64, u64)> = groups
                    .iter()
                    .map(|(group, counts)| {
                        let (with, total) = match &measure {
                            DisparityMeasure::Outcome { code } => (
                                counts.by_outcome.get(code).copied().unwrap_or(0),
                                counts.decisions,
                            ),
                            DisparityMeasure::Appeal => (counts.appeals, counts.decisions),
                            DisparityMeasure::Overturn => (counts.overturned, counts.decided),
                        };
                        (group.clone(), with, total)
                    })
                    .collect();
                tables.push(DisparityTable {
                    system: system.slug.clone(),
                    system_name: system.name.clone(),
                    dimension,
                    measure,
                    rows: rows(&cells, threshold, publish),
                });
            }
        }
    }
    tables
}

/// Each group against the others pooled.
fn rows(cells: &[(String, u64, u64)], threshold: u64, publish: Publish) -> Vec<DisparityRow> {
    let all_with: u64 = cells.iter().map(|c| c.1).sum();
    let all_total: u64 = cells.iter().map(|c| c.2).sum();
    cells
        .iter()
        .map(|(group, with, total)| {
            let rest_with = all_with - with;
            let rest_total = all_total - total;
            let hidden = DisparityRow {
                group: group.clone(),
                total: publish.count(*total),
                with_outcome: publish.count(*with),
                rate: None,
                rest_rate: None,
                ratio: None,
                interval: None,
                reading: GroupReading::Hidden,
            };
            // A published rate on a small count would give the count away.
            if !publish.shows(*with) || !publish.shows(rest_with) {
                return hidden;
            }
            let (Some(own), Some(rest)) = (
                OutcomeCounts::new(*with, *total),
                OutcomeCounts::new(rest_with, rest_total),
            ) else {
                return hidden;
            };
            match compare(own, rest, threshold) {
                Disparity::Hidden => hidden,
                Disparity::Shown(comparison) => DisparityRow {
                    rate: Some(comparison.group_rate),
                    rest_rate: Some(comparison.rest_rate),
                    ratio: comparison.ratio,
                    interval: comparison.interval,
                    reading: match comparison.reading {
                        Reading::HigherFor { ratio } => GroupReading::Higher { ratio },
                        Reading::LowerFor { ratio } => GroupReading::Lower { ratio },
                        Reading::NoClearDifference => GroupReading::NoClearDifference,
                    },
                    ..hidden
                },
            }
        })
        .collect()
}

/// The groups of one system's tables that have an outcome more often than the rest, unlikely
/// by chance, as reasons for concern. (A group that has it less often is the mirror of
/// another's "more often", or no concern at all.)
pub fn disparity_reasons(tables: &[DisparityTable], system: &str) -> Vec<ConcernReason> {
    tables
        .iter()
        .filter(|t| t.system == system)
        .flat_map(|table| {
            table.rows.iter().filter_map(move |row| {
                let ratio = match row.reading {
                    GroupReading::Higher { ratio } => ratio,
                    _ => return None,
                };
                let (low, high) = row.interval?;
                Some(ConcernReason::Disparity {
                    dimension: table.dimension,
                    group: row.group.clone(),
                    measure: table.measure.clone(),
                    ratio,
                    low,
                    high,
                })
            })
        })
        .collect()
}
