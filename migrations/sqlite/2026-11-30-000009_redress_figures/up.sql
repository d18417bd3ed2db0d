-- The figures of the redress statistics, kept up to date by the services that change what they
-- count, so the statistics never scan a million decisions (docs/statistics.md).

-- Decisions counted by the state body's local month, system version, outcome code, region and
-- language. '' stands for "not given". Written in the transaction that stores the decision.
CREATE TABLE decision_tallies (
    system_version_id BIGINT NOT NULL REFERENCES ai_system_versions (id),
    month DATE NOT NULL,
    outcome TEXT NOT NULL,
    region TEXT NOT NULL,
    language TEXT NOT NULL,
    agency_id BIGINT NOT NULL REFERENCES agencies (id),
    system_id BIGINT NOT NULL REFERENCES ai_systems (id),
    decisions BIGINT NOT NULL,
    PRIMARY KEY (system_version_id, month, outcome, region, language)
);
CREATE INDEX decision_tallies_month_idx ON decision_tallies (
    month, agency_id, system_id, system_version_id, outcome, region, language, decisions
);

-- One row per appeal with what the statistics count, refreshed in the transaction of every
-- step that changes the appeal. `result` is pending, upheld, overturned, partially_overturned
-- or withdrawn; `decide_due` is NULL while the clock is paused.
CREATE TABLE appeal_figures (
    appeal_id BIGINT PRIMARY KEY REFERENCES appeals (id),
    agency_id BIGINT NOT NULL REFERENCES agencies (id),
    system_id BIGINT NOT NULL REFERENCES ai_systems (id),
    system_version_id BIGINT NOT NULL REFERENCES ai_system_versions (id),
    filed_month DATE NOT NULL,
    region TEXT NOT NULL,
    language TEXT NOT NULL,
    result TEXT NOT NULL,
    answered_on DATE,
    working_days INTEGER,
    decide_due DATE,
    escalated BOOLEAN NOT NULL,
    finding TEXT
);
-- Covering: the statistics' grouped reads find every column they group or sum in the index,
-- in month order, and never visit the table.
CREATE INDEX appeal_figures_month_idx ON appeal_figures (
    filed_month, agency_id, system_id, system_version_id, working_days, result, answered_on,
    decide_due, escalated, finding, region, language
);

-- The grounds (kind 'ground') and challenged factors (kind 'factor') of each appeal, with the
-- appeal's month, body and system repeated so they are counted without a join.
CREATE TABLE appeal_figure_tags (
    appeal_id BIGINT NOT NULL REFERENCES appeals (id),
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    filed_month DATE NOT NULL,
    agency_id BIGINT NOT NULL,
    system_id BIGINT NOT NULL,
    PRIMARY KEY (appeal_id, kind, value)
);
CREATE INDEX appeal_figure_tags_month_idx ON appeal_figure_tags (filed_month, kind, agency_id, system_id, value);

-- Systemic review notes the ombudsman opens on a system; its state body sees them.
CREATE TABLE systemic_reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    system_id BIGINT NOT NULL REFERENCES ai_systems (id),
    agency_id BIGINT NOT NULL REFERENCES agencies (id),
    note TEXT NOT NULL,
    opened_by BIGINT NOT NULL REFERENCES users (id),
    opened_at TIMESTAMP NOT NULL
);
CREATE INDEX systemic_reviews_agency_idx ON systemic_reviews (agency_id, opened_at);
