//! The monthly appeal tallies (`appeal_tallies`, `appeal_day_tallies`, `appeal_tag_tallies`)
//! kept beside the per-appeal figures. When an appeal's figures are written again, each tally
//! is changed by the difference: the old figures taken away, the new ones added, so the
//! tallies always equal a count of `appeal_figures` (docs/statistics.md).

use super::figures::{AppealFigure, AppealTag};
use crate::db::schema::{appeal_day_tallies, appeal_tag_tallies, appeal_tallies};
use crate::db::DbConnection;
use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::upsert::excluded;
use std::collections::BTreeMap;

/// The counts of one appeal tally; a difference may be negative.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AppealSums {
    pub appeals: i64,
    pub upheld: i64,
    pub overturned: i64,
    pub partially_overturned: i64,
    pub withdrawn: i64,
    pub pending: i64,
    pub answered: i64,
    pub answered_late: i64,
    pub escalations: i64,
    pub finding_stands: i64,
    pub finding_reconsider: i64,
}

impl AppealSums {
    /// One appeal's counts, times `sign` (+1 to add it, −1 to take it away).
    fn of(figure: &AppealFigure, sign: i64) -> AppealSums {
        let is = |yes: bool| if yes { sign } else { 0 };
        let result = figure.result.as_str();
        let finding = figure.finding.as_deref();
        AppealSums {
            appeals: sign,
            upheld: is(result == "upheld"),
            overturned: is(result == "overturned"),
            partially_overturned: is(result == "partially_overturned"),
            withdrawn: is(result == "withdrawn"),
            pending: is(result == "pending"),
            answered: is(figure.answered_on.is_some()),
            answered_late: is(matches!(
                (figure.answered_on, figure.decide_due),
                (Some(answered), Some(due)) if answered > due
            )),
            escalations: is(figure.escalated),
            finding_stands: is(finding == Some("outcome_stands")),
            finding_reconsider: is(finding == Some("recommend_reconsideration")),
        }
    }

    fn add(&mut self, other: &AppealSums) {
        self.appeals += other.appeals;
        self.upheld += other.upheld;
        self.overturned += other.overturned;
        self.partially_overturned += other.partially_overturned;
        self.withdrawn += other.withdrawn;
        self.pending += other.pending;
        self.answered += other.answered;
        self.answered_late += other.answered_late;
        self.escalations += other.escalations;
        self.finding_stands += other.finding_stands;
        self.finding_reconsider += other.finding_reconsider;
    }

    fn is_zero(&self) -> bool {
        *self == AppealSums::default()
    }
}

/// An appeal tally's key: system version, month filed, region, language.
type SumsKey = (i64, NaiveDate, String, String);
/// A tag tally's key: system, month filed, kind, value.
type TagKey = (i64, NaiveDate, String, String);

/// The differences a change of appeal figures makes to the three tallies.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct TallyChanges {
    /// (version, month, region, language) → (body, system, sums)
    sums: BTreeMap<SumsKey, (i64, i64, AppealSums)>,
    /// (version, month, working days) → (body, system, answered appeals)
    days: BTreeMap<(i64, NaiveDate, i32), (i64, i64, i64)>,
    /// (system, month, kind, value) → (body, appeals)
    tags: BTreeMap<TagKey, (i64, i64)>,
}

impl TallyChanges {
    /// The change from `old` figures and tags (as stored) to `new` ones.
    pub fn between(
        old: &[AppealFigure],
        old_tags: &[AppealTag],
        new: &[AppealFigure],
        new_tags: &[AppealTag],
    ) -> TallyChanges {
        let mut changes = TallyChanges::default();
        for (figures, tags, sign) in [(old, old_tags, -1), (new, new_tags, 1)] {
            for figure in figures {
                changes.count(figure, sign);
            }
            for tag in tags {
                let key = (
                    tag.system_id,
                    tag.filed_month,
                    tag.kind.clone(),
                    tag.value.clone(),
                );
                changes.tags.entry(key).or_insert((tag.agency_id, 0)).1 += sign;
            }
        }
        changes.sums.retain(|_, (_, _, sums)| !sums.is_zero());
        changes.days.retain(|_, (_, _, n)| *n != 0);
        changes.tags.retain(|_, (_, n)| *n != 0);
        changes
    }

