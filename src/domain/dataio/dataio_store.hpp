// File: domain/dataio/dataio_store.hpp
//
// DataioStore: what data in and out needs from storage beyond the records themselves. Implemented
// by storage::SqlDataioStore (src/storage/dataio/, tables of migration 0004). Every method is
// scoped to one organisation and joins the caller's transaction (Database binds it to the thread).
//
// Errors: kNotFound (no such row in this organisation), kUnavailable, kInternal.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/dataio/dataio.hpp"

namespace hover::dataio {

class DataioStore {
public:
    virtual ~DataioStore() = default;

    // Saved column mappings, by kind and name; saving a name again replaces it.
    virtual Result<Ok> save_mapping(OrgId org,
                                    std::string_view kind,
                                    std::string_view name,
                                    std::string_view columns_json) = 0;
    virtual Result<std::optional<std::string>> find_mapping(OrgId org,
                                                            std::string_view kind,
                                                            std::string_view name) = 0;
    virtual Result<std::vector<std::string>> list_mappings(OrgId org, std::string_view kind) = 0;

    // Ids of imported rows: the id a row had in its file (`source_id`) -> the record it became.
    virtual Result<std::unordered_map<std::int64_t, std::int64_t>> import_keys(
        OrgId org, std::string_view kind) = 0;
    virtual Result<Ok> put_import_key(OrgId org,
                                      std::string_view kind,
                                      std::int64_t source_id,
                                      std::int64_t record_id) = 0;

    // Moves the sites (with their assets and lines), interactions, notes and contact links of
    // `drop` to `keep` (a link `keep` already has is dropped), and every row of other modules
    // that names `drop`: follow-ups, billing reviews and findings (the same finding on both
    // becomes keep's, taking drop's status when keep's is still open), contact policy settings
    // (keep's win, the ones it inherits come from drop). Points the search index at `keep`, and
    // deletes `drop` and its comms flow.
    virtual Result<Ok> merge_accounts(OrgId org, AccountId keep, AccountId drop) = 0;
    // Moves the interactions, notes and follow-ups of `drop` to `keep`, merges its contact
    // policy settings as for accounts, then deletes `drop` with its phones, emails and account
    // links (the service copies those to `keep` first).
    virtual Result<Ok> merge_contacts(OrgId org, ContactId keep, ContactId drop) = 0;

    // How many interactions and notes name the contact.
    virtual Result<std::pair<std::int64_t, std::int64_t>> contact_history_counts(
        OrgId org, ContactId contact) = 0;
    // What else a merge of `id` (an account or a contact) moves, for the preview:
    // accounts: "follow-ups", "billing reviews", "billing findings", "contact policy settings";
    // contacts: "follow-ups", "contact policy settings".
    virtual Result<std::vector<std::pair<std::string, std::int64_t>>> merge_counts(
        OrgId org, MergeKind kind, std::int64_t id) = 0;

    virtual Result<std::int64_t> insert_merge(const MergeRecord& merge) = 0;
    // Newest first.
    virtual Result<std::vector<MergeRecord>> list_merges(OrgId org) = 0;
};

}  // namespace hover::dataio
