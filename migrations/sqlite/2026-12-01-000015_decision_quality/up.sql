-- Quality warnings on ingested decisions (docs/api.md, "Quality checks"): one row per soft
-- problem found when a decision was first stored. A re-send that changes nothing adds no row.
-- The system is kept beside the decision so a system's score is read from one index.
CREATE TABLE decision_quality_warnings (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    decision_id BIGINT NOT NULL REFERENCES decisions (id),
    system_id BIGINT NOT NULL REFERENCES ai_systems (id),
    code TEXT NOT NULL,
    field TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX decision_quality_warnings_by_system ON decision_quality_warnings (system_id, code);
CREATE INDEX decision_quality_warnings_by_decision ON decision_quality_warnings (decision_id);