    fn count(&mut self, figure: &AppealFigure, sign: i64) {
        let sums_key = (
            figure.system_version_id,
            figure.filed_month,
            figure.region.clone(),
            figure.language.clone(),
        );
        self.sums
            .entry(sums_key)
            .or_insert((figure.agency_id, figure.system_id, AppealSums::default()))
            .2
            .add(&AppealSums::of(figure, sign));
        let answered = matches!(
            figure.result.as_str(),
            "upheld" | "overturned" | "partially_overturned"
        );
        if let (Some(days), true) = (figure.working_days, answered) {
            self.days
                .entry((figure.system_version_id, figure.filed_month, days))
                .or_insert((figure.agency_id, figure.system_id, 0))
                .2 += sign;
        }
    }

    /// Adds the differences to the stored tallies.
    pub fn apply(&self, conn: &mut DbConnection) -> QueryResult<()> {
        for ((version, month, region, language), (agency_id, system_id, s)) in &self.sums {
            let row = AppealTallyRow {
                system_version_id: *version,
                filed_month: *month,
                region,
                language,
                agency_id: *agency_id,
                system_id: *system_id,
                appeals: s.appeals,
                upheld: s.upheld,
                overturned: s.overturned,
                partially_overturned: s.partially_overturned,
                withdrawn: s.withdrawn,
                pending: s.pending,
                answered: s.answered,
                answered_late: s.answered_late,
                escalations: s.escalations,
                finding_stands: s.finding_stands,
                finding_reconsider: s.finding_reconsider,
            };
            add_sums(conn, &row)?;
        }
        for ((version, month, days), (agency_id, system_id, answered)) in &self.days {
            let row = DayTallyRow {
                system_version_id: *version,
                filed_month: *month,
                working_days: *days,
                agency_id: *agency_id,
                system_id: *system_id,
                answered: *answered,
            };
            let statement = diesel::insert_into(appeal_day_tallies::table)
                .values(&row)
                .on_conflict((
                    appeal_day_tallies::system_version_id,
                    appeal_day_tallies::filed_month,
                    appeal_day_tallies::working_days,
                ))
                .do_update()
                .set(
                    appeal_day_tallies::answered
                        .eq(appeal_day_tallies::answered + excluded(appeal_day_tallies::answered)),
                );
            match conn {
                DbConnection::Sqlite(c) => statement.execute(c)?,
                DbConnection::Pg(c) => statement.execute(c)?,
            };
        }
        for ((system_id, month, kind, value), (agency_id, appeals)) in &self.tags {
            let row = TagTallyRow {
                system_id: *system_id,
                filed_month: *month,
                kind,
                value,
                agency_id: *agency_id,
                appeals: *appeals,
            };
            let statement = diesel::insert_into(appeal_tag_tallies::table)
                .values(&row)
                .on_conflict((
                    appeal_tag_tallies::system_id,
                    appeal_tag_tallies::filed_month,
                    appeal_tag_tallies::kind,
                    appeal_tag_tallies::value,
                ))
                .do_update()
                .set(
                    appeal_tag_tallies::appeals
                        .eq(appeal_tag_tallies::appeals + excluded(appeal_tag_tallies::appeals)),
                );
            match conn {
                DbConnection::Sqlite(c) => statement.execute(c)?,
                DbConnection::Pg(c) => statement.execute(c)?,
            };
        }
        Ok(())
    }
}

#[derive(Insertable)]
#[diesel(table_name = appeal_tallies)]
struct AppealTallyRow<'a> {
    system_version_id: i64,
    filed_month: NaiveDate,
    region: &'a str,
    language: &'a str,
    agency_id: i64,
    system_id: i64,
    appeals: i64,
    upheld: i64,
    overturned: i64,
    partially_overturned: i64,
    withdrawn: i64,
    pending: i64,
    answered: i64,
    answered_late: i64,
    escalations: i64,
    finding_stands: i64,
    finding_reconsider: i64,
}

#[derive(Insertable)]
#[diesel(table_name = appeal_day_tallies)]
struct DayTallyRow {
    system_version_id: i64,
    filed_month: NaiveDate,
    working_days: i32,
    agency_id: i64,
    system_id: i64,
    answered: i64,
}

