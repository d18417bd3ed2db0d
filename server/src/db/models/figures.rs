//! The maintained figures of the statistics (`decision_tallies`, `appeal_figures`,
//! `appeal_figure_tags`): writing them as decisions and appeals change, and the grouped counts
//! the statistics read. The reads are plain SQL shared by both backends, so each is one
//! statement the database answers from its indexes (docs/statistics.md).

use super::appeal_tallies::TallyChanges;
use crate::db::schema::{appeal_figure_tags, appeal_figures, decision_tallies};
use crate::db::DbConnection;
use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Nullable, Text};
use diesel::upsert::excluded;

/// Runs one statement with `?` placeholders on whichever backend `conn` is, binding the same
/// values; PostgreSQL gets the placeholders numbered.
macro_rules! on_both {
    ($conn:expr, $sql:expr, |$query:ident| $bound:expr) => {
        match $conn {
            DbConnection::Sqlite(c) => {
                let $query = diesel::sql_query($sql);
                $bound.load(c)
            }
            DbConnection::Pg(c) => {
                let $query = diesel::sql_query(numbered_placeholders($sql));
                $bound.load(c)
            }
        }
    };
}

/// Decisions of one tally key, to be added to the stored count.
#[derive(Debug, Clone, PartialEq, Eq, Insertable)]
#[diesel(table_name = decision_tallies)]
pub struct TallyIncrement {
    pub system_version_id: i64,
    pub month: NaiveDate,
    pub outcome: String,
    pub region: String,
    pub language: String,
    pub agency_id: i64,
    pub system_id: i64,
    pub decisions: i64,
}

/// Binds the filter's months, body and system, in the order the statements name them:
/// `month >= ? AND … <= ? AND (? IS NULL OR agency_id = ?) AND (? IS NULL OR system_id = ?)`.
macro_rules! bind_filter {
    ($query:expr, $filter:expr) => {
        $query
            .bind::<Date, _>($filter.from_month)
            .bind::<Date, _>($filter.to_month)
            .bind::<Nullable<BigInt>, _>($filter.agency_id)
            .bind::<Nullable<BigInt>, _>($filter.agency_id)
            .bind::<Nullable<BigInt>, _>($filter.system_id)
            .bind::<Nullable<BigInt>, _>($filter.system_id)
    };
}

/// Adds each increment to its tally, creating the tally when it is the first.
pub fn add_to_tallies(conn: &mut DbConnection, increments: &[TallyIncrement]) -> QueryResult<()> {
    for increment in increments {
        let statement = diesel::insert_into(decision_tallies::table)
            .values(increment)
            .on_conflict((
                decision_tallies::system_version_id,
                decision_tallies::month,
                decision_tallies::outcome,
                decision_tallies::region,
                decision_tallies::language,
            ))
            .do_update()
            .set(
                decision_tallies::decisions
                    .eq(decision_tallies::decisions + excluded(decision_tallies::decisions)),
            );
        match conn {
            DbConnection::Sqlite(c) => statement.execute(c)?,
            DbConnection::Pg(c) => statement.execute(c)?,
        };
    }
    Ok(())
}

/// One appeal as the statistics count it.
#[derive(Debug, Clone, PartialEq, Eq, Insertable, Queryable, Selectable)]
#[diesel(table_name = appeal_figures)]
pub struct AppealFigure {
    pub appeal_id: i64,
    pub agency_id: i64,
    pub system_id: i64,
    pub system_version_id: i64,
    pub filed_month: NaiveDate,
    pub region: String,
    pub language: String,
    pub result: String,
    pub answered_on: Option<NaiveDate>,
    pub working_days: Option<i32>,
    pub decide_due: Option<NaiveDate>,
    pub escalated: bool,
    pub finding: Option<String>,
}

/// A ground or challenged factor of an appeal.
#[derive(Debug, Clone, PartialEq, Eq, Insertable, Queryable, Selectable)]
#[diesel(table_name = appeal_figure_tags)]
pub struct AppealTag {
    pub appeal_id: i64,
    pub kind: String,
    pub value: String,
    pub filed_month: NaiveDate,
    pub agency_id: i64,
    pub system_id: i64,
}

/// Rows per multi-row insert, inside both backends' limits on bound parameters.
const CHUNK: usize = 500;

