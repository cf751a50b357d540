// File: storage/statement_cache.hpp
//
// StatementCache: prepared statements kept per session and executed again with new values,
// because SOCI 4.0 prepares every `session << ...` and every rowset anew (SQLite parses the SQL
// each time; PostgreSQL does PREPARE, EXECUTE and DEALLOCATE: three round trips). One cache
// belongs to each pooled session (Database::Lease::statements()); the same SOCI calls run on both
// databases (docs/decisions/0001, 0008).
//
// The SQL text is the key. Values are copied into parameter slots that the statement was bound
// to once, in the order the placeholders appear. A statement always runs with the same C++ types
// (checked: a mismatch throws soci::soci_error, which guarded() reports as an internal error).
//
// Example:
//   auto s = db_.session();
//   std::optional<Account> found = s.statements()
//       .sql("SELECT ... FROM accounts WHERE org_id = :o AND id = :i")
//       .bind(org.value, id.value)
//       .first([](const RowReader& r) { return read_account(r); });
//   std::int64_t id = s.statements().sql("INSERT ... RETURNING id").bind(...).returning_id();
//   long long changed = s.statements().sql("UPDATE ...").bind(...).exec();
//
// On SQLite the cache prepares, binds and steps the sqlite3 statement itself and RowReader reads
// its columns in place: SOCI's soci::row copied every value into a holder of its own, about a
// fifth of a single-account API request (docs/decisions/0017). Errors are thrown as
// soci::sqlite3_soci_error, like SOCI's, so to_error() classifies them the same way.
// After every execution the SQLite statement is reset, so no read snapshot stays open between
// calls. A statement that is still running (a nested use of the same SQL) or a full cache gets a
// one-off statement instead.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include <soci/soci.h>

#include "storage/database.hpp"
#include "storage/soci_support.hpp"

namespace hover::storage {

namespace detail {

struct Param {
    enum class Kind { kUnset, kInt, kLong, kDouble, kText };
    Kind kind = Kind::kUnset;
    int i = 0;
    long long ll = 0;
    double d = 0;
    std::string text;
    soci::indicator ind = soci::i_ok;
};

struct CachedEntry {
    explicit CachedEntry(std::string query) : sql(std::move(query)) {}
    CachedEntry(const CachedEntry&) = delete;
    CachedEntry& operator=(const CachedEntry&) = delete;
    ~CachedEntry();
    bool prepared() const { return statement.has_value() || sqlite != nullptr; }

    std::string sql;
    // PostgreSQL: a SOCI statement with a soci::row. SQLite: the sqlite3 statement, stepped here
    // (decision 0017).
    std::optional<soci::statement> statement;
    sqlite_api::sqlite3_stmt* sqlite = nullptr;
    std::vector<Param> params;
    soci::row row;
    bool returns_rows = false;
    bool busy = false;
};

[[noreturn]] void type_mismatch(const std::string& sql);

inline void check_kind(Param& p, Param::Kind kind, const std::string& sql) {
    if (p.kind == Param::Kind::kUnset) {
        p.kind = kind;
    } else if (p.kind != kind) {
        type_mismatch(sql);
    }
}

template <typename T>
void assign(Param& p, const T& value, const std::string& sql) {
    p.ind = soci::i_ok;
    if constexpr (std::is_same_v<T, bool>) {
        check_kind(p, Param::Kind::kInt, sql);
        p.i = value ? 1 : 0;
    } else if constexpr (std::is_same_v<T, int>) {
        check_kind(p, Param::Kind::kInt, sql);
        p.i = value;
    } else if constexpr (std::is_integral_v<T>) {
        check_kind(p, Param::Kind::kLong, sql);
        p.ll = static_cast<long long>(value);
    } else if constexpr (std::is_floating_point_v<T>) {
        check_kind(p, Param::Kind::kDouble, sql);
        p.d = static_cast<double>(value);
    } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
        check_kind(p, Param::Kind::kText, sql);
        p.text = std::string_view(value);
    } else {
        // std::optional<U>
        using U = typename T::value_type;
        if (value) {
            assign<U>(p, *value, sql);
        } else {
            assign<U>(p, U{}, sql);
            p.ind = soci::i_null;
        }
    }
}

}  // namespace detail

