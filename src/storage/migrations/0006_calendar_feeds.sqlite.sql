-- Calendar feeds (DESIGN.md F5): a secret, revocable iCalendar address per user. Sqlite dialect;
-- keep in step with the other 0006_calendar_feeds file. Times are ISO 8601 UTC text, as in 0001.
-- The secret is never stored: secret_hash is the hex SHA-256 of it, as for API tokens.

CREATE TABLE calendar_feeds (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    prefix TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
);
-- At most one live feed per user.
CREATE UNIQUE INDEX calendar_feeds_live ON calendar_feeds (org_id, user_id) WHERE revoked_at IS NULL;

-- The feed lists the visits a user logged lately.
CREATE INDEX interactions_org_user_kind_time ON interactions (org_id, user_id, kind, occurred_at);
