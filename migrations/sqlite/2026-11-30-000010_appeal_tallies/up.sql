-- Appeals counted by month, kept beside the one-row-per-appeal figures so a dashboard over
-- three years adds up a few thousand tallies instead of every appeal (docs/statistics.md).
-- Each is changed by the difference an appeal's new figures make, in the transaction that
-- writes them.

-- Appeals by system version, month filed, region and language ('' when not given), with the
-- count of each result. `answered_late` counts answers given after the decide-by date; open
-- appeals past it are counted from `appeal_figures`, as that depends on the day asked.
CREATE TABLE appeal_tallies (
    system_version_id BIGINT NOT NULL REFERENCES ai_system_versions (id),
    filed_month DATE NOT NULL,
    region TEXT NOT NULL,
    language TEXT NOT NULL,
    agency_id BIGINT NOT NULL REFERENCES agencies (id),
    system_id BIGINT NOT NULL REFERENCES ai_systems (id),
    appeals BIGINT NOT NULL,
    upheld BIGINT NOT NULL,
    overturned BIGINT NOT NULL,
    partially_overturned BIGINT NOT NULL,
    withdrawn BIGINT NOT NULL,
    pending BIGINT NOT NULL,
    answered BIGINT NOT NULL,
    answered_late BIGINT NOT NULL,
    escalations BIGINT NOT NULL,
    finding_stands BIGINT NOT NULL,
    finding_reconsider BIGINT NOT NULL,
    PRIMARY KEY (system_version_id, filed_month, region, language)
);
-- Covering, in month order, like the decision tallies' index.
CREATE INDEX appeal_tallies_month_idx ON appeal_tallies (
    filed_month, agency_id, system_id, system_version_id, region, language, appeals, upheld,
    overturned, partially_overturned, withdrawn, pending, answered, answered_late, escalations,
    finding_stands, finding_reconsider
);

-- Answered appeals (upheld, overturned, partially overturned) by the working days taken: the
-- histogram the median and 90th percentile are read from.
CREATE TABLE appeal_day_tallies (
    system_version_id BIGINT NOT NULL REFERENCES ai_system_versions (id),
    filed_month DATE NOT NULL,
    working_days INTEGER NOT NULL,
    agency_id BIGINT NOT NULL REFERENCES agencies (id),
    system_id BIGINT NOT NULL REFERENCES ai_systems (id),
    answered BIGINT NOT NULL,
    PRIMARY KEY (system_version_id, filed_month, working_days)
);
CREATE INDEX appeal_day_tallies_month_idx ON appeal_day_tallies (
    filed_month, agency_id, system_id, system_version_id, working_days, answered
);

-- Appeals naming each ground or challenged factor, by system and month filed.
CREATE TABLE appeal_tag_tallies (
    system_id BIGINT NOT NULL REFERENCES ai_systems (id),
    filed_month DATE NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    agency_id BIGINT NOT NULL REFERENCES agencies (id),
    appeals BIGINT NOT NULL,
    PRIMARY KEY (system_id, filed_month, kind, value)
);
CREATE INDEX appeal_tag_tallies_month_idx ON appeal_tag_tallies (
    filed_month, agency_id, system_id, kind, value, appeals
);

INSERT INTO appeal_tallies
SELECT system_version_id, filed_month, region, language, MIN(agency_id), MIN(system_id),
       COUNT(*),
       SUM(CASE WHEN result = 'upheld' THEN 1 ELSE 0 END),
       SUM(CASE WHEN result = 'overturned' THEN 1 ELSE 0 END),
       SUM(CASE WHEN result = 'partially_overturned' THEN 1 ELSE 0 END),
       SUM(CASE WHEN result = 'withdrawn' THEN 1 ELSE 0 END),
       SUM(CASE WHEN result = 'pending' THEN 1 ELSE 0 END),
       SUM(CASE WHEN answered_on IS NOT NULL THEN 1 ELSE 0 END),
       SUM(CASE WHEN answered_on IS NOT NULL AND answered_on > decide_due THEN 1 ELSE 0 END),
       SUM(CASE WHEN escalated THEN 1 ELSE 0 END),
       SUM(CASE WHEN finding = 'outcome_stands' THEN 1 ELSE 0 END),
       SUM(CASE WHEN finding = 'recommend_reconsideration' THEN 1 ELSE 0 END)
FROM appeal_figures
GROUP BY system_version_id, filed_month, region, language;

INSERT INTO appeal_day_tallies
SELECT system_version_id, filed_month, working_days, MIN(agency_id), MIN(system_id), COUNT(*)
FROM appeal_figures
WHERE working_days IS NOT NULL
  AND result IN ('upheld', 'overturned', 'partially_overturned')
GROUP BY system_version_id, filed_month, working_days;

INSERT INTO appeal_tag_tallies
SELECT system_id, filed_month, kind, value, MIN(agency_id), COUNT(*)
FROM appeal_figure_tags
GROUP BY system_id, filed_month, kind, value;

-- The per-appeal rows are now read only for open appeals past their deadline.
DROP INDEX appeal_figures_month_idx;
DROP INDEX appeal_figure_tags_month_idx;
CREATE INDEX appeal_figures_pending_idx ON appeal_figures (
    filed_month, agency_id, system_id, system_version_id, decide_due
) WHERE result = 'pending';
