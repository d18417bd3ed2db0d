DROP TABLE blob_deletions;
DROP INDEX decisions_retention_idx;
ALTER TABLE decisions DROP COLUMN purged_at;
ALTER TABLE agencies DROP COLUMN retention_months;
