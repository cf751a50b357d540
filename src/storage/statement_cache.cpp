#include "storage/statement_cache.hpp"

#include <algorithm>

#include <soci/sqlite3/soci-sqlite3.h>

namespace hover::storage {

namespace detail {

void type_mismatch(const std::string& sql) {
    throw soci::soci_error("a cached statement was bound with other parameters than before: " +
                           sql.substr(0, 80));
}

}  // namespace detail

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
    if (entry_->statement) {
        cache_.reset(*entry_);
    }
}

void CachedStatement::start(bool rows) {
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
    try {
        return entry_->statement->fetch();
    } catch (...) {
        failed(false);
        throw;
    }
}

long long CachedStatement::exec() {
    start(false);
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
    // SOCI's SQLite backend finalises a statement whose step failed, so it cannot run again.
    // A PostgreSQL statement that failed to run stays prepared on the server and is kept:
    // destroying it would send DEALLOCATE, which fails inside an aborted transaction.
    if (in_prepare || cache_.dialect() == Dialect::kSqlite) {
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
    if (dialect_ != Dialect::kSqlite) {
        return;  // PostgreSQL results are read whole at execution; nothing stays open
    }
    auto* backend = static_cast<soci::sqlite3_statement_backend*>(entry.statement->get_backend());
    if (backend != nullptr && backend->stmt_ != nullptr) {
        // Ends the statement's read of the database, even when not all rows were fetched.
        sqlite3_reset(backend->stmt_);
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
