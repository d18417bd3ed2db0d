-- Signed checkpoints of the audit chain's head, and an audit log that can only be appended to
-- (docs/security.md). A checkpoint's signature is an HMAC under a key kept outside the
-- database, so rewriting the log and its hashes, or removing its newest entries, no longer
-- verifies against the checkpoints written before.
CREATE TABLE audit_checkpoints (
    id BIGSERIAL PRIMARY KEY,
    last_entry_id BIGINT NOT NULL,
    last_hash TEXT NOT NULL,
    entries BIGINT NOT NULL,
    made_at TIMESTAMP NOT NULL,
    key_id TEXT NOT NULL,
    signature TEXT NOT NULL
);

CREATE FUNCTION redress_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the % table can only be appended to', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION redress_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION redress_append_only();
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
    FOR EACH ROW EXECUTE FUNCTION redress_append_only();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION redress_append_only();
