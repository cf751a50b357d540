// File: storage/records/search_index.hpp
//
// The full-text search index of the records (R8), one document per searchable row, kept in step
// by SqlRecordStore inside the same transaction as the row itself. SQLite: FTS5 (search_fts).
// PostgreSQL: a tsvector with a GIN index (search_documents).
//
// Documents keep their text as written (so snippets read well); queries are reduced to words by
// search_words() and every word must match as a prefix. Phone numbers are indexed in the digit
// groups people type (phone_search_text), so "555-0142", "4055550142" and "+1 405 555 0142" all
// find the same contact on both databases.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/ids.hpp"
#include "domain/records/record.hpp"
#include "storage/database.hpp"
#include "storage/statement_cache.hpp"

namespace hover::storage {

struct SearchDocument {
    records::SearchKind kind = records::SearchKind::kAccount;
    std::int64_t ref_id = 0;
    std::optional<AccountId> account_id;
    std::string title;
    std::string body;
    std::string keywords;  // matched, never shown: phone digit groups, email words
};

// Lower-cases ASCII, turns punctuation into spaces and squeezes spaces: "Smith-Jones, (405)" ->
// "smith jones 405". Bytes of UTF-8 sequences are kept as they are.
std::string search_words(std::string_view text);

// The digits of a phone number in the forms people type: E.164 without "+", national number,
// and its groups ("14055550142 4055550142 405 555 0142").
std::string phone_search_text(std::string_view e164);

// Statements run on the given session's cache (storage/statement_cache.hpp), in its transaction.
void index_document(StatementCache& q, OrgId org, const SearchDocument& doc);
// Documents of rows created in bulk (docs/decisions/0014), each with its organisation, in the
// caller's transaction: SQLite writes them at once in the order given (ascending ids keep FTS5's
// pending terms in memory), PostgreSQL with one COPY. The rows must be new: no document of
// theirs may exist.
void index_new_documents(Database::Lease& session,
                         const std::vector<std::pair<OrgId, SearchDocument>>& documents);
void remove_document(StatementCache& q, OrgId org, records::SearchKind kind, std::int64_t ref_id);
std::vector<records::SearchHit> search_documents(StatementCache& q,
                                                 OrgId org,
                                                 std::string_view query,
                                                 int limit);

}  // namespace hover::storage
