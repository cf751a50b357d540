#include "storage/dataio/sql_dataio_store.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include "storage/records/search_index.hpp"
#include "storage/soci_support.hpp"

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
