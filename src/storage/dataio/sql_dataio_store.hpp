// File: storage/dataio/sql_dataio_store.hpp
//
// SqlDataioStore: the DataioStore on SQLite and PostgreSQL (tables of migration 0004, plus the
// record tables a merge moves rows between). Every statement filters on org_id and binds its
// values; the search index is kept in step inside the caller's transaction.
#pragma once

#include "domain/dataio/dataio_store.hpp"
#include "storage/database.hpp"

namespace hover::storage {

class SqlDataioStore final : public dataio::DataioStore {
public:
    explicit SqlDataioStore(Database& db) : db_(db) {}

    Result<Ok> save_mapping(OrgId org,
                            std::string_view kind,
                            std::string_view name,
                            std::string_view columns_json) override;
    Result<std::optional<std::string>> find_mapping(OrgId org,
                                                    std::string_view kind,
                                                    std::string_view name) override;
    Result<std::vector<std::string>> list_mappings(OrgId org, std::string_view kind) override;

    Result<std::unordered_map<std::int64_t, std::int64_t>> import_keys(
        OrgId org, std::string_view kind) override;
    Result<Ok> put_import_key(OrgId org,
                              std::string_view kind,
                              std::int64_t source_id,
                              std::int64_t record_id) override;

    Result<Ok> merge_accounts(OrgId org, AccountId keep, AccountId drop) override;
    Result<Ok> merge_contacts(OrgId org, ContactId keep, ContactId drop) override;
    Result<std::pair<std::int64_t, std::int64_t>> contact_history_counts(
        OrgId org, ContactId contact) override;
    Result<std::vector<std::pair<std::string, std::int64_t>>> merge_counts(
        OrgId org, dataio::MergeKind kind, std::int64_t id) override;

    Result<std::int64_t> insert_merge(const dataio::MergeRecord& merge) override;
    Result<std::vector<dataio::MergeRecord>> list_merges(OrgId org) override;

private:
    Database& db_;
};

}  // namespace hover::storage
