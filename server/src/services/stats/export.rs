//! The report's tables as CSV and JSON downloads. Suppressed counts stay suppressed (`<10`),
//! withheld rates are empty cells, rates are fractions between 0 and 1, and names are given
//! in every language, so a download says exactly what the page says.

use app::i18n::Locale;
use app::types::{
    ConcernReason, CountRow, DisparityMeasure, FigureRow, GroupReading, LocalizedText, RateFigure,
    StatsReport, StatsTable,
};
use serde_json::Value;

/// The table as JSON: the same rows the page shows.
pub fn table_json(report: &StatsReport, table: StatsTable) -> Value {
    let rows = match table {
        StatsTable::Agencies => serde_json::to_value(&report.agencies),
        StatsTable::Systems => serde_json::to_value(&report.systems),
        StatsTable::Versions => serde_json::to_value(&report.versions),
        StatsTable::Months => serde_json::to_value(&report.months),
        StatsTable::Grounds => serde_json::to_value(&report.breakdowns.grounds),
        StatsTable::Factors => serde_json::to_value(&report.breakdowns.factors),
        StatsTable::Findings => serde_json::to_value(&report.breakdowns.findings),
        StatsTable::Disparities => serde_json::to_value(&report.disparities),
        StatsTable::Concerns => serde_json::to_value(&report.concerns),
    }
    .unwrap_or(Value::Null);
    serde_json::json!({
        "table": table.as_str(),
        "audience": report.audience,
        "threshold": report.threshold,
        "period": report.period,
        "filters": report.filters,
        "rows": rows,
    })
}

/// The table as CSV (RFC 4180, CRLF line ends), a header row first.
pub fn table_csv(report: &StatsReport, table: StatsTable) -> String {
    let mut csv = Csv::default();
    match table {
        StatsTable::Agencies => figure_rows(&mut csv, &report.agencies),
        StatsTable::Systems => figure_rows(&mut csv, &report.systems),
        StatsTable::Versions => figure_rows(&mut csv, &report.versions),
        StatsTable::Months => figure_rows(&mut csv, &report.months),
        StatsTable::Grounds => count_rows(&mut csv, "ground", &report.breakdowns.grounds),
        StatsTable::Factors => count_rows(&mut csv, "factor", &report.breakdowns.factors),
        StatsTable::Findings => count_rows(&mut csv, "finding", &report.breakdowns.findings),
        StatsTable::Disparities => disparity_rows(&mut csv, report),
        StatsTable::Concerns => concern_rows(&mut csv, report),
    }
    csv.finish()
}

/// The file name a download is saved under.
pub fn file_name(report: &StatsReport, table: StatsTable, extension: &str) -> String {
    format!(
        "redress-{}-{}-to-{}.{extension}",
        table.as_str(),
        report.period.from,
        report.period.to
    )
}

const FIGURE_COLUMNS: [&str; 30] = [
    "key",
    "name_kk",
    "name_ru",
    "name_en",
    "agency",
    "decisions",
    "appeals",
    "appeal_rate",
    "appeal_rate_low",
    "appeal_rate_high",
    "decided",
    "upheld",
    "overturned",
    "partially_overturned",
    "withdrawn",
    "pending",
    "overturn_rate",
    "overturn_rate_low",
    "overturn_rate_high",
    "median_working_days",
    "p90_working_days",
    "due",
    "breaches",
    "breach_rate",
    "breach_rate_low",
    "breach_rate_high",
    "escalations",
    "escalation_rate",
    "escalation_rate_low",
    "escalation_rate_high",
];

fn figure_rows(csv: &mut Csv, rows: &[FigureRow]) {
    csv.row(FIGURE_COLUMNS.iter().map(|c| c.to_string()));
    for row in rows {
        let f = &row.figures;
        let mut cells = vec![row.key.clone()];
        cells.extend(names(&row.label));
        cells.push(row.agency.clone().unwrap_or_default());
        cells.push(f.decisions.cell());
        cells.push(f.appeals.cell());
        cells.extend(rate(f.appeal_rate));
        for count in [
            f.decided,
            f.upheld,
            f.overturned,
            f.partially_overturned,
            f.withdrawn,
            f.pending,
        ] {
            cells.push(count.cell());
        }
        cells.extend(rate(f.overturn_rate));
        cells.push(optional(f.median_days));
        cells.push(optional(f.p90_days));
        cells.push(f.due.cell());
        cells.push(f.breaches.cell());
        cells.extend(rate(f.breach_rate));
        cells.push(f.escalations.cell());
        cells.extend(rate(f.escalation_rate));
        csv.row(cells.into_iter());
    }
}

fn count_rows(csv: &mut Csv, what: &str, rows: &[CountRow]) {
    csv.row([what.to_string(), "appeals".to_string()].into_iter());
    for row in rows {
        csv.row([row.key.clone(), row.count.cell()].into_iter());
    }
}

