-- The key ring (docs/security.md, "Keys"): which version of each purpose's key is current and
-- until when an older one verifies. It holds no secret: the keys are derived from the master
-- secret, which stays outside the database. A purpose without rows is at version 1.
CREATE TABLE key_ring (
    purpose TEXT NOT NULL,
    version BIGINT NOT NULL,
    added_at TIMESTAMP NOT NULL,
    verifies_until TIMESTAMP,
    PRIMARY KEY (purpose, version)
);

-- The audit key that made an entry's chain hash (an HMAC); empty for the entries written
-- before, whose hash is plain SHA-256. Adding a column changes no row, so the append-only
-- triggers are not involved.
ALTER TABLE audit_log ADD COLUMN key_id TEXT;
