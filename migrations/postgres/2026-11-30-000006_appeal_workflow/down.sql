DROP INDEX audit_log_subject_idx;
ALTER TABLE decisions DROP COLUMN corrected_outcome_json;
DROP TABLE appeal_attachments;
DROP TABLE appeal_pauses;
DROP TABLE appeal_entries;
DROP TABLE appeals;
CREATE TABLE appeals (
    id BIGSERIAL PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    decision_id BIGINT NOT NULL REFERENCES decisions (id),
    state TEXT NOT NULL,
    grounds TEXT NOT NULL,
    statement TEXT NOT NULL,
    contact_email TEXT,
    language TEXT NOT NULL,
    assignee_id BIGINT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX appeals_decision_idx ON appeals (decision_id);
