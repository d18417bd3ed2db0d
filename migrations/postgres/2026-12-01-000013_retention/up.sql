-- Retention of personal data (docs/security.md, "Retention"). Each state body keeps a case's
-- personal data for its own number of months after the case's last activity, five years unless
-- it sets another period; `redress purge` (and the housekeeping loop, daily) then removes it and
-- marks the decision purged. The decision and appeal rows stay, without their personal data,
-- because the statistics and the audit log refer to them.
ALTER TABLE agencies ADD COLUMN retention_months INTEGER NOT NULL DEFAULT 60
    CHECK (retention_months BETWEEN 12 AND 1200);

-- When the case's personal data was removed; NULL while it is kept.
ALTER TABLE decisions ADD COLUMN purged_at TIMESTAMP;

-- Finding expired cases: per state body, the decisions not yet purged in the order they were
-- stored. Purged decisions leave the index, so it stays as small as the data still kept.
CREATE INDEX decisions_retention_idx ON decisions (agency_id, created_at, id)
    WHERE purged_at IS NULL;

-- Evidence files whose records a purge removed, until the blob store has deleted them too. The
-- blob store is outside the database's transactions: the keys are queued in the purge's
-- transaction and a deletion that fails is tried again at the next purge.
CREATE TABLE blob_deletions (
    blob_key TEXT PRIMARY KEY NOT NULL,
    queued_at TIMESTAMP NOT NULL
);
