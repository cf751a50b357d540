-- Billing review, second part (DESIGN.md B2, B4). Sqlite dialect; keep in step with the other
-- 0007_billing_verification file. Times are ISO 8601 UTC text, dates YYYY-MM-DD, as in 0001.

-- When a finding last changed status (the agenda asks how long a dispute has been pending).
-- Existing rows: open ones since they were found, the others since their last update.
ALTER TABLE billing_findings ADD COLUMN status_changed_at TEXT;
UPDATE billing_findings
   SET status_changed_at = CASE WHEN status = 'open' THEN created_at ELSE updated_at END;
CREATE INDEX billing_findings_pending ON billing_findings (org_id, status, account_id);

-- Field verification (B2): a technician's one-tap test of a line on site, from the phone. The
-- latest test of a number feeds the next review of the account like a verification sheet row.
-- number: E.164, or the circuit id as typed for a circuit.
CREATE TABLE billing_verifications (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id),
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    site_id BIGINT NOT NULL REFERENCES sites(id),
    line_id BIGINT REFERENCES lines(id),
    number TEXT NOT NULL,
    result TEXT NOT NULL CHECK (result IN ('working', 'no_dial_tone', 'not_found', 'not_in_use')),
    measured_mbps_milli BIGINT,  -- a circuit's measured speed, Mbit/s x 1000
    tested_at TEXT NOT NULL,
    technician_id BIGINT REFERENCES users(id),
    technician TEXT NOT NULL DEFAULT ''
);
CREATE INDEX billing_verifications_account ON billing_verifications (org_id, account_id, tested_at);