/// Replaces the stored figures of the given appeals with these, and changes the monthly
/// appeal tallies by the difference.
pub fn replace_appeals(
    conn: &mut DbConnection,
    figures: &[AppealFigure],
    tags: &[AppealTag],
) -> QueryResult<()> {
    let mut old = Vec::new();
    let mut old_tags = Vec::new();
    for chunk in figures.chunks(CHUNK) {
        let ids: Vec<i64> = chunk.iter().map(|f| f.appeal_id).collect();
        old.extend(
            appeal_figures::table
                .filter(appeal_figures::appeal_id.eq_any(&ids))
                .select(AppealFigure::as_select())
                .load(conn)?,
        );
        old_tags.extend(
            appeal_figure_tags::table
                .filter(appeal_figure_tags::appeal_id.eq_any(&ids))
                .select(AppealTag::as_select())
                .load(conn)?,
        );
        diesel::delete(
            appeal_figure_tags::table.filter(appeal_figure_tags::appeal_id.eq_any(&ids)),
        )
        .execute(conn)?;
        diesel::delete(appeal_figures::table.filter(appeal_figures::appeal_id.eq_any(&ids)))
            .execute(conn)?;
        match conn {
            DbConnection::Sqlite(c) => diesel::insert_into(appeal_figures::table)
                .values(chunk)
                .execute(c)?,
            DbConnection::Pg(c) => diesel::insert_into(appeal_figures::table)
                .values(chunk)
                .execute(c)?,
        };
    }
    for chunk in tags.chunks(CHUNK) {
        match conn {
            DbConnection::Sqlite(c) => diesel::insert_into(appeal_figure_tags::table)
                .values(chunk)
                .execute(c)?,
            DbConnection::Pg(c) => diesel::insert_into(appeal_figure_tags::table)
                .values(chunk)
                .execute(c)?,
        };
    }
    TallyChanges::between(&old, &old_tags, figures, tags).apply(conn)
}

#[derive(QueryableByName)]
struct Total {
    #[diesel(sql_type = BigInt)]
    total: i64,
}

/// How many appeals have figures, and how many decisions the tallies count.
pub fn counts(conn: &mut DbConnection) -> QueryResult<(i64, i64)> {
    let appeals: i64 = appeal_figures::table.count().get_result(conn)?;
    let tallied: Vec<Total> = on_both!(
        conn,
        "SELECT CAST(COALESCE(SUM(decisions), 0) AS BIGINT) AS total FROM decision_tallies",
        |query| query
    )?;
    Ok((appeals, tallied.first().map_or(0, |t| t.total)))
}

/// Forgets every tally (before they are counted again from the decisions).
pub fn clear_tallies(conn: &mut DbConnection) -> QueryResult<()> {
    diesel::delete(decision_tallies::table)
        .execute(conn)
        .map(|_| ())
}

/// What the reads are narrowed to. `agency` is set by the caller's scope for a state body's
/// staff, so a supervisor's query cannot reach another body's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FigureFilter {
    pub from_month: NaiveDate,
    pub to_month: NaiveDate,
    pub agency_id: Option<i64>,
    pub system_id: Option<i64>,
}

/// The appeals of one system version filed in one month, counted by result.
#[derive(Debug, Clone, QueryableByName)]
pub struct AppealGroup {
    #[diesel(sql_type = BigInt)]
    pub agency_id: i64,
    #[diesel(sql_type = BigInt)]
    pub system_id: i64,
    #[diesel(sql_type = BigInt)]
    pub system_version_id: i64,
    #[diesel(sql_type = Date)]
    pub filed_month: NaiveDate,
    #[diesel(sql_type = BigInt)]
    pub appeals: i64,
    #[diesel(sql_type = BigInt)]
    pub upheld: i64,
    #[diesel(sql_type = BigInt)]
    pub overturned: i64,
    #[diesel(sql_type = BigInt)]
    pub partially_overturned: i64,
    #[diesel(sql_type = BigInt)]
    pub withdrawn: i64,
    #[diesel(sql_type = BigInt)]
    pub pending: i64,
    /// Appeals answered, and of them those answered after the decide-by date.
    #[diesel(sql_type = BigInt)]
    pub answered: i64,
    #[diesel(sql_type = BigInt)]
    pub answered_late: i64,
    #[diesel(sql_type = BigInt)]
    pub escalations: i64,
    #[diesel(sql_type = BigInt)]
    pub finding_stands: i64,
    #[diesel(sql_type = BigInt)]
    pub finding_reconsider: i64,
}

const APPEAL_GROUPS: &str = "SELECT agency_id, system_id, system_version_id, filed_month, \
       CAST(SUM(appeals) AS BIGINT) AS appeals, \
       CAST(SUM(upheld) AS BIGINT) AS upheld, \
       CAST(SUM(overturned) AS BIGINT) AS overturned, \
       CAST(SUM(partially_overturned) AS BIGINT) AS partially_overturned, \
       CAST(SUM(withdrawn) AS BIGINT) AS withdrawn, \
       CAST(SUM(pending) AS BIGINT) AS pending, \
       CAST(SUM(answered) AS BIGINT) AS answered, \
       CAST(SUM(answered_late) AS BIGINT) AS answered_late, \
       CAST(SUM(escalations) AS BIGINT) AS escalations, \
       CAST(SUM(finding_stands) AS BIGINT) AS finding_stands, \
       CAST(SUM(finding_reconsider) AS BIGINT) AS finding_reconsider \
     FROM appeal_tallies \
     WHERE filed_month >= ? AND filed_month <= ? \
       AND (? IS NULL OR agency_id = ?) AND (? IS NULL OR system_id = ?) \
     GROUP BY agency_id, system_id, system_version_id, filed_month";

