-- A form's typed values and errors when they are too long for a cookie (the register editor):
-- the cookie then carries only this row's random id. Read once, then deleted.
CREATE TABLE stored_flashes (
    id TEXT PRIMARY KEY NOT NULL,
    payload TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
