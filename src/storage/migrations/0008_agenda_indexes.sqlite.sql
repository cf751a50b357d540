-- Indexes for reads over a large organisation (issue 4, docs/benchmarks.md). Sqlite
-- dialect; keep in step with the other 0008_agenda_indexes file.

-- The agenda's birthdays: the organisation's contacts born on a day of the year ("MM-DD" of the
-- ISO date), then their accounts. Without it the agenda probed every contact of every account
-- the technician owns (3,800 probes for 11 birthdays at 100,000 accounts).
CREATE INDEX contacts_org_birthday ON contacts (org_id, substr(birthday, 6, 5))
    WHERE birthday IS NOT NULL;

-- The manager's hover-gaps page counts the follow-ups planned against the policy in a period:
-- a seek on the few with a written reason instead of reading every follow-up of the organisation.
CREATE INDEX followups_org_overrides ON followups (org_id, created_at)
    WHERE policy_override_reason <> '';
