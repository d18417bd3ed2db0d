//! The redress statistics as the pages, the exports and the API show them: figures per state
//! body, per automated system and per month, the disparity monitor and the systems of concern
//! (docs/statistics.md). Counts shown to the public pass through small-number suppression, so
//! a count is either exact or "fewer than N".

use super::appeal_vocab::{FindingKind, GroundKind};
use super::text::LocalizedText;
use serde::{Deserialize, Serialize};

/// A count as it may be shown.
///
/// In JSON an exact count is a plain number (`42`) and a suppressed one is an object naming
/// the threshold (`{"fewer_than": 10}`), so a consumer that reads numbers cannot mistake a
/// suppressed count for a real one, and the common case stays a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "CountJson", from = "CountJson")]
pub enum PublicCount {
    /// The count itself, at or above the threshold.
    Exact(u64),
    /// A count below the threshold; carries the threshold, not the count.
    FewerThan(u64),
}

impl PublicCount {
    /// `count` as it may be published under `threshold`: "fewer than" it when below.
    pub fn suppressed(count: i64, threshold: i64) -> PublicCount {
        let (count, threshold) = (count.max(0) as u64, threshold.max(0) as u64);
        if count < threshold {
            PublicCount::FewerThan(threshold)
        } else {
            PublicCount::Exact(count)
        }
    }

    /// The exact count, when it may be shown.
    pub fn exact(self) -> Option<u64> {
        match self {
            PublicCount::Exact(n) => Some(n),
            PublicCount::FewerThan(_) => None,
        }
    }

    /// The count as a table cell or CSV field: the number, or `<10`.
    pub fn cell(self) -> String {
        match self {
            PublicCount::Exact(n) => n.to_string(),
            PublicCount::FewerThan(threshold) => format!("<{threshold}"),
        }
    }
}

/// The OpenAPI schema of a count is its JSON shape's.
#[cfg(feature = "ssr")]
impl utoipa::PartialSchema for PublicCount {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        <CountJson as utoipa::PartialSchema>::schema()
    }
}

#[cfg(feature = "ssr")]
impl utoipa::ToSchema for PublicCount {}

/// The JSON shape of [`PublicCount`]: a bare number, or `{"fewer_than": n}`.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum CountJson {
    Exact(u64),
    FewerThan { fewer_than: u64 },
}

impl From<PublicCount> for CountJson {
    fn from(count: PublicCount) -> Self {
        match count {
            PublicCount::Exact(n) => CountJson::Exact(n),
            PublicCount::FewerThan(threshold) => CountJson::FewerThan {
                fewer_than: threshold,
            },
        }
    }
}

impl From<CountJson> for PublicCount {
    fn from(json: CountJson) -> Self {
        match json {
            CountJson::Exact(n) => PublicCount::Exact(n),
            CountJson::FewerThan { fewer_than } => PublicCount::FewerThan(fewer_than),
        }
    }
}

/// Who the figures are for, which decides suppression and reach.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum StatsAudience {
    /// Anyone: every state body, small counts suppressed.
    Public,
    /// The ombudsman and administrators: every state body, exact counts.
    Oversight,
    /// A state body's supervisor: their own body only, exact counts.
    Agency,
}

/// A rate with its 95 % interval (Wilson score), all as fractions between 0 and 1.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RateFigure {
    pub value: f64,
    pub low: f64,
    pub high: f64,
}

