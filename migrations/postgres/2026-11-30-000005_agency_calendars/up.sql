-- Each agency counts its deadlines on its own calendar: the holiday rules of the deployment's
-- country (in the code, server/src/domain/calendar) plus the dated exceptions its admins enter
-- here (the government's yearly swap of working days and days off, a newly announced religious
-- holiday, a day a preloaded holiday no longer applies). See docs/deadlines.md.
CREATE TABLE calendar_exceptions (
    id BIGSERIAL PRIMARY KEY,
    agency_id BIGINT NOT NULL REFERENCES agencies (id),
    day DATE NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('day_off', 'working_day')),
    note TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (agency_id, day)
);

-- The agency's terms as data (domain::calendar::DeadlineProfile); '{}' is the default profile,
-- the Administrative Procedural Code's.
ALTER TABLE agencies ADD COLUMN deadline_profile_json TEXT NOT NULL DEFAULT '{}';
