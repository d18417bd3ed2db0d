ALTER TABLE agencies DROP COLUMN deadline_profile_json;
DROP TABLE calendar_exceptions;