/// The figures of one slice of appeals and decisions (a state body, a system, a month, or
/// everything selected). Rates are withheld (`None`) when there is nothing to divide by or,
/// on public pages, when a count they are built on is suppressed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Figures {
    /// Automated decisions published.
    pub decisions: PublicCount,
    /// Appeals filed.
    pub appeals: PublicCount,
    /// Appeals per decision (pages show it per 1,000 decisions).
    pub appeal_rate: Option<RateFigure>,
    /// Appeals the state body answered (upheld, overturned or partially overturned).
    pub decided: PublicCount,
    pub upheld: PublicCount,
    pub overturned: PublicCount,
    pub partially_overturned: PublicCount,
    /// Withdrawn by the citizen before an answer.
    pub withdrawn: PublicCount,
    /// Not answered yet.
    pub pending: PublicCount,
    /// Overturned or partially overturned, out of decided.
    pub overturn_rate: Option<RateFigure>,
    /// Working days from filing to the answer (the state body's calendar, paused days left
    /// out): median and 90th percentile by nearest rank.
    pub median_days: Option<u32>,
    pub p90_days: Option<u32>,
    /// Appeals whose decide-by date has passed or that were answered.
    pub due: PublicCount,
    /// Of those, answered after the date or still unanswered past it.
    pub breaches: PublicCount,
    pub breach_rate: Option<RateFigure>,
    /// Escalated to the ombudsman.
    pub escalations: PublicCount,
    /// Escalations out of decided appeals.
    pub escalation_rate: Option<RateFigure>,
}

/// One row of a figures table: a state body, a system, a system version or a month.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FigureRow {
    /// The state body's or system's slug, `slug@version`, or the month as `YYYY-MM`.
    pub key: String,
    /// The name to show (for a month, the key again in every language).
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub label: LocalizedText,
    /// For a system or version row: the slug of its state body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    pub figures: Figures,
}

/// How many appeals named one ground, one challenged factor, or got one ombudsman finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CountRow {
    /// The ground's or finding's wire name, or the factor's key in the decision document.
    pub key: String,
    pub count: PublicCount,
}

/// The grounds, factors and findings of the selected appeals, most frequent first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Breakdowns {
    pub grounds: Vec<CountRow>,
    /// The most challenged factors (at most 10).
    pub factors: Vec<CountRow>,
    pub findings: Vec<CountRow>,
}

impl Breakdowns {
    /// A ground's count row, for pages that list every ground in a fixed order.
    pub fn ground(&self, kind: GroundKind) -> Option<&CountRow> {
        self.grounds.iter().find(|row| row.key == kind.as_str())
    }

    /// A finding's count row.
    pub fn finding(&self, kind: FindingKind) -> Option<&CountRow> {
        self.findings.iter().find(|row| row.key == kind.as_str())
    }
}

/// Which way the citizens of a system are grouped in the disparity monitor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum GroupDimension {
    /// The subject's region (KATO code of the oblast or city).
    Region,
    /// The language the subject was addressed in.
    Language,
}

/// What is compared between the groups.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum DisparityMeasure {
    /// Decisions with this outcome code, out of the group's decisions.
    Outcome { code: String },
    /// Appeals out of the group's decisions.
    Appeal,
    /// Overturned or partially overturned out of the group's decided appeals.
    Overturn,
}

/// The reading of one group against the rest of the system's citizens.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum GroupReading {
    /// The group or the rest is below the threshold: nothing is shown.
    Hidden,
    /// No difference the counts can tell from chance.
    NoClearDifference,
    /// The group has the outcome `ratio` times as often as the rest, unlikely to be chance.
    Higher { ratio: f64 },
    /// The group has it `ratio` (below 1) times as often, unlikely to be chance.
    Lower { ratio: f64 },
}

impl GroupReading {
    /// Whether the difference is flagged (unlikely to be chance either way).
    pub fn is_flagged(self) -> bool {
        matches!(
            self,
            GroupReading::Higher { .. } | GroupReading::Lower { .. }
        )
    }
}

/// One group of a disparity table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DisparityRow {
    /// The region's KATO code or the language code.
    pub group: String,
    /// How many the rate is out of (decisions, or decided appeals for overturns).
    pub total: PublicCount,
    /// How many of them had the outcome.
    pub with_outcome: PublicCount,
    /// The group's rate and the rest's, as fractions; `None` when hidden.
    pub rate: Option<f64>,
    pub rest_rate: Option<f64>,
    /// The rate ratio and its 95 % interval (Katz); `None` when hidden or undefined.
    pub ratio: Option<f64>,
    pub interval: Option<(f64, f64)>,
    pub reading: GroupReading,
}

/// One system's groups compared on one measure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DisparityTable {
    pub system: String,
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub system_name: LocalizedText,
    pub dimension: GroupDimension,
    pub measure: DisparityMeasure,
    pub rows: Vec<DisparityRow>,
}

