#include "storage/records/search_index.hpp"

#include <fmt/format.h>

#include "storage/bulk_insert.hpp"
#include "storage/soci_support.hpp"

namespace hover::storage {
namespace {

std::int64_t fts_rowid(records::SearchKind kind, std::int64_t ref_id) {
    return ref_id * 8 + static_cast<std::int64_t>(kind);
}

std::vector<std::string> query_words(std::string_view query) {
    std::vector<std::string> words;
    std::string all = search_words(query);
    std::size_t pos = 0;
    while (pos < all.size()) {
        auto end = all.find(' ', pos);
        if (end == std::string::npos) {
            end = all.size();
        }
        if (end > pos) {
            words.push_back(all.substr(pos, end - pos));
        }
        pos = end + 1;
    }
    if (words.size() > 12) {
        words.resize(12);  // a pasted paragraph is not a search
    }
    return words;
}

}  // namespace

std::string search_words(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = true;
    for (char ch : text) {
        auto c = static_cast<unsigned char>(ch);
        bool word =
            (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
        if (word) {
            out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : ch;
            space = false;
        } else if (!space) {
            out += ' ';
            space = true;
        }
    }
    if (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out;
}

std::string phone_search_text(std::string_view e164) {
    std::string digits;
    for (char c : e164) {
        if (c >= '0' && c <= '9') {
            digits += c;
        }
    }
    if (digits.empty()) {
        return {};
    }
    std::string out = digits;
    // North American numbers: also the 10-digit national number and its 3-3-4 groups.
    if (digits.size() == 11 && digits[0] == '1') {
        std::string national = digits.substr(1);
        out += fmt::format(" {} {} {} {}", national, national.substr(0, 3), national.substr(3, 3),
                           national.substr(6));
    }
    return out;
}

void index_document(StatementCache& q, OrgId org, const SearchDocument& doc) {
    auto kind = static_cast<int>(doc.kind);
    std::optional<std::int64_t> account =
        doc.account_id ? std::optional<std::int64_t>(doc.account_id->value) : std::nullopt;
    if (q.dialect() == Dialect::kSqlite) {
        // In rowid order at the end of the transaction: FTS5 keeps its pending terms in memory
        // only while rowids ascend, and a bulk load writes accounts, sites and contacts
        // interleaved (a flush per document: the 2,000-account demo took 1.9x the CPU).
        std::int64_t rowid = fts_rowid(doc.kind, doc.ref_id);
        q.defer(rowid, [rowid, org, doc, kind, account](StatementCache& later) {
            std::string org_token = fmt::format("o{}", org.value);
            later.sql("DELETE FROM search_fts WHERE rowid = :r").bind(rowid).exec();
            later
                .sql(
                    "INSERT INTO search_fts (rowid, org, title, body, keywords, kind, ref_id, "
                    "account_id) VALUES (:r, :o, :t, :b, :kw, :k, :i, :a)")
                .bind(rowid, org_token, doc.title, doc.body, doc.keywords, kind, doc.ref_id,
                      account)
                .exec();
        });
    } else {
        q.sql(
             "INSERT INTO search_documents (org_id, kind, ref_id, account_id, title, body, "
             "keywords) VALUES (:o, :k, :i, :a, :t, :b, :kw) "
             "ON CONFLICT (org_id, kind, ref_id) DO UPDATE SET account_id = EXCLUDED.account_id, "
             "title = EXCLUDED.title, body = EXCLUDED.body, keywords = EXCLUDED.keywords")
            .bind(org.value, kind, doc.ref_id, account, doc.title, doc.body, doc.keywords)
            .exec();
    }
}

void index_new_documents(Database::Lease& session,
                         const std::vector<std::pair<OrgId, SearchDocument>>& documents) {
    if (documents.empty()) {
        return;
    }
    if (session.statements().dialect() == Dialect::kSqlite) {
        BulkInsert rows(
            session, "search_fts",
            {"rowid", "org", "title", "body", "keywords", "kind", "ref_id", "account_id"});
        std::string org_token;
        OrgId token_of{};
        for (const auto& [org, doc] : documents) {
            if (org_token.empty() || org != token_of) {
                token_of = org;
                org_token = fmt::format("o{}", org.value);
            }
            rows.integer(fts_rowid(doc.kind, doc.ref_id))
                .text(org_token)
                .text(doc.title)
                .text(doc.body)
                .text(doc.keywords)
                .integer(static_cast<int>(doc.kind))
                .integer(doc.ref_id)
                .opt_integer(doc.account_id ? std::optional<std::int64_t>(doc.account_id->value)
                                            : std::nullopt)
                .end_row();
        }
        rows.finish();
        return;
    }
    BulkInsert rows(session, "search_documents",
                    {"org_id", "kind", "ref_id", "account_id", "title", "body", "keywords"});
    for (const auto& [org, doc] : documents) {
        rows.integer(org.value)
            .integer(static_cast<int>(doc.kind))
            .integer(doc.ref_id)
            .opt_integer(doc.account_id ? std::optional<std::int64_t>(doc.account_id->value)
                                        : std::nullopt)
            .text(doc.title)
            .text(doc.body)
            .text(doc.keywords)
            .end_row();
    }
    rows.finish();
}

void remove_document(StatementCache& q, OrgId org, records::SearchKind kind, std::int64_t ref_id) {
    if (q.dialect() == Dialect::kSqlite) {
        std::int64_t rowid = fts_rowid(kind, ref_id);
        q.defer(rowid, [rowid](StatementCache& later) {
            later.sql("DELETE FROM search_fts WHERE rowid = :r").bind(rowid).exec();
        });
    } else {
        auto k = static_cast<int>(kind);
        q.sql("DELETE FROM search_documents WHERE org_id = :o AND kind = :k AND ref_id = :i")
            .bind(org.value, k, ref_id)
            .exec();
    }
}

std::vector<records::SearchHit> search_documents(StatementCache& q,
                                                 OrgId org,
                                                 std::string_view query,
                                                 int limit) {
    std::vector<records::SearchHit> hits;
    auto words = query_words(query);
    if (words.empty()) {
        return hits;
    }
    q.run_deferred();  // this transaction's own index writes first
    auto read = [&hits](const RowReader& r) {
        records::SearchHit hit;
        hit.kind = static_cast<records::SearchKind>(r.i64(0));
        hit.id = r.i64(1);
        hit.account_id = r.opt<AccountId>(2);
        hit.title = r.str(3);
        hit.snippet = r.str(4);
        hits.push_back(std::move(hit));
    };
    std::string match;
    if (q.dialect() == Dialect::kSqlite) {
        // Every word must match as a prefix, in the title or the body, within the org.
        match = fmt::format("org : o{} AND {{title body keywords}} : (", org.value);
        for (std::size_t i = 0; i < words.size(); ++i) {
            match += fmt::format("{}\"{}\" *", i == 0 ? "" : " AND ", words[i]);
        }
        match += ")";
        q.sql(
             "SELECT kind, ref_id, account_id, title, "
             "snippet(search_fts, 2, '', '', '…', 10) "
             "FROM search_fts WHERE search_fts MATCH :m "
             "ORDER BY bm25(search_fts, 0.0, 10.0, 1.0, 1.0) LIMIT :l")
            .bind(match, limit)
            .each(read);
        return hits;
    }
    for (std::size_t i = 0; i < words.size(); ++i) {
        // Words hold only letters and digits (search_words), so they are safe tsquery atoms;
        // the query itself is still a bound parameter.
        match += fmt::format("{}{}:*", i == 0 ? "" : " & ", words[i]);
    }
    q.sql(
         "SELECT kind, ref_id, account_id, title, "
         "ts_headline('simple', body, q, 'MaxWords=12, MinWords=4, "
         "StartSel=\"\", StopSel=\"\"') "
         "FROM search_documents, to_tsquery('simple', :m) AS q "
         "WHERE org_id = :o AND tsv @@ q "
         "ORDER BY ts_rank(tsv, q) DESC, kind, ref_id LIMIT :l")
        .bind(match, org.value, limit)
        .each(read);
    return hits;
}

}  // namespace hover::storage
