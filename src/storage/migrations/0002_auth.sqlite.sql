-- Sign-in (DESIGN.md P4): password hashes, sessions, API tokens and sign-in attempts. Sqlite dialect;
-- keep in step with the other 0002_auth file. Times are ISO 8601 UTC text, as in 0001.
-- Secrets are never stored: token_hash is the hex SHA-256 of the session token or API secret.

-- An argon2id hash string; NULL: the user cannot sign in.
ALTER TABLE users ADD COLUMN password_hash TEXT;
-- Sign-in finds a user by email before it knows the organisation.
CREATE INDEX users_email ON users (email);

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    token_hash TEXT NOT NULL UNIQUE,
    csrf_token TEXT NOT NULL,
    client_address TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX sessions_org_user ON sessions (org_id, user_id, id);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
);
CREATE INDEX api_tokens_org_user ON api_tokens (org_id, user_id, id);

-- Not business data: keyed by the email as typed and the client address, so that unknown emails
-- are throttled like known ones. Rows older than a day are deleted at each sign-in.
CREATE TABLE login_attempts (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    client_address TEXT NOT NULL,
    attempted_at TEXT NOT NULL,
    succeeded INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX login_attempts_email ON login_attempts (email, attempted_at);
CREATE INDEX login_attempts_address ON login_attempts (client_address, attempted_at);
CREATE INDEX login_attempts_time ON login_attempts (attempted_at);