impl DisparityTable {
    /// Whether any group's difference is flagged.
    pub fn has_flag(&self) -> bool {
        self.rows.iter().any(|row| row.reading.is_flagged())
    }
}

/// Why a system is among the systems of concern.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum ConcernReason {
    /// Its overturn rate stands out above the other systems' (one-sided z-test).
    Overturn {
        rate: f64,
        others_rate: f64,
        numerator: u64,
        denominator: u64,
        z: f64,
    },
    /// Its breach rate stands out above the other systems'.
    Breach {
        rate: f64,
        others_rate: f64,
        numerator: u64,
        denominator: u64,
        z: f64,
    },
    /// A group of its citizens is treated differently, unlikely by chance.
    Disparity {
        dimension: GroupDimension,
        group: String,
        measure: DisparityMeasure,
        ratio: f64,
        low: f64,
        high: f64,
    },
}

/// A system flagged for a closer look, with the systemic review notes opened on it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ConcernRow {
    pub system: String,
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub system_name: LocalizedText,
    pub agency: String,
    pub reasons: Vec<ConcernReason>,
}

/// A systemic review note the ombudsman opened on a system; its state body sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReviewNote {
    pub id: i64,
    pub system: String,
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub system_name: LocalizedText,
    pub agency: String,
    /// What the ombudsman asks the state body to look at, in their words.
    pub note: String,
    /// Who opened it (display name) and when, as an RFC 3339 timestamp.
    pub opened_by: String,
    pub opened_at: String,
}

/// A state body or system the page can be narrowed to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StatsChoice {
    pub slug: String,
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub name: LocalizedText,
    /// For a system: its state body's slug.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
}

/// What the figures were narrowed to, as a query string carries it. Months are `YYYY-MM`,
/// both ends included.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, utoipa::IntoParams))]
pub struct StatsFilters {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
}

/// The selected period and the one of equal length before it, as `YYYY-MM` months.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StatsPeriod {
    pub from: String,
    pub to: String,
    pub previous_from: String,
    pub previous_to: String,
}

/// Everything a statistics page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StatsReport {
    pub audience: StatsAudience,
    /// Counts below this are shown as "fewer than" it on public figures.
    pub threshold: u64,
    pub filters: StatsFilters,
    pub period: StatsPeriod,
    pub agencies_available: Vec<StatsChoice>,
    pub systems_available: Vec<StatsChoice>,
    /// Everything selected, this period and the one before.
    pub headline: Figures,
    pub previous: Figures,
    pub agencies: Vec<FigureRow>,
    pub systems: Vec<FigureRow>,
    /// The versions of the selected system (empty unless one system is selected).
    pub versions: Vec<FigureRow>,
    /// Month by month through the period.
    pub months: Vec<FigureRow>,
    pub breakdowns: Breakdowns,
    pub disparities: Vec<DisparityTable>,
    /// Empty on public pages.
    pub concerns: Vec<ConcernRow>,
    /// Empty on public pages.
    pub reviews: Vec<ReviewNote>,
}

/// The tables of a report that can be downloaded, by the name in their address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatsTable {
    Agencies,
    Systems,
    Versions,
    Months,
    Grounds,
    Factors,
    Findings,
    Disparities,
    Concerns,
}

impl StatsTable {
    pub const ALL: [StatsTable; 9] = [
        StatsTable::Agencies,
        StatsTable::Systems,
        StatsTable::Versions,
        StatsTable::Months,
        StatsTable::Grounds,
        StatsTable::Factors,
        StatsTable::Findings,
        StatsTable::Disparities,
        StatsTable::Concerns,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StatsTable::Agencies => "agencies",
            StatsTable::Systems => "systems",
            StatsTable::Versions => "versions",
            StatsTable::Months => "months",
            StatsTable::Grounds => "grounds",
            StatsTable::Factors => "factors",
            StatsTable::Findings => "findings",
            StatsTable::Disparities => "disparities",
            StatsTable::Concerns => "concerns",
        }
    }

    pub fn parse(name: &str) -> Option<StatsTable> {
        StatsTable::ALL.into_iter().find(|t| t.as_str() == name)
    }
}