class StatementCache;

// One execution of a cached statement: bind(), then exactly one of exec(), each(), first(),
// returning_id(). Short-lived: keep it inside the lease of its session.
class CachedStatement {
public:
    CachedStatement(StatementCache& cache,
                    detail::CachedEntry* entry,
                    std::unique_ptr<detail::CachedEntry> one_off);
    CachedStatement(CachedStatement&&) = delete;
    ~CachedStatement();

    template <typename... Args>
    CachedStatement& bind(const Args&... args) {
        auto& params = entry_->params;
        if (!entry_->prepared()) {
            params.assign(sizeof...(Args), detail::Param{});
        } else if (params.size() != sizeof...(Args)) {
            detail::type_mismatch(entry_->sql);
        }
        std::size_t i = 0;
        (detail::assign(params[i++], args, entry_->sql), ...);
        return *this;
    }

    // INSERT, UPDATE, DELETE without RETURNING: the number of rows changed.
    long long exec();

    // Calls f(const RowReader&) for each row.
    template <typename F>
    void each(F&& f) {
        start(true);
        while (fetch()) {
            f(reader());
        }
    }

    // f(row) for every row, collected.
    template <typename F>
    auto all(F&& f) -> std::vector<decltype(f(std::declval<const RowReader&>()))> {
        std::vector<decltype(f(std::declval<const RowReader&>()))> out;
        each([&](const RowReader& r) { out.push_back(f(r)); });
        return out;
    }

    // f(first row), or nothing when there is no row. The statement is reset after it.
    template <typename F>
    auto first(F&& f) -> std::optional<decltype(f(std::declval<const RowReader&>()))> {
        start(true);
        if (!fetch()) {
            return std::nullopt;
        }
        return f(reader());
    }

    // The single integer of an `INSERT ... RETURNING id` (or a COUNT(*)).
    std::int64_t returning_id();

private:
    void start(bool rows);
    void start_sqlite(bool rows);
    bool fetch();
    RowReader reader() const {
        return entry_->sqlite != nullptr ? RowReader(entry_->sqlite) : RowReader(entry_->row);
    }
    void failed(bool in_prepare);

    StatementCache& cache_;
    detail::CachedEntry* entry_;
    std::unique_ptr<detail::CachedEntry> one_off_;
};

class StatementCache {
public:
    StatementCache(soci::session& session, Dialect dialect)
        : session_(session), dialect_(dialect) {}
    StatementCache(const StatementCache&) = delete;
    StatementCache& operator=(const StatementCache&) = delete;
    ~StatementCache();

    CachedStatement sql(std::string_view query);

    soci::session& session() { return session_; }
    Dialect dialect() const { return dialect_; }
    std::size_t size() const { return entries_.size(); }

    // Writes that are cheaper in key order (SQLite's FTS5 index flushes its pending terms
    // whenever a rowid goes backwards; storage/records/search_index.cpp). Inside a transaction
    // they wait and run sorted by `order` (ties in the order deferred) when run_deferred() is
    // called: by Database::transaction before COMMIT, by a search before it reads, and here
    // once kMaxDeferred have gathered. Outside a transaction they run at once.
    void defer(std::int64_t order, std::function<void(StatementCache&)> write);
    void run_deferred();
    // Database::transaction: a transaction began, or it ended (a rollback drops what waits).
    void begin_transaction() { in_transaction_ = true; }
    void end_transaction();

    static constexpr std::size_t kMaxDeferred = 20000;

    // Enough for every query of the stores; past it, statements run one-off.
    static constexpr std::size_t kMaxEntries = 256;

private:
    friend class CachedStatement;
    void reset(detail::CachedEntry& entry);
    void drop(detail::CachedEntry* entry);

    soci::session& session_;
    Dialect dialect_;
    std::unordered_map<std::string, std::unique_ptr<detail::CachedEntry>> entries_;
    bool in_transaction_ = false;
    std::vector<std::pair<std::int64_t, std::function<void(StatementCache&)>>> deferred_;
};

}  // namespace hover::storage
