#include "storage/dataio/sql_dataio_store.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include "storage/records/search_index.hpp"
#include "storage/soci_support.hpp"
#include "storage/statement_cache.hpp"

namespace hover::storage {

namespace {

// ---------------------------------------------------------------------------------------------
// Queries. Each constant is used by one method below.

constexpr const char* kUpsertMapping =
    "INSERT INTO import_mappings (org_id, kind, name, columns) VALUES (:o, :k, :n, :c) "
    "ON CONFLICT (org_id, kind, name) DO UPDATE SET columns = excluded.columns";
constexpr const char* kSelectMapping =
    "SELECT columns FROM import_mappings WHERE org_id = :o AND kind = :k AND name = :n";
constexpr const char* kSelectMappingNames =
    "SELECT name FROM import_mappings WHERE org_id = :o AND kind = :k ORDER BY name";
constexpr const char* kSelectImportKeys =
    "SELECT source_id, record_id FROM import_keys WHERE org_id = :o AND kind = :k";
constexpr const char* kUpsertImportKey =
    "INSERT INTO import_keys (org_id, kind, source_id, record_id) VALUES (:o, :k, :s, :r) "
    "ON CONFLICT (org_id, kind, source_id) DO UPDATE SET record_id = excluded.record_id";
constexpr const char* kRedirectImportKeys =
    "UPDATE import_keys SET record_id = :keep WHERE org_id = :o AND kind = :k AND record_id = "
    ":drop";
constexpr const char* kCountContactInteractions =
    "SELECT COUNT(*) FROM interactions WHERE org_id = :o AND contact_id = :c";
constexpr const char* kCountContactNotes =
    "SELECT COUNT(*) FROM notes WHERE org_id = :o AND contact_id = :c";
constexpr const char* kInsertMerge =
    "INSERT INTO merges (org_id, kind, kept_id, merged_id, merged_name, user_id, merged_at, "
    "summary) VALUES (:o, :k, :keep, :drop, :n, :u, :t, :s) RETURNING id";
constexpr const char* kSelectMerges =
    "SELECT id, org_id, kind, kept_id, merged_id, merged_name, user_id, merged_at, summary "
    "FROM merges WHERE org_id = :o ORDER BY id DESC";

// Moving an account's rows. Every statement: :keep, :drop, :o.
constexpr const char* kMoveAccountRows[] = {
    "UPDATE sites SET account_id = :keep WHERE org_id = :o AND account_id = :drop",
    "UPDATE interactions SET account_id = :keep WHERE org_id = :o AND account_id = :drop",
    "UPDATE notes SET account_id = :keep WHERE org_id = :o AND account_id = :drop",
};
// A contact linked to both accounts keeps its link to `keep`.
constexpr const char* kDropDoubleLinks =
    "DELETE FROM account_contacts WHERE org_id = :o AND account_id = :drop AND contact_id IN "
    "(SELECT contact_id FROM account_contacts WHERE org_id = :o2 AND account_id = :keep)";
constexpr const char* kMoveLinks =
    "UPDATE account_contacts SET account_id = :keep WHERE org_id = :o AND account_id = :drop";
constexpr const char* kMoveSearchAccountSqlite =
    "UPDATE search_fts SET account_id = :keep WHERE org = :token AND account_id = :drop";
constexpr const char* kMoveSearchAccountPostgres =
    "UPDATE search_documents SET account_id = :keep WHERE org_id = :o AND account_id = :drop";
constexpr const char* kDeleteCommFlow =
    "DELETE FROM comm_flow_entries WHERE org_id = :o AND account_id = :d";
constexpr const char* kDeleteAccount = "DELETE FROM accounts WHERE org_id = :o AND id = :d";

constexpr const char* kMoveContactRows[] = {
    "UPDATE interactions SET contact_id = :keep WHERE org_id = :o AND contact_id = :drop",
    "UPDATE notes SET contact_id = :keep WHERE org_id = :o AND contact_id = :drop",
};
constexpr const char* kDeleteContactChildren[] = {
    "DELETE FROM contact_phones WHERE org_id = :o AND contact_id = :d",
    "DELETE FROM contact_emails WHERE org_id = :o AND contact_id = :d",
    "DELETE FROM account_contacts WHERE org_id = :o AND contact_id = :d",
};
constexpr const char* kDeleteContact = "DELETE FROM contacts WHERE org_id = :o AND id = :d";

// Rows of other modules that name an account or a contact (every REFERENCES accounts(id) or
// contacts(id) of the migrations, and contact_policies.target_id, which has no foreign key but
// would pass to a new record that reused the id). Every statement: :keep, :o, :drop.
constexpr const char* kMoveAccountModuleRows[] = {
    // 0005: follow-ups, open and closed (next_id chains stay as they are).
    "UPDATE followups SET account_id = :keep WHERE org_id = :o AND account_id = :drop",
    // 0003: billing reviews.
    "UPDATE billing_reviews SET account_id = :keep WHERE org_id = :o AND account_id = :drop",
};
constexpr const char* kMoveContactModuleRows[] = {
    "UPDATE followups SET contact_id = :keep WHERE org_id = :o AND contact_id = :drop",
};
// 0003: billing findings are unique per (account, type, number). The same finding on both
// accounts (the same line, the same problem) becomes one: keep's row survives, with drop's status
// and note when keep's is still open and drop's has moved on (disputed, credited, rejected), and
// drop's row goes (its evidence with it, ON DELETE CASCADE). Then the others move.
// :o, :keep, :o2, :drop.
constexpr const char* kFoldDuplicateFindings =
    "UPDATE billing_findings AS k SET status = d.status, note = d.note, updated_at = d.updated_at "
    "FROM billing_findings AS d WHERE k.org_id = :o AND k.account_id = :keep AND "
    "k.status = 'open' AND d.org_id = :o2 AND d.account_id = :drop AND d.type = k.type AND "
    "d.number = k.number AND d.status <> 'open'";
// :o, :drop, :o2, :keep.
constexpr const char* kDeleteDuplicateFindings =
    "DELETE FROM billing_findings WHERE org_id = :o AND account_id = :drop AND EXISTS (SELECT 1 "
    "FROM billing_findings AS k WHERE k.org_id = :o2 AND k.account_id = :keep AND "
    "k.type = billing_findings.type AND k.number = billing_findings.number)";
// :keep, :o, :drop.
constexpr const char* kMoveFindings =
    "UPDATE billing_findings SET account_id = :keep WHERE org_id = :o AND account_id = :drop";
// 0005: contact policy overrides (scope 'account' or 'contact', target_id = the record). keep's
// settings win; those it leaves to inherit (NULL) come from drop; the quiet hours go as a pair.
// Then drop's row goes, or becomes keep's when keep had none.
// :o, :s, :keep, :o2, :s2, :drop.
constexpr const char* kFillPolicy =
    "UPDATE contact_policies AS k SET "
    "min_days_between_touches = COALESCE(k.min_days_between_touches, "
    "d.min_days_between_touches), "
    "max_touches_per_30_days = COALESCE(k.max_touches_per_30_days, d.max_touches_per_30_days), "
    "quiet_weekdays = COALESCE(k.quiet_weekdays, d.quiet_weekdays), "
    "quiet_from_minute = CASE WHEN k.quiet_from_minute IS NULL AND k.quiet_until_minute IS NULL "
    "THEN d.quiet_from_minute ELSE k.quiet_from_minute END, "
    "quiet_until_minute = CASE WHEN k.quiet_from_minute IS NULL AND k.quiet_until_minute IS NULL "
    "THEN d.quiet_until_minute ELSE k.quiet_until_minute END, "
    "preferred_channel = COALESCE(k.preferred_channel, d.preferred_channel), "
    "time_zone = COALESCE(k.time_zone, d.time_zone), "
    "ideal_interval_days = COALESCE(k.ideal_interval_days, d.ideal_interval_days), "
    "max_interval_days = COALESCE(k.max_interval_days, d.max_interval_days) "
    "FROM contact_policies AS d WHERE k.org_id = :o AND k.scope = :s AND k.target_id = :keep "
    "AND d.org_id = :o2 AND d.scope = :s2 AND d.target_id = :drop";
// :o, :s, :drop, :o2, :s2, :keep.
constexpr const char* kDeleteFilledPolicy =
    "DELETE FROM contact_policies WHERE org_id = :o AND scope = :s AND target_id = :drop AND "
    "EXISTS (SELECT 1 FROM contact_policies AS k WHERE k.org_id = :o2 AND k.scope = :s2 AND "
    "k.target_id = :keep)";
// :keep, :o, :s, :drop.
constexpr const char* kMovePolicy =
    "UPDATE contact_policies SET target_id = :keep WHERE org_id = :o AND scope = :s AND "
    "target_id = :drop";

// What a merge preview counts beyond the records: :o, :id.
constexpr const char* kCountAccountFollowups =
    "SELECT COUNT(*) FROM followups WHERE org_id = :o AND account_id = :id";
constexpr const char* kCountAccountReviews =
    "SELECT COUNT(*) FROM billing_reviews WHERE org_id = :o AND account_id = :id";
constexpr const char* kCountAccountFindings =
    "SELECT COUNT(*) FROM billing_findings WHERE org_id = :o AND account_id = :id";
constexpr const char* kCountContactFollowups =
    "SELECT COUNT(*) FROM followups WHERE org_id = :o AND contact_id = :id";
// :o, :s, :id.
constexpr const char* kCountPolicy =
    "SELECT COUNT(*) FROM contact_policies WHERE org_id = :o AND scope = :s AND target_id = :id";

void merge_policies(
    StatementCache& q, OrgId org, const std::string& scope, std::int64_t keep, std::int64_t drop) {
    q.sql(kFillPolicy).bind(org.value, scope, keep, org.value, scope, drop).exec();
    q.sql(kDeleteFilledPolicy).bind(org.value, scope, drop, org.value, scope, keep).exec();
    q.sql(kMovePolicy).bind(keep, org.value, scope, drop).exec();
}

dataio::MergeKind merge_kind(const std::string& text) {
    return text == "contacts" ? dataio::MergeKind::kContacts : dataio::MergeKind::kAccounts;
}

std::string merge_kind_name(dataio::MergeKind kind) {
    return kind == dataio::MergeKind::kContacts ? "contacts" : "accounts";
}

}  // namespace

Result<Ok> SqlDataioStore::save_mapping(OrgId org,
                                        std::string_view kind,
                                        std::string_view name,
                                        std::string_view columns_json) {
    return guarded("save_mapping", [&]() -> Result<Ok> {
        auto s = db_.session();
        std::string k(kind);
        std::string n(name);
        std::string c(columns_json);
        *s << kUpsertMapping, soci::use(org.value), soci::use(k), soci::use(n), soci::use(c);
        return Ok{};
    });
}

Result<std::optional<std::string>> SqlDataioStore::find_mapping(OrgId org,
                                                                std::string_view kind,
                                                                std::string_view name) {
    return guarded("find_mapping", [&]() -> Result<std::optional<std::string>> {
        auto s = db_.session();
        std::string k(kind);
        std::string n(name);
        soci::rowset<soci::row> rows =
            (s->prepare << kSelectMapping, soci::use(org.value), soci::use(k), soci::use(n));
        for (const auto& row : rows) {
            return std::optional<std::string>(RowReader(row).str(0));
        }
        return std::optional<std::string>{};
    });
}

Result<std::vector<std::string>> SqlDataioStore::list_mappings(OrgId org, std::string_view kind) {
    return guarded("list_mappings", [&]() -> Result<std::vector<std::string>> {
        auto s = db_.session();
        std::string k(kind);
        soci::rowset<soci::row> rows =
            (s->prepare << kSelectMappingNames, soci::use(org.value), soci::use(k));
        std::vector<std::string> out;
        for (const auto& row : rows) {
            out.push_back(RowReader(row).str(0));
        }
        return out;
    });
}

Result<std::unordered_map<std::int64_t, std::int64_t>> SqlDataioStore::import_keys(
    OrgId org, std::string_view kind) {
    return guarded("import_keys", [&]() -> Result<std::unordered_map<std::int64_t, std::int64_t>> {
        auto s = db_.session();
        std::string k(kind);
        soci::rowset<soci::row> rows =
            (s->prepare << kSelectImportKeys, soci::use(org.value), soci::use(k));
        std::unordered_map<std::int64_t, std::int64_t> out;
        for (const auto& row : rows) {
            RowReader r(row);
            out[r.i64(0)] = r.i64(1);
        }
        return out;
    });
}

Result<Ok> SqlDataioStore::put_import_key(OrgId org,
                                          std::string_view kind,
                                          std::int64_t source_id,
                                          std::int64_t record_id) {
    return guarded("put_import_key", [&]() -> Result<Ok> {
        auto s = db_.session();
        std::string k(kind);
        *s << kUpsertImportKey, soci::use(org.value), soci::use(k), soci::use(source_id),
            soci::use(record_id);
        return Ok{};
    });
}

Result<Ok> SqlDataioStore::merge_accounts(OrgId org, AccountId keep, AccountId drop) {
    return guarded("merge_accounts", [&]() -> Result<Ok> {
        auto s = db_.session();
        for (const char* sql : kMoveAccountRows) {
            *s << sql, soci::use(keep.value, "keep"), soci::use(org.value, "o"),
                soci::use(drop.value, "drop");
        }
        *s << kDropDoubleLinks, soci::use(org.value, "o"), soci::use(drop.value, "drop"),
            soci::use(org.value, "o2"), soci::use(keep.value, "keep");
        *s << kMoveLinks, soci::use(keep.value, "keep"), soci::use(org.value, "o"),
            soci::use(drop.value, "drop");
        if (db_.dialect() == Dialect::kSqlite) {
            // Index writes of this transaction wait for its commit (decision 0008): write them
            // first, so this UPDATE sees them.
            s.statements().run_deferred();
            std::string token = fmt::format("o{}", org.value);
            *s << kMoveSearchAccountSqlite, soci::use(keep.value, "keep"),
                soci::use(token, "token"), soci::use(drop.value, "drop");
        } else {
            *s << kMoveSearchAccountPostgres, soci::use(keep.value, "keep"),
                soci::use(org.value, "o"), soci::use(drop.value, "drop");
        }
        remove_document(s.statements(), org, records::SearchKind::kAccount, drop.value);
        std::string kind = "accounts";
        *s << kRedirectImportKeys, soci::use(keep.value, "keep"), soci::use(org.value, "o"),
            soci::use(kind, "k"), soci::use(drop.value, "drop");
        for (const char* sql : kMoveAccountModuleRows) {
            s.statements().sql(sql).bind(keep.value, org.value, drop.value).exec();
        }
        s.statements()
            .sql(kFoldDuplicateFindings)
            .bind(org.value, keep.value, org.value, drop.value)
            .exec();
        s.statements()
            .sql(kDeleteDuplicateFindings)
            .bind(org.value, drop.value, org.value, keep.value)
            .exec();
        s.statements().sql(kMoveFindings).bind(keep.value, org.value, drop.value).exec();
        merge_policies(s.statements(), org, "account", keep.value, drop.value);
        *s << kDeleteCommFlow, soci::use(org.value), soci::use(drop.value);
        soci::statement st =
            (s->prepare << kDeleteAccount, soci::use(org.value), soci::use(drop.value));
        st.execute(true);
        if (st.get_affected_rows() == 0) {
            return not_found_row("account", drop.value);
        }
        return Ok{};
    });
}

Result<Ok> SqlDataioStore::merge_contacts(OrgId org, ContactId keep, ContactId drop) {
    return guarded("merge_contacts", [&]() -> Result<Ok> {
        auto s = db_.session();
        for (const char* sql : kMoveContactRows) {
            *s << sql, soci::use(keep.value, "keep"), soci::use(org.value, "o"),
                soci::use(drop.value, "drop");
        }
        for (const char* sql : kMoveContactModuleRows) {
            s.statements().sql(sql).bind(keep.value, org.value, drop.value).exec();
        }
        merge_policies(s.statements(), org, "contact", keep.value, drop.value);
        for (const char* sql : kDeleteContactChildren) {
            *s << sql, soci::use(org.value), soci::use(drop.value);
        }
        remove_document(s.statements(), org, records::SearchKind::kContact, drop.value);
        std::string kind = "contacts";
        *s << kRedirectImportKeys, soci::use(keep.value, "keep"), soci::use(org.value, "o"),
            soci::use(kind, "k"), soci::use(drop.value, "drop");
        soci::statement st =
            (s->prepare << kDeleteContact, soci::use(org.value), soci::use(drop.value));
        st.execute(true);
        if (st.get_affected_rows() == 0) {
            return not_found_row("contact", drop.value);
        }
        return Ok{};
    });
}

Result<std::pair<std::int64_t, std::int64_t>> SqlDataioStore::contact_history_counts(
    OrgId org, ContactId contact) {
    return guarded("contact_history_counts",
                   [&]() -> Result<std::pair<std::int64_t, std::int64_t>> {
                       auto s = db_.session();
                       long long interactions = 0;
                       long long notes = 0;
                       *s << kCountContactInteractions, soci::use(org.value),
                           soci::use(contact.value), soci::into(interactions);
                       *s << kCountContactNotes, soci::use(org.value), soci::use(contact.value),
                           soci::into(notes);
                       return std::pair<std::int64_t, std::int64_t>{interactions, notes};
                   });
}

Result<std::vector<std::pair<std::string, std::int64_t>>> SqlDataioStore::merge_counts(
    OrgId org, dataio::MergeKind kind, std::int64_t id) {
    using Counts = std::vector<std::pair<std::string, std::int64_t>>;
    return guarded("merge_counts", [&]() -> Result<Counts> {
        auto s = db_.session();
        auto& q = s.statements();
        auto count = [&](const char* sql) { return q.sql(sql).bind(org.value, id).returning_id(); };
        Counts out;
        std::string scope;
        if (kind == dataio::MergeKind::kAccounts) {
            out.emplace_back("follow-ups", count(kCountAccountFollowups));
            out.emplace_back("billing reviews", count(kCountAccountReviews));
            out.emplace_back("billing findings", count(kCountAccountFindings));
            scope = "account";
        } else {
            out.emplace_back("follow-ups", count(kCountContactFollowups));
            scope = "contact";
        }
        out.emplace_back("contact policy settings",
                         q.sql(kCountPolicy).bind(org.value, scope, id).returning_id());
        return out;
    });
}

Result<std::int64_t> SqlDataioStore::insert_merge(const dataio::MergeRecord& merge) {
    return guarded("insert_merge", [&]() -> Result<std::int64_t> {
        auto s = db_.session();
        long long id = 0;
        std::string kind = merge_kind_name(merge.kind);
        std::string at = format_timestamp(merge.merged_at);
        *s << kInsertMerge, soci::use(merge.org_id.value), soci::use(kind),
            soci::use(merge.kept_id), soci::use(merge.merged_id), soci::use(merge.merged_name),
            soci::use(merge.user_id.value), soci::use(at), soci::use(merge.summary), soci::into(id);
        return static_cast<std::int64_t>(id);
    });
}

Result<std::vector<dataio::MergeRecord>> SqlDataioStore::list_merges(OrgId org) {
    return guarded("list_merges", [&]() -> Result<std::vector<dataio::MergeRecord>> {
        auto s = db_.session();
        soci::rowset<soci::row> rows = (s->prepare << kSelectMerges, soci::use(org.value));
        std::vector<dataio::MergeRecord> out;
        for (const auto& row : rows) {
            RowReader r(row);
            dataio::MergeRecord m;
            m.id = r.i64(0);
            m.org_id = OrgId{r.i64(1)};
            m.kind = merge_kind(r.str(2));
            m.kept_id = r.i64(3);
            m.merged_id = r.i64(4);
            m.merged_name = r.str(5);
            m.user_id = UserId{r.i64(6)};
            m.merged_at = r.timestamp(7);
            m.summary = r.str(8);
            out.push_back(std::move(m));
        }
        return out;
    });
}

}  // namespace hover::storage
