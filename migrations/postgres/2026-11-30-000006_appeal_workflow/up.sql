-- The appeal workflow (docs/appeals.md). The foundation's placeholder table held too little to
-- run the workflow and was never written to, so it is replaced.
DROP TABLE appeals;

-- One challenge of one decision. The state and the facts the state machine reads
-- (domain::appeal::AppealFacts) are columns; the grounds, a proposal and an outcome are typed
-- documents stored as JSON. Deadlines are stored so the queue sorts on them with an index, and
-- are recomputed whenever the agency's calendar changes.
CREATE TABLE appeals (
    id BIGSERIAL PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    decision_id BIGINT NOT NULL REFERENCES decisions (id),
    agency_id BIGINT NOT NULL REFERENCES agencies (id),
    state TEXT NOT NULL CHECK (state IN ('submitted', 'under_review', 'awaiting_citizen',
        'pending_approval', 'decided', 'escalated', 'resolved', 'closed', 'withdrawn')),
    grounds_json TEXT NOT NULL,
    statement TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('kk', 'ru', 'en')),
    -- The filing form's one-time token: a second submit of the same form finds this appeal.
    idempotency_key TEXT NOT NULL,
    assignee_id BIGINT REFERENCES users (id),
    filed_at TIMESTAMP NOT NULL,
    -- The filing date in the agency's time zone: deadlines count from it.
    filed_on DATE NOT NULL,
    acknowledge_by DATE NOT NULL,
    decide_by DATE NOT NULL,
    -- The day the decide period counts from: the filing date, or the day the appeal was reopened
    -- after an ombudsman recommended reconsideration.
    decide_from DATE NOT NULL,
    -- The date a supervisor extended the decide deadline to, with the reason the citizen reads.
    extended_to DATE,
    extension_reason TEXT,
    extensions_used INTEGER NOT NULL DEFAULT 0,
    acknowledged_on DATE,
    decided_on DATE,
    escalate_until DATE,
    proposal_json TEXT,
    outcome_json TEXT,
    finding TEXT CHECK (finding IN ('outcome_stands', 'recommend_reconsideration')),
    close_reason TEXT,
    -- The signed filing receipt (compact JWS, docs/receipts.md), kept so the citizen can fetch
    -- it again.
    receipt TEXT NOT NULL,
    -- Bumped by every change: a change made from a page that showed an older version is refused.
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (decision_id, idempotency_key)
);
CREATE INDEX appeals_queue_idx ON appeals (agency_id, state, decide_by);
CREATE INDEX appeals_decision_idx ON appeals (decision_id);
CREATE INDEX appeals_state_idx ON appeals (state, updated_at);

-- The case's history: every step, message and note, in order. Public entries are the
-- citizen's to read; internal ones (staff notes) are not.
CREATE TABLE appeal_entries (
    id BIGSERIAL PRIMARY KEY,
    appeal_id BIGINT NOT NULL REFERENCES appeals (id),
    occurred_at TIMESTAMP NOT NULL,
    author TEXT NOT NULL CHECK (author IN ('citizen', 'staff', 'ombudsman', 'system')),
    author_user_id BIGINT REFERENCES users (id),
    kind TEXT NOT NULL,
    visibility TEXT NOT NULL CHECK (visibility IN ('public', 'internal')),
    body TEXT NOT NULL DEFAULT ''
);
CREATE INDEX appeal_entries_appeal_idx ON appeal_entries (appeal_id, id);

-- Stops of the decide clock while the agency waits on the citizen; ended_on is the day the
-- clock ran again (NULL while it is stopped).
CREATE TABLE appeal_pauses (
    id BIGSERIAL PRIMARY KEY,
    appeal_id BIGINT NOT NULL REFERENCES appeals (id),
    started_on DATE NOT NULL,
    ended_on DATE
);
CREATE INDEX appeal_pauses_appeal_idx ON appeal_pauses (appeal_id);

-- Evidence files: the bytes are in the blob store under blob_key; the SHA-256 is what the
-- filing receipt names.
CREATE TABLE appeal_attachments (
    id BIGSERIAL PRIMARY KEY,
    appeal_id BIGINT NOT NULL REFERENCES appeals (id),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    blob_key TEXT NOT NULL,
    added_by TEXT NOT NULL CHECK (added_by IN ('citizen', 'staff')),
    added_at TIMESTAMP NOT NULL,
    UNIQUE (appeal_id, sha256)
);

-- An overturn records the corrected outcome beside the original, which is never changed.
ALTER TABLE decisions ADD COLUMN corrected_outcome_json TEXT;

-- The citizen's page lists who viewed their case, read from the audit log by subject.
CREATE INDEX audit_log_subject_idx ON audit_log (subject_kind, subject_id);
