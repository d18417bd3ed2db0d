-- Errors in register entries reported by anyone, listed for the owning agency's supervisors.
CREATE TABLE register_flags (
    id BIGSERIAL PRIMARY KEY,
    system_id BIGINT NOT NULL REFERENCES ai_systems (id),
    version INTEGER NOT NULL,
    message TEXT NOT NULL,
    contact_email TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX register_flags_system_idx ON register_flags (system_id, created_at);
CREATE INDEX decisions_agency_decided_idx ON decisions (agency_id, decided_at);
