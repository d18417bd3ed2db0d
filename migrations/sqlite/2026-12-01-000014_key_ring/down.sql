ALTER TABLE audit_log DROP COLUMN key_id;
DROP TABLE key_ring;
