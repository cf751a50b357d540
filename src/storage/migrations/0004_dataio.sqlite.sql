-- Data in and out (DESIGN.md R8): saved CSV column mappings, the ids rows had in imported files,
-- and the audit of merges. Sqlite dialect; keep in step with the other 0004_dataio file.

-- A column mapping a user saved for one kind of record: columns is a JSON object, header -> field.
CREATE TABLE import_mappings (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id),
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    columns TEXT NOT NULL,
    UNIQUE (org_id, kind, name)
);

-- The id a row had in an imported file (an export of another organisation) -> the record it
-- became here, so later files' references (account_id, site_id, contact_id) find it.
CREATE TABLE import_keys (
    org_id BIGINT NOT NULL REFERENCES organisations(id),
    kind TEXT NOT NULL,
    source_id BIGINT NOT NULL,
    record_id BIGINT NOT NULL,
    PRIMARY KEY (org_id, kind, source_id)
);

-- Who merged which account or contact into which (the merged row itself is gone).
CREATE TABLE merges (
    id INTEGER PRIMARY KEY,
    org_id BIGINT NOT NULL REFERENCES organisations(id),
    kind TEXT NOT NULL,
    kept_id BIGINT NOT NULL,
    merged_id BIGINT NOT NULL,
    merged_name TEXT NOT NULL DEFAULT '',
    user_id BIGINT NOT NULL REFERENCES users(id),
    merged_at TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT ''
);
CREATE INDEX merges_org ON merges (org_id, id);
