// File: storage/database.hpp
//
// Database: the one door to SQL. Opens SQLite or PostgreSQL through SOCI from a connection
// string, applies the numbered migrations, hands out pooled sessions, and runs transactions.
//
// Connection strings (the --db flag or HOVER_DB):
//   /var/lib/hover/hover.db, ./hover.db, sqlite:///abs/path.db, sqlite://rel.db, :memory:
//   postgresql://user[:password]@host[:port]/dbname[?sslmode=...]
//
// SQLite is opened with WAL, foreign keys on, a 5 s busy timeout and synchronous=NORMAL.
// ":memory:" uses a single connection (each connection would see its own empty database).
//
// Transactions: Database::transaction(work) leases one session, begins, runs `work`, and commits
// when `work` returns a value (rolls back on an error or an exception). While it runs, every
// call to session() on the same thread returns that same session, so stores join it without
// passing it around. Nested transaction() calls join the outer one.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace soci {
class session;
}

namespace hover::storage {

class StatementCache;

enum class Dialect { kSqlite, kPostgres };

enum class Migrate { kYes, kNo };

// kReadOnly: a consistent snapshot for reads that must agree with each other (an account page).
// SQLite: a deferred BEGIN, which takes no write lock (WAL readers never block the writer).
// PostgreSQL: REPEATABLE READ READ ONLY.
enum class Access { kReadWrite, kReadOnly };

struct DatabaseOptions {
    std::string url;
    int pool_size = 4;
    Migrate migrate = Migrate::kYes;
    // PostgreSQL only: work in this schema (created when missing) instead of "public". The
    // storage tests give each test its own schema so that they can run in parallel.
    std::string schema;
};

class Database {
public:
    static Result<std::unique_ptr<Database>> open(const DatabaseOptions& options);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    Dialect dialect() const { return dialect_; }
    // The URL without its password, for logs and messages.
    const std::string& display_url() const { return display_url_; }

    // Applies pending migrations, each in its own transaction. Returns how many were applied.
    Result<int> migrate();
    // The highest applied migration number.
    Result<int> schema_version();

    Result<Ok> transaction(const std::function<Result<Ok>()>& work,
                           Access access = Access::kReadWrite);

    // A session lease: the current transaction's session, or one from the pool until the lease
    // goes out of scope.
    class Lease {
    public:
        Lease(Database* db,
              soci::session* session,
              StatementCache* statements,
              std::size_t pool_position,
              bool owned);
        Lease(Lease&& other) noexcept;
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        soci::session& operator*() const { return *session_; }
        soci::session* operator->() const { return session_; }
        // The session's prepared statements (storage/statement_cache.hpp).
        StatementCache& statements() const { return *statements_; }

    private:
        Database* db_;
        soci::session* session_;
        StatementCache* statements_;
        std::size_t pool_position_;
        bool owned_;
    };
    Lease session();

    // Checks that a query runs (for /healthz).
    Result<Ok> ping();

    // The session pool, for /metrics (DESIGN P6).
    struct PoolStats {
        std::size_t size = 0;
        std::size_t in_use = 0;
        std::uint64_t waits_total = 0;  // times a caller found every session busy and waited
    };
    PoolStats pool_stats() const;

private:
    struct Pool;
    Database(Dialect dialect, std::string display_url, std::unique_ptr<Pool> pool);

    Dialect dialect_;
    std::string display_url_;
    std::unique_ptr<Pool> pool_;
};

// Turns what the user typed into a SOCI connection string; kInvalidInput names `--db` when the
// string is not a SQLite path or a postgresql:// URI. Exposed for tests.
struct ConnectionTarget {
    Dialect dialect;
    std::string soci_connect;  // "sqlite3://db=... timeout=5" or "postgresql://host=..."
    std::string display;       // without password
    bool in_memory = false;
};
Result<ConnectionTarget> parse_connection_string(std::string_view url);

}  // namespace hover::storage
