-- Follow-ups (DESIGN.md F1): the next step with every active account. Sqlite dialect; keep in
-- step with the other 0005_followups file. Times are ISO 8601 UTC text, dates YYYY-MM-DD, as in 0001.

CREATE TABLE followups (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id),
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    contact_id BIGINT REFERENCES contacts(id),
    assigned_to BIGINT NOT NULL REFERENCES users(id),
    due_on TEXT NOT NULL,
    due_minute INTEGER CHECK (due_minute BETWEEN 0 AND 1439),  -- local time of day, optional
    channel TEXT NOT NULL CHECK (channel IN ('phone', 'email', 'text', 'visit')),
    reason TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'done')),
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    closed_at TEXT,
    closed_by BIGINT REFERENCES users(id),
    outcome TEXT NOT NULL DEFAULT '',
    next_id BIGINT REFERENCES followups(id),
    no_next_reason TEXT NOT NULL DEFAULT '',
    -- F2: planned against the contact policy with a written reason (counted per user).
    policy_override_reason TEXT NOT NULL DEFAULT '',
    policy_overridden_rules TEXT NOT NULL DEFAULT ''
);
CREATE INDEX followups_org_account ON followups (org_id, account_id, status, due_on);
CREATE INDEX followups_org_assigned_open ON followups (org_id, assigned_to, status, due_on);

-- The contact policy (F2) and stay-in-touch intervals (F3): the organisation's defaults
-- (scope 'organisation', target_id 0), an account's override (target_id = account id) and a
-- contact's override (target_id = contact id). NULL: inherit (docs/contact-policy.md).
CREATE TABLE contact_policies (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id),
    scope TEXT NOT NULL CHECK (scope IN ('organisation', 'account', 'contact')),
    target_id BIGINT NOT NULL,
    min_days_between_touches INTEGER,
    max_touches_per_30_days INTEGER,
    quiet_weekdays INTEGER,
    quiet_from_minute INTEGER,
    quiet_until_minute INTEGER,
    preferred_channel TEXT,
    time_zone TEXT,
    ideal_interval_days INTEGER,
    max_interval_days INTEGER,
    updated_at TEXT NOT NULL,
    UNIQUE (org_id, scope, target_id)
);
