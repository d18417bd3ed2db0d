-- Signed checkpoints of the audit chain's head, and an audit log that can only be appended to
-- (docs/security.md). A checkpoint's signature is an HMAC under a key kept outside the
-- database, so rewriting the log and its hashes, or removing its newest entries, no longer
-- verifies against the checkpoints written before.
CREATE TABLE audit_checkpoints (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    last_entry_id BIGINT NOT NULL,
    last_hash TEXT NOT NULL,
    entries BIGINT NOT NULL,
    made_at TIMESTAMP NOT NULL,
    key_id TEXT NOT NULL,
    signature TEXT NOT NULL
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit_log table can only be appended to');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit_log table can only be appended to');
END;
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN
    SELECT RAISE(ABORT, 'the audit_checkpoints table can only be appended to');
END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN
    SELECT RAISE(ABORT, 'the audit_checkpoints table can only be appended to');
END;
