#include "storage/statement_cache.hpp"

#include <algorithm>

#include <soci/sqlite3/soci-sqlite3.h>

namespace hover::storage {

using namespace sqlite_api;

namespace detail {

void type_mismatch(const std::string& sql) {
    throw soci::soci_error("a cached statement was bound with other parameters than before: " +
                           sql.substr(0, 80));
}

CachedEntry::~CachedEntry() {
    if (sqlite != nullptr) {
        sqlite3_finalize(sqlite);
    }
}

}  // namespace detail

namespace {

// Like SOCI's own errors, so that classify() sees the result code and the message.
[[noreturn]] void sqlite_failed(sqlite3* db, int code, const std::string& sql) {
    throw soci::sqlite3_soci_error(
        std::string(sqlite3_errmsg(db)) + " (while running: " + sql.substr(0, 80) + ")", code);
}

}  // namespace

using detail::CachedEntry;
using detail::Param;

CachedStatement::CachedStatement(StatementCache& cache,
                                 CachedEntry* entry,
                                 std::unique_ptr<CachedEntry> one_off)
    : cache_(cache), entry_(entry), one_off_(std::move(one_off)) {
    if (one_off_) {
        entry_ = one_off_.get();
    }
    entry_->busy = true;
}

CachedStatement::~CachedStatement() {
    if (entry_ == nullptr) {
        return;  // dropped after a failure
    }
    entry_->busy = false;
    if (entry_->prepared()) {
        cache_.reset(*entry_);
    }
}

void CachedStatement::start_sqlite(bool rows) {
    CachedEntry& e = *entry_;
    sqlite3* db = sqlite_connection(cache_.session());
    if (e.sqlite == nullptr) {
        int code = sqlite3_prepare_v3(db, e.sql.data(), static_cast<int>(e.sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &e.sqlite, nullptr);
        if (code != SQLITE_OK) {
            std::string sql = e.sql;
            failed(true);  // drops the entry
            sqlite_failed(db, code, sql);
        }
        e.returns_rows = rows;
    } else if (e.returns_rows != rows) {
        detail::type_mismatch(e.sql);
    }
    int index = 0;
    for (const Param& p : e.params) {
        ++index;
        int code = SQLITE_OK;
        if (p.ind == soci::i_null) {
            code = sqlite3_bind_null(e.sqlite, index);
        } else {
            switch (p.kind) {
                case Param::Kind::kInt:
                    code = sqlite3_bind_int(e.sqlite, index, p.i);
                    break;
                case Param::Kind::kLong:
                case Param::Kind::kUnset:
                    code = sqlite3_bind_int64(e.sqlite, index, p.ll);
                    break;
                case Param::Kind::kDouble:
                    code = sqlite3_bind_double(e.sqlite, index, p.d);
                    break;
                case Param::Kind::kText:
                    // The parameter slot keeps the text until the statement is reset.
                    code = sqlite3_bind_text(e.sqlite, index, p.text.data(),
                                             static_cast<int>(p.text.size()), SQLITE_STATIC);
                    break;
            }
        }
        if (code != SQLITE_OK) {
            sqlite_failed(db, code, e.sql);
        }
    }
    if (!rows) {
        int code = SQLITE_ROW;
        while (code == SQLITE_ROW) {
            code = sqlite3_step(e.sqlite);
        }
        if (code != SQLITE_DONE) {
            sqlite_failed(db, code, e.sql);
        }
    }
}

void CachedStatement::start(bool rows) {
    if (cache_.dialect() == Dialect::kSqlite) {
        start_sqlite(rows);
        return;
    }
    CachedEntry& e = *entry_;
    if (!e.statement) {
        e.statement.emplace(cache_.session());
        soci::statement& st = *e.statement;
        for (Param& p : e.params) {
            switch (p.kind) {
                case Param::Kind::kInt:
                    st.exchange(soci::use(p.i, p.ind));
                    break;
                case Param::Kind::kLong:
                case Param::Kind::kUnset:
                    st.exchange(soci::use(p.ll, p.ind));
                    break;
                case Param::Kind::kDouble:
                    st.exchange(soci::use(p.d, p.ind));
                    break;
                case Param::Kind::kText:
                    st.exchange(soci::use(p.text, p.ind));
                    break;
            }
        }
        if (rows) {
            st.exchange(soci::into(e.row));
        }
        e.returns_rows = rows;
        try {
            st.alloc();
            st.prepare(e.sql);
            st.define_and_bind();
        } catch (...) {
            failed(true);
            throw;
        }
    } else if (e.returns_rows != rows) {
        detail::type_mismatch(e.sql);
    }
    try {
        // Rows: like soci::rowset, execute without exchanging data, then fetch row by row.
        e.statement->execute(!rows);
    } catch (...) {
        failed(false);
        throw;
    }
}

bool CachedStatement::fetch() {
    if (sqlite3_stmt* statement = entry_->sqlite) {
        int code = sqlite3_step(statement);
        if (code == SQLITE_ROW) {
            return true;
        }
        if (code == SQLITE_DONE) {
            return false;
        }
        sqlite_failed(sqlite3_db_handle(statement), code, entry_->sql);
    }
    try {
        return entry_->statement->fetch();
    } catch (...) {
        failed(false);
        throw;
    }
}

long long CachedStatement::exec() {
    start(false);
    if (entry_->sqlite != nullptr) {
        return sqlite3_changes64(sqlite3_db_handle(entry_->sqlite));
    }
    try {
        return entry_->statement->get_affected_rows();
    } catch (...) {
        failed(false);
        throw;
    }
}

std::int64_t CachedStatement::returning_id() {
    auto id = first([](const RowReader& r) { return r.i64(0); });
    if (!id) {
        throw soci::soci_error("the statement returned no row: " + entry_->sql.substr(0, 80));
    }
    return *id;
}

void CachedStatement::failed(bool in_prepare) {
    // A statement that could not be prepared is dropped. SOCI's SQLite backend is not used for
    // running cached statements (a failed sqlite3_step leaves the statement usable after its
    // reset). A PostgreSQL statement that failed to run stays prepared on the server and is
    // kept: destroying it would send DEALLOCATE, which fails inside an aborted transaction.
    if (in_prepare) {
        entry_->busy = false;
        if (one_off_) {
            one_off_.reset();
        } else {
            cache_.drop(entry_);
        }
        entry_ = nullptr;
    }
}

StatementCache::~StatementCache() = default;

CachedStatement StatementCache::sql(std::string_view query) {
    // Heterogeneous lookup needs C++20's transparent hashing; a std::string key is cheap enough
    // next to executing the statement.
    std::string key(query);
    auto it = entries_.find(key);
    if (it != entries_.end()) {
        if (!it->second->busy) {
            return CachedStatement(*this, it->second.get(), nullptr);
        }
        return CachedStatement(*this, nullptr, std::make_unique<CachedEntry>(std::move(key)));
    }
    if (entries_.size() >= kMaxEntries) {
        return CachedStatement(*this, nullptr, std::make_unique<CachedEntry>(std::move(key)));
    }
    auto entry = std::make_unique<CachedEntry>(key);
    CachedEntry* raw = entry.get();
    entries_.emplace(std::move(key), std::move(entry));
    return CachedStatement(*this, raw, nullptr);
}

void StatementCache::defer(std::int64_t order, std::function<void(StatementCache&)> write) {
    if (!in_transaction_) {
        write(*this);
        return;
    }
    deferred_.emplace_back(order, std::move(write));
    if (deferred_.size() >= kMaxDeferred) {
        run_deferred();
    }
}

void StatementCache::run_deferred() {
    if (deferred_.empty()) {
        return;
    }
    auto pending = std::move(deferred_);
    deferred_.clear();
    std::stable_sort(pending.begin(), pending.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [order, write] : pending) {
        write(*this);
    }
}

void StatementCache::end_transaction() {
    in_transaction_ = false;
    deferred_.clear();
}

void StatementCache::reset(CachedEntry& entry) {
    // PostgreSQL results are read whole at execution; nothing stays open. A SQLite statement is
    // reset so that it ends its read of the database, even when not all rows were fetched.
    if (entry.sqlite != nullptr) {
        sqlite3_reset(entry.sqlite);
    }
}

void StatementCache::drop(CachedEntry* entry) {
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
        if (it->second.get() == entry) {
            entries_.erase(it);
            return;
        }
    }
}

}  // namespace hover::storage
