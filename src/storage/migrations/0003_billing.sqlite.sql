-- Billing review (DESIGN.md B1, B4): reviews run for an account, their findings with evidence
-- and status, and bill column mappings saved per carrier. Sqlite dialect; keep in step with the
-- other 0003_billing file. Money is integer cents; dates "YYYY-MM-DD" and times ISO 8601 UTC
-- text, as in 0001.

CREATE TABLE billing_reviews (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id),
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    period_start TEXT,
    period_end TEXT,
    monthly_savings_cents BIGINT NOT NULL,
    refund_cents BIGINT NOT NULL,
    billed_total_cents BIGINT NOT NULL,
    findings INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    created_by BIGINT REFERENCES users(id)
);
CREATE INDEX billing_reviews_account ON billing_reviews (org_id, account_id, id);

-- One row per (account, type, number): a later review updates the amounts and keeps the status.
CREATE TABLE billing_findings (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id),
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    review_id BIGINT NOT NULL REFERENCES billing_reviews(id),
    type TEXT NOT NULL CHECK (type IN ('billed_not_found', 'billed_no_dial_tone', 'billed_unused',
        'unbilled_on_site', 'duplicate_mrc', 'usage_without_cdrs', 'usage_overbilled',
        'bandwidth_overbilled')),
    number TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    monthly_cents BIGINT NOT NULL,
    since TEXT,
    months INTEGER NOT NULL,
    refund_cents BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'disputed', 'credited', 'rejected')),
    note TEXT NOT NULL DEFAULT '',
    period_start TEXT,
    period_end TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (org_id, account_id, type, number)
);
CREATE INDEX billing_findings_account ON billing_findings (org_id, account_id, id);

CREATE TABLE billing_finding_evidence (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id),
    finding_id BIGINT NOT NULL REFERENCES billing_findings(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    source TEXT NOT NULL,
    file TEXT NOT NULL DEFAULT '',
    line BIGINT NOT NULL DEFAULT 0,
    text TEXT NOT NULL
);
CREATE INDEX billing_finding_evidence_finding ON billing_finding_evidence (org_id, finding_id, position);

CREATE TABLE billing_carrier_mappings (
    org_id BIGINT NOT NULL REFERENCES organisations(id),
    carrier TEXT NOT NULL,
    mapping TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (org_id, carrier)
);
