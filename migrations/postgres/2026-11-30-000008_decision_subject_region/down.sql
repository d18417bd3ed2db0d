DROP INDEX decisions_system_region_idx;
ALTER TABLE decisions DROP COLUMN subject_region;
