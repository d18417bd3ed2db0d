DROP INDEX decisions_agency_decided_idx;
DROP TABLE register_flags;