/// The appeals filed in the filter's months, grouped by system version and month.
pub fn appeal_groups(
    conn: &mut DbConnection,
    filter: &FigureFilter,
) -> QueryResult<Vec<AppealGroup>> {
    on_both!(conn, APPEAL_GROUPS, |query| bind_filter!(query, filter))
}

/// Open appeals of one system version and month that are past their decide-by date.
#[derive(Debug, Clone, QueryableByName)]
pub struct LateOpenGroup {
    #[diesel(sql_type = BigInt)]
    pub agency_id: i64,
    #[diesel(sql_type = BigInt)]
    pub system_id: i64,
    #[diesel(sql_type = BigInt)]
    pub system_version_id: i64,
    #[diesel(sql_type = Date)]
    pub filed_month: NaiveDate,
    #[diesel(sql_type = BigInt)]
    pub late: i64,
}

/// Counted against `today`, so read from the per-appeal rows (through the index of open
/// appeals) rather than kept in a tally. An open appeal whose clock is paused has no date
/// and is not late.
const LATE_OPEN: &str = "SELECT agency_id, system_id, system_version_id, filed_month, \
       COUNT(*) AS late \
     FROM appeal_figures \
     WHERE result = 'pending' AND decide_due < ? \
       AND filed_month >= ? AND filed_month <= ? \
       AND (? IS NULL OR agency_id = ?) AND (? IS NULL OR system_id = ?) \
     GROUP BY agency_id, system_id, system_version_id, filed_month";

/// The open appeals of the filter's months that are late on `today`.
pub fn late_open_groups(
    conn: &mut DbConnection,
    filter: &FigureFilter,
    today: NaiveDate,
) -> QueryResult<Vec<LateOpenGroup>> {
    on_both!(conn, LATE_OPEN, |query| bind_filter!(
        query.bind::<Date, _>(today),
        filter
    ))
}

/// Answered appeals of one system version and month that took the same working days.
#[derive(Debug, Clone, QueryableByName)]
pub struct AnswerDaysGroup {
    #[diesel(sql_type = BigInt)]
    pub agency_id: i64,
    #[diesel(sql_type = BigInt)]
    pub system_id: i64,
    #[diesel(sql_type = BigInt)]
    pub system_version_id: i64,
    #[diesel(sql_type = Date)]
    pub filed_month: NaiveDate,
    #[diesel(sql_type = BigInt)]
    pub working_days: i64,
    #[diesel(sql_type = BigInt)]
    pub answered: i64,
}

const ANSWER_DAYS: &str = "SELECT agency_id, system_id, system_version_id, filed_month, \
       CAST(working_days AS BIGINT) AS working_days, \
       CAST(SUM(answered) AS BIGINT) AS answered \
     FROM appeal_day_tallies \
     WHERE filed_month >= ? AND filed_month <= ? \
       AND (? IS NULL OR agency_id = ?) AND (? IS NULL OR system_id = ?) \
     GROUP BY agency_id, system_id, system_version_id, filed_month, working_days";

/// The working days the filter's answered appeals took, as a histogram per version and month.
pub fn answer_days(
    conn: &mut DbConnection,
    filter: &FigureFilter,
) -> QueryResult<Vec<AnswerDaysGroup>> {
    on_both!(conn, ANSWER_DAYS, |query| bind_filter!(query, filter))
}

/// Decisions of one system version and month.
#[derive(Debug, Clone, QueryableByName)]
pub struct DecisionGroup {
    #[diesel(sql_type = BigInt)]
    pub agency_id: i64,
    #[diesel(sql_type = BigInt)]
    pub system_id: i64,
    #[diesel(sql_type = BigInt)]
    pub system_version_id: i64,
    #[diesel(sql_type = Date)]
    pub month: NaiveDate,
    #[diesel(sql_type = BigInt)]
    pub decisions: i64,
}

const DECISION_GROUPS: &str = "SELECT agency_id, system_id, system_version_id, month, \
       CAST(SUM(decisions) AS BIGINT) AS decisions \
     FROM decision_tallies \
     WHERE month >= ? AND month <= ? \
       AND (? IS NULL OR agency_id = ?) AND (? IS NULL OR system_id = ?) \
     GROUP BY agency_id, system_id, system_version_id, month";

