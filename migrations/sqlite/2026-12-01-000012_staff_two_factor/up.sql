-- Two-factor sign-in for staff (docs/security.md, "Two-factor sign-in").

-- One authenticator per staff member. The TOTP secret is sealed (authenticated encryption under
-- a key kept outside the database, bound to the account), never stored in the clear.
CREATE TABLE staff_two_factor (
    user_id BIGINT PRIMARY KEY NOT NULL REFERENCES users (id),
    secret_sealed TEXT NOT NULL,
    -- The recovery codes as last issued, sealed, until the staff member says they are kept
    -- (or confirms enrolment): they are shown, and can be shown again, only until then.
    recovery_sealed TEXT,
    -- NULL while the enrolment waits for its first code.
    confirmed_at TIMESTAMP,
    -- The RFC 6238 time step of the last code accepted: a code is accepted once.
    last_step BIGINT,
    created_at TIMESTAMP NOT NULL
);

-- Single-use recovery codes, kept as keyed hashes only.
CREATE TABLE staff_recovery_codes (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id),
    code_hash TEXT NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX staff_recovery_codes_user_idx ON staff_recovery_codes (user_id);
