-- A register entry is reviewed before the public sees it (docs/api.md, "Drafts and
-- publishing"): a change from an agency's system or the staff editor waits here, one draft
-- per slug, until a supervisor of the owning agency publishes it with a change note or
-- discards it. Published versions stay in ai_system_versions, so every public reader
-- (pages, the API, ingest, statistics) sees published versions only.
CREATE TABLE ai_system_drafts (
    id BIGSERIAL PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    agency_id BIGINT NOT NULL REFERENCES agencies (id),
    -- The published version the draft was made from; 0 for an entry never published.
    base_version INTEGER NOT NULL,
    content_json TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX ai_system_drafts_agency_idx ON ai_system_drafts (agency_id, updated_at);

-- What changed, in the publisher's words; versions published before review have none.
ALTER TABLE ai_system_versions ADD COLUMN change_note TEXT;

-- An error report gets an answer: the owning agency's supervisor moves it from open to
-- acknowledged, answered or resolved, with a reply the public reads on the entry page.
ALTER TABLE register_flags ADD COLUMN status TEXT NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'acknowledged', 'answered', 'resolved'));
ALTER TABLE register_flags ADD COLUMN reply TEXT;
ALTER TABLE register_flags ADD COLUMN status_changed_at TIMESTAMP;