fn disparity_rows(csv: &mut Csv, report: &StatsReport) {
    csv.row(
        [
            "system",
            "dimension",
            "measure",
            "outcome",
            "group",
            "total",
            "with_outcome",
            "rate",
            "rest_rate",
            "ratio",
            "ratio_low",
            "ratio_high",
            "reading",
        ]
        .iter()
        .map(|c| c.to_string()),
    );
    for table in &report.disparities {
        let (measure, outcome) = measure_cells(&table.measure);
        for row in &table.rows {
            let (low, high) = row
                .interval
                .map_or((None, None), |(l, h)| (Some(l), Some(h)));
            csv.row(
                [
                    table.system.clone(),
                    dimension(table.dimension).to_string(),
                    measure.to_string(),
                    outcome.clone(),
                    row.group.clone(),
                    row.total.cell(),
                    row.with_outcome.cell(),
                    number(row.rate),
                    number(row.rest_rate),
                    number(row.ratio),
                    number(low),
                    number(high),
                    reading(row.reading).to_string(),
                ]
                .into_iter(),
            );
        }
    }
}

fn concern_rows(csv: &mut Csv, report: &StatsReport) {
    csv.row(
        [
            "system",
            "agency",
            "reason",
            "rate",
            "others_rate",
            "numerator",
            "denominator",
            "z",
            "dimension",
            "group",
            "measure",
            "outcome",
            "ratio",
            "ratio_low",
            "ratio_high",
        ]
        .iter()
        .map(|c| c.to_string()),
    );
    for concern in &report.concerns {
        for reason in &concern.reasons {
            let mut cells = vec![concern.system.clone(), concern.agency.clone()];
            match reason {
                ConcernReason::Overturn {
                    rate,
                    others_rate,
                    numerator,
                    denominator,
                    z,
                }
                | ConcernReason::Breach {
                    rate,
                    others_rate,
                    numerator,
                    denominator,
                    z,
                } => {
                    let name = if matches!(reason, ConcernReason::Overturn { .. }) {
                        "overturn"
                    } else {
                        "breach"
                    };
                    cells.extend([
                        name.to_string(),
                        number(Some(*rate)),
                        number(Some(*others_rate)),
                        numerator.to_string(),
                        denominator.to_string(),
                        number(Some(*z)),
                    ]);
                    cells.extend(std::iter::repeat_n(String::new(), 7));
                }
                ConcernReason::Disparity {
                    dimension: d,
                    group,
                    measure,
                    ratio,
                    low,
                    high,
                } => {
                    let (measure, outcome) = measure_cells(measure);
                    cells.push("disparity".to_string());
                    cells.extend(std::iter::repeat_n(String::new(), 5));
                    cells.extend([
                        dimension(*d).to_string(),
                        group.clone(),
                        measure.to_string(),
                        outcome,
                        number(Some(*ratio)),
                        number(Some(*low)),
                        number(Some(*high)),
                    ]);
                }
            }
            csv.row(cells.into_iter());
        }
    }
}

fn measure_cells(measure: &DisparityMeasure) -> (&'static str, String) {
    match measure {
        DisparityMeasure::Outcome { code } => ("outcome", code.clone()),
        DisparityMeasure::Appeal => ("appeal", String::new()),
        DisparityMeasure::Overturn => ("overturn", String::new()),
    }
}

fn dimension(dimension: app::types::GroupDimension) -> &'static str {
    match dimension {
        app::types::GroupDimension::Region => "region",
        app::types::GroupDimension::Language => "language",
    }
}

fn reading(reading: GroupReading) -> &'static str {
    match reading {
        GroupReading::Hidden => "hidden",
        GroupReading::NoClearDifference => "no_clear_difference",
        GroupReading::Higher { .. } => "higher",
        GroupReading::Lower { .. } => "lower",
    }
}

fn names(label: &LocalizedText) -> [String; 3] {
    [Locale::Kk, Locale::Ru, Locale::En].map(|l| label.get(l).unwrap_or_default().to_string())
}

fn rate(rate: Option<RateFigure>) -> [String; 3] {
    match rate {
        Some(r) => [
            number(Some(r.value)),
            number(Some(r.low)),
            number(Some(r.high)),
        ],
        None => [String::new(), String::new(), String::new()],
    }
}

fn number(value: Option<f64>) -> String {
    value.map_or_else(String::new, |v| format!("{v:.6}"))
}

fn optional(value: Option<u32>) -> String {
    value.map_or_else(String::new, |v| v.to_string())
}

/// A CSV document being written.
#[derive(Default)]
struct Csv {
    text: String,
}

impl Csv {
    fn row(&mut self, cells: impl Iterator<Item = String>) {
        let line: Vec<String> = cells.map(|c| field(&c)).collect();
        self.text.push_str(&line.join(","));
        self.text.push_str("\r\n");
    }

    fn finish(self) -> String {
        self.text
    }
}

/// One field, quoted when it holds a comma, quote or line break. Text that a spreadsheet
/// would run as a formula (starting with `=`, `+`, `-` or `@`, other than a number) is
/// prefixed with `'`, so a name cannot become a formula on someone's machine.
fn field(value: &str) -> String {
    let is_number = value.parse::<f64>().is_ok();
    let guarded = if !is_number && value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_are_quoted_and_formulas_disarmed() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(field("-0.5"), "-0.5");
    }
}
