-- The region of the person a decision is about (the KATO code of the oblast or city of
-- republican significance), optional, for the statistics' disparity monitor.
ALTER TABLE decisions ADD COLUMN subject_region TEXT;
CREATE INDEX decisions_system_region_idx ON decisions (system_version_id, subject_region);