/// The decisions of the filter's months, grouped.
pub fn decision_groups(
    conn: &mut DbConnection,
    filter: &FigureFilter,
) -> QueryResult<Vec<DecisionGroup>> {
    on_both!(conn, DECISION_GROUPS, |query| bind_filter!(query, filter))
}

/// Decisions of one system with one outcome, region and language.
#[derive(Debug, Clone, QueryableByName)]
pub struct DecisionCell {
    #[diesel(sql_type = BigInt)]
    pub system_id: i64,
    #[diesel(sql_type = Text)]
    pub outcome: String,
    #[diesel(sql_type = Text)]
    pub region: String,
    #[diesel(sql_type = Text)]
    pub language: String,
    #[diesel(sql_type = BigInt)]
    pub decisions: i64,
}

const DECISION_CELLS: &str = "SELECT system_id, outcome, region, language, \
       CAST(SUM(decisions) AS BIGINT) AS decisions \
     FROM decision_tallies \
     WHERE month >= ? AND month <= ? \
       AND (? IS NULL OR agency_id = ?) AND (? IS NULL OR system_id = ?) \
     GROUP BY system_id, outcome, region, language";

/// The decisions of the filter's months by system, outcome, region and language.
pub fn decision_cells(
    conn: &mut DbConnection,
    filter: &FigureFilter,
) -> QueryResult<Vec<DecisionCell>> {
    on_both!(conn, DECISION_CELLS, |query| bind_filter!(query, filter))
}

/// Appeals of one system from one region and language.
#[derive(Debug, Clone, QueryableByName)]
pub struct AppealCell {
    #[diesel(sql_type = BigInt)]
    pub system_id: i64,
    #[diesel(sql_type = Text)]
    pub region: String,
    #[diesel(sql_type = Text)]
    pub language: String,
    #[diesel(sql_type = BigInt)]
    pub appeals: i64,
    #[diesel(sql_type = BigInt)]
    pub decided: i64,
    #[diesel(sql_type = BigInt)]
    pub overturned: i64,
}

const APPEAL_CELLS: &str = "SELECT system_id, region, language, \
       CAST(SUM(appeals) AS BIGINT) AS appeals, \
       CAST(SUM(answered) AS BIGINT) AS decided, \
       CAST(SUM(overturned + partially_overturned) AS BIGINT) AS overturned \
     FROM appeal_tallies \
     WHERE filed_month >= ? AND filed_month <= ? \
       AND (? IS NULL OR agency_id = ?) AND (? IS NULL OR system_id = ?) \
     GROUP BY system_id, region, language";

/// The appeals of the filter's months by system, region and language.
pub fn appeal_cells(
    conn: &mut DbConnection,
    filter: &FigureFilter,
) -> QueryResult<Vec<AppealCell>> {
    on_both!(conn, APPEAL_CELLS, |query| bind_filter!(query, filter))
}

/// How many appeals named one ground or factor.
#[derive(Debug, Clone, QueryableByName)]
pub struct TagCount {
    #[diesel(sql_type = Text)]
    pub kind: String,
    #[diesel(sql_type = Text)]
    pub value: String,
    #[diesel(sql_type = BigInt)]
    pub appeals: i64,
}

const TAG_COUNTS: &str = "SELECT kind, value, CAST(SUM(appeals) AS BIGINT) AS appeals \
     FROM appeal_tag_tallies \
     WHERE filed_month >= ? AND filed_month <= ? \
       AND (? IS NULL OR agency_id = ?) AND (? IS NULL OR system_id = ?) \
     GROUP BY kind, value \
     HAVING SUM(appeals) > 0";

/// The grounds and factors of the filter's appeals, counted.
pub fn tag_counts(conn: &mut DbConnection, filter: &FigureFilter) -> QueryResult<Vec<TagCount>> {
    on_both!(conn, TAG_COUNTS, |query| bind_filter!(query, filter))
}

/// `?` placeholders numbered as PostgreSQL wants them (`$1`, `$2`, …). The statements here
/// hold no `?` inside a string literal.
pub fn numbered_placeholders(sql: &str) -> String {
    let mut numbered = String::with_capacity(sql.len() + 16);
    let mut next = 1;
    for c in sql.chars() {
        if c == '?' {
            numbered.push('$');
            numbered.push_str(&next.to_string());
            next += 1;
        } else {
            numbered.push(c);
        }
    }
    numbered
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_are_numbered_in_order() {
        assert_eq!(
            super::numbered_placeholders("a = ? AND (? IS NULL OR b = ?)"),
            "a = $1 AND ($2 IS NULL OR b = $3)"
        );
    }
}
