DROP INDEX appeal_figures_pending_idx;
CREATE INDEX appeal_figures_month_idx ON appeal_figures (
    filed_month, agency_id, system_id, system_version_id, working_days, result, answered_on,
    decide_due, escalated, finding, region, language
);
CREATE INDEX appeal_figure_tags_month_idx ON appeal_figure_tags (filed_month, kind, agency_id, system_id, value);
DROP TABLE appeal_tag_tallies;
DROP TABLE appeal_day_tallies;
DROP TABLE appeal_tallies;
