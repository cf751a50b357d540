-- Records (DESIGN.md R1-R6) and the search index (R8). SQLite dialect; keep in step with
-- 0001_records.postgres.sql. Times are ISO 8601 UTC text, dates YYYY-MM-DD, money integer cents,
-- booleans 0/1. Every business table carries org_id.

CREATE TABLE organisations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    phone_region TEXT NOT NULL DEFAULT 'US',
    created_at TEXT NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id),
    email TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'technician')),
    created_at TEXT NOT NULL,
    UNIQUE (org_id, email)
);

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id),
    name TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('customer', 'prospect', 'former')),
    industry TEXT NOT NULL DEFAULT '',
    region TEXT NOT NULL DEFAULT '',
    annual_revenue_cents BIGINT,
    next_refresh_year INTEGER,
    budget_month INTEGER CHECK (budget_month BETWEEN 1 AND 12),
    comms_flow_notes TEXT NOT NULL DEFAULT '',
    technician_id BIGINT REFERENCES users(id),
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX accounts_org_name ON accounts (org_id, lower(name), id);
CREATE INDEX accounts_org_status ON accounts (org_id, status);
CREATE INDEX accounts_org_region ON accounts (org_id, region);
CREATE INDEX accounts_org_technician ON accounts (org_id, technician_id);

CREATE TABLE comm_flow_entries (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id),
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    number_e164 TEXT,
    number_extension TEXT,
    number_as_typed TEXT,
    routes_to TEXT NOT NULL DEFAULT ''
);
CREATE INDEX comm_flow_entries_account ON comm_flow_entries (org_id, account_id, position);

CREATE TABLE sites (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id),
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    name TEXT NOT NULL,
    street TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT 'US',
    latitude REAL,
    longitude REAL,
    county_fips TEXT NOT NULL DEFAULT '',
    nws_zone TEXT NOT NULL DEFAULT '',
    tornado_alley INTEGER NOT NULL DEFAULT 0,
    flood_zone TEXT NOT NULL DEFAULT '',
    lightning_prone INTEGER NOT NULL DEFAULT 0,
    access_notes TEXT NOT NULL DEFAULT '',
    paging_dead_zones TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX sites_org_account ON sites (org_id, account_id, name);

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id),
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    job_title TEXT NOT NULL DEFAULT '',
    preferred_channel TEXT NOT NULL DEFAULT 'any',
    preferred_hours TEXT NOT NULL DEFAULT '',
    technical_level TEXT NOT NULL DEFAULT 'unknown',
    phone_habit TEXT NOT NULL DEFAULT 'unknown',
    communication_style TEXT NOT NULL DEFAULT '',
    birthday TEXT,
    family TEXT NOT NULL DEFAULT '',
    interests TEXT NOT NULL DEFAULT '',
    how_we_met TEXT NOT NULL DEFAULT '',
    do_not_contact INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX contacts_org_name ON contacts (org_id, last_name, first_name, id);

CREATE TABLE account_contacts (
    org_id BIGINT NOT NULL REFERENCES organisations(id),
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    contact_id BIGINT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    decision_maker INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, contact_id)
);
CREATE INDEX account_contacts_contact ON account_contacts (org_id, contact_id, position);
CREATE INDEX account_contacts_account ON account_contacts (org_id, account_id);

CREATE TABLE contact_phones (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id),
    contact_id BIGINT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    e164 TEXT NOT NULL,
    extension TEXT NOT NULL DEFAULT '',
    as_typed TEXT NOT NULL
);
CREATE INDEX contact_phones_contact ON contact_phones (org_id, contact_id, position);
CREATE INDEX contact_phones_org_e164 ON contact_phones (org_id, e164);

CREATE TABLE contact_emails (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id),
    contact_id BIGINT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL
);
CREATE INDEX contact_emails_contact ON contact_emails (org_id, contact_id, position);
CREATE INDEX contact_emails_org_address ON contact_emails (org_id, address);

CREATE TABLE assets (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id),
    site_id BIGINT NOT NULL REFERENCES sites(id),
    category TEXT NOT NULL,
    make TEXT NOT NULL DEFAULT '',
    model TEXT NOT NULL DEFAULT '',
    serial TEXT NOT NULL DEFAULT '',
    installed_on TEXT,
    condition TEXT NOT NULL DEFAULT 'unknown',
    location TEXT NOT NULL DEFAULT '',
    warranty_ends TEXT,
    end_of_life TEXT,
    forgets_holiday_greeting INTEGER,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX assets_org_site ON assets (org_id, site_id);

CREATE TABLE lines (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id),
    site_id BIGINT NOT NULL REFERENCES sites(id),
    number_e164 TEXT,
    number_extension TEXT,
    number_as_typed TEXT,
    circuit_id TEXT NOT NULL DEFAULT '',
    carrier TEXT NOT NULL DEFAULT '',
    type TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active',
    bandwidth_down_kbps BIGINT,
    bandwidth_up_kbps BIGINT,
    monthly_charge_cents BIGINT,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX lines_org_site ON lines (org_id, site_id);
CREATE INDEX lines_org_number ON lines (org_id, number_e164);

CREATE TABLE interactions (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id),
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    contact_id BIGINT REFERENCES contacts(id),
    site_id BIGINT REFERENCES sites(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL,
    direction TEXT NOT NULL,
    outcome TEXT NOT NULL DEFAULT 'none',
    occurred_at TEXT NOT NULL,
    duration_minutes INTEGER,
    summary TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX interactions_org_account_time ON interactions (org_id, account_id, occurred_at, id);
CREATE INDEX interactions_org_contact_time ON interactions (org_id, contact_id, occurred_at);

CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id),
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    contact_id BIGINT REFERENCES contacts(id),
    site_id BIGINT REFERENCES sites(id),
    author_id BIGINT NOT NULL REFERENCES users(id),
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX notes_org_account_time ON notes (org_id, account_id, created_at, id);

-- Search (R8): one FTS5 document per searchable row. rowid = ref_id * 8 + kind code (see
-- storage/records/search_index.cpp), so a row's document is replaced by rowid. `keywords` holds
-- search-only forms (phone digit groups) that are matched but never shown in snippets. The org column
-- holds one token ("o42") and every query requires it, so matching never leaves the
-- organisation and is done by the index, not by a filter over other organisations' hits.
CREATE VIRTUAL TABLE search_fts USING fts5(
    org, title, body, keywords,
    kind UNINDEXED, ref_id UNINDEXED, account_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
