-- Email through a durable outbox, and citizens signing in by email (docs/notifications.md).

-- The foundation's placeholder is replaced: a message is its kind, its language and the facts
-- its words are filled from (rendered when sent, with the portal's public address).
DROP TABLE outbox;
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    kind TEXT NOT NULL,
    recipient TEXT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('kk', 'ru', 'en')),
    facts_json TEXT NOT NULL,
    -- The appeal the message is about, for the citizen's data export and the admin's list.
    appeal_reference TEXT,
    -- At most one message per key (the daily deadline digest of one person, say).
    dedup_key TEXT UNIQUE,
    status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    -- A worker's claim on a queued message: who, and until when (then another may take it).
    claimed_by TEXT,
    lease_until TIMESTAMP,
    sent_at TIMESTAMP,
    last_error TEXT
);
CREATE INDEX outbox_due_idx ON outbox (status, next_attempt_at);
CREATE INDEX outbox_recipient_idx ON outbox (recipient);

-- Single-use links: only the SHA-256 of the token is kept.
CREATE TABLE email_links (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    purpose TEXT NOT NULL CHECK (purpose IN ('sign_in', 'confirm')),
    email TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX email_links_expiry_idx ON email_links (expires_at);

-- Addresses their owner proved to control, by a confirmation or a sign-in link.
CREATE TABLE confirmed_emails (
    email TEXT PRIMARY KEY NOT NULL,
    confirmed_at TIMESTAMP NOT NULL
);

-- A staff member's language, for the messages sent to them (set at sign-in).
ALTER TABLE users ADD COLUMN language TEXT;

-- A signed-in citizen's decisions and appeals are found by address.
CREATE INDEX decisions_subject_email_idx ON decisions (lower(subject_email));
CREATE INDEX appeals_contact_email_idx ON appeals (lower(contact_email));
