-- The foundation records of DESIGN.md. Portable types only (see CONVENTIONS.md):
-- ids BIGINT, times UTC TIMESTAMP, JSON documents as TEXT.

CREATE TABLE agencies (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    name_json TEXT NOT NULL,
    contact_json TEXT NOT NULL,
    time_zone TEXT NOT NULL DEFAULT 'Asia/Almaty',
    challenge_window_months INTEGER NOT NULL DEFAULT 3,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('reviewer', 'supervisor', 'ombudsman', 'admin')),
    agency_id BIGINT REFERENCES agencies (id),
    active BOOLEAN NOT NULL DEFAULT 1,
    password_changed_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    CHECK ((role IN ('reviewer', 'supervisor')) = (agency_id IS NOT NULL))
);
CREATE INDEX users_agency_idx ON users (agency_id);

CREATE TABLE ai_systems (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    agency_id BIGINT NOT NULL REFERENCES agencies (id),
    current_version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX ai_systems_agency_idx ON ai_systems (agency_id);

CREATE TABLE ai_system_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    system_id BIGINT NOT NULL REFERENCES ai_systems (id),
    version INTEGER NOT NULL,
    content_json TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    risk_level TEXT NOT NULL CHECK (risk_level IN ('minimal', 'medium', 'high')),
    status TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'retired')),
    search_text TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (system_id, version)
);

CREATE TABLE decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    reference TEXT NOT NULL UNIQUE,
    agency_id BIGINT NOT NULL REFERENCES agencies (id),
    system_version_id BIGINT NOT NULL REFERENCES ai_system_versions (id),
    external_id TEXT NOT NULL,
    access_code_hash TEXT NOT NULL,
    outcome TEXT NOT NULL,
    decided_at TIMESTAMP NOT NULL,
    content_json TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    subject_email TEXT,
    subject_national_id_hash TEXT,
    subject_language TEXT,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (agency_id, external_id)
);
CREATE INDEX decisions_version_idx ON decisions (system_version_id);

CREATE TABLE appeals (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
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

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    actor_kind TEXT NOT NULL,
    actor_id BIGINT,
    actor_role TEXT,
    agency_id BIGINT,
    action TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    details_json TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    recipient TEXT NOT NULL,
    language TEXT NOT NULL,
    template TEXT NOT NULL,
    payload_json TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    lease_until TIMESTAMP,
    sent_at TIMESTAMP,
    last_error TEXT
);
CREATE INDEX outbox_due_idx ON outbox (status, next_attempt_at);

CREATE TABLE revoked_sessions (
    session_id TEXT PRIMARY KEY NOT NULL,
    revoked_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);

CREATE TABLE rate_limit_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    bucket TEXT NOT NULL,
    subject TEXT NOT NULL,
    occurred_at TIMESTAMP NOT NULL
);
CREATE INDEX rate_limit_events_lookup_idx ON rate_limit_events (bucket, subject, occurred_at);
