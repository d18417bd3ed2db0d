-- Machine clients of agency systems: client credentials, the secret kept only as a keyed hash.
CREATE TABLE api_clients (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    client_id TEXT NOT NULL UNIQUE,
    secret_hash TEXT NOT NULL,
    agency_id BIGINT NOT NULL REFERENCES agencies (id),
    scopes TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX api_clients_agency_idx ON api_clients (agency_id);