#[derive(Insertable)]
#[diesel(table_name = appeal_tag_tallies)]
struct TagTallyRow<'a> {
    system_id: i64,
    filed_month: NaiveDate,
    kind: &'a str,
    value: &'a str,
    agency_id: i64,
    appeals: i64,
}

fn add_sums(conn: &mut DbConnection, row: &AppealTallyRow<'_>) -> QueryResult<()> {
    use appeal_tallies::dsl as t;
    let statement = diesel::insert_into(appeal_tallies::table)
        .values(row)
        .on_conflict((t::system_version_id, t::filed_month, t::region, t::language))
        .do_update()
        .set((
            t::appeals.eq(t::appeals + excluded(t::appeals)),
            t::upheld.eq(t::upheld + excluded(t::upheld)),
            t::overturned.eq(t::overturned + excluded(t::overturned)),
            t::partially_overturned.eq(t::partially_overturned + excluded(t::partially_overturned)),
            t::withdrawn.eq(t::withdrawn + excluded(t::withdrawn)),
            t::pending.eq(t::pending + excluded(t::pending)),
            t::answered.eq(t::answered + excluded(t::answered)),
            t::answered_late.eq(t::answered_late + excluded(t::answered_late)),
            t::escalations.eq(t::escalations + excluded(t::escalations)),
            t::finding_stands.eq(t::finding_stands + excluded(t::finding_stands)),
            t::finding_reconsider.eq(t::finding_reconsider + excluded(t::finding_reconsider)),
        ));
    match conn {
        DbConnection::Sqlite(c) => statement.execute(c)?,
        DbConnection::Pg(c) => statement.execute(c)?,
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, 1).unwrap()
    }

    fn figure(result: &str, days: Option<i32>) -> AppealFigure {
        AppealFigure {
            appeal_id: 1,
            agency_id: 3,
            system_id: 5,
            system_version_id: 7,
            filed_month: month(4),
            region: "430000000".to_string(),
            language: "ru".to_string(),
            result: result.to_string(),
            answered_on: days.map(|_| NaiveDate::from_ymd_opt(2026, 5, 20).unwrap()),
            working_days: days,
            decide_due: Some(NaiveDate::from_ymd_opt(2026, 5, 15).unwrap()),
            escalated: false,
            finding: None,
        }
    }

    fn tag(value: &str) -> AppealTag {
        AppealTag {
            appeal_id: 1,
            kind: "factor".to_string(),
            value: value.to_string(),
            filed_month: month(4),
            agency_id: 3,
            system_id: 5,
        }
    }

    #[test]
    fn an_answer_moves_the_appeal_from_pending_to_its_result() {
        let before = figure("pending", None);
        let after = figure("overturned", Some(22));
        let changes = TallyChanges::between(
            &[before],
            &[tag("income")],
            &[after],
            &[tag("income"), tag("household")],
        );
        let (_, _, sums) = changes.sums.values().next().unwrap();
        assert_eq!(sums.appeals, 0, "the same appeal is still counted once");
        assert_eq!((sums.pending, sums.overturned), (-1, 1));
        assert_eq!((sums.answered, sums.answered_late), (1, 1));
        let days: Vec<_> = changes.days.iter().collect();
        assert_eq!(days, [(&(7, month(4), 22), &(3, 5, 1))]);
        let tags: Vec<_> = changes.tags.keys().map(|k| k.3.as_str()).collect();
        assert_eq!(tags, ["household"], "an unchanged tag is no change");
    }

    #[test]
    fn rewriting_the_same_figures_changes_nothing() {
        let same = figure("upheld", Some(9));
        let changes = TallyChanges::between(
            std::slice::from_ref(&same),
            &[tag("income")],
            std::slice::from_ref(&same),
            &[tag("income")],
        );
        assert_eq!(changes, TallyChanges::default());
    }

    #[test]
    fn a_withdrawn_appeal_has_no_answer_days() {
        let changes = TallyChanges::between(&[], &[], &[figure("withdrawn", Some(3))], &[]);
        assert!(changes.days.is_empty());
        let (_, _, sums) = changes.sums.values().next().unwrap();
        assert_eq!((sums.appeals, sums.withdrawn), (1, 1));
    }
}
