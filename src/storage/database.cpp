#include "storage/database.hpp"

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <mutex>
#include <vector>

#include <fmt/format.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "core/log.hpp"
#include "core/time.hpp"
#include "storage/migrations.hpp"
#include "storage/soci_support.hpp"
#include "storage/statement_cache.hpp"

namespace hover::storage {
namespace {

// The session this thread holds from a Database, if any. While a thread holds one (through a
// Lease or a transaction), Database::session() hands out the same session again: stores join the
// use case's transaction without passing it around, and nested leases cannot exhaust the pool
// (a ":memory:" database has a single connection).
struct BoundSession {
    const Database* db = nullptr;
    soci::session* session = nullptr;
    StatementCache* statements = nullptr;
    bool in_transaction = false;
};
thread_local BoundSession tl_bound;

Error bad_url(std::string_view url, std::string why) {
    return Error::invalid(
        "--db", fmt::format("\"{}\" is not a database Hover can open: {}. Give a SQLite file path "
                            "(hover.db, sqlite:///var/lib/hover/hover.db) or a PostgreSQL URI "
                            "(postgresql://user@host:5432/dbname).",
                            url, why));
}

bool is_identifier(std::string_view s) {
    if (s.empty() || s.size() > 60) {
        return false;
    }
    for (char c : s) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
            return false;
        }
    }
    return !(s[0] >= '0' && s[0] <= '9');
}

std::string percent_decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() &&
            std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
            out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string conninfo_value(std::string_view value) {
    std::string out = "'";
    for (char c : value) {
        if (c == '\\' || c == '\'') {
            out += '\\';
        }
        out += c;
    }
    return out + "'";
}

// postgresql://user:password@host:port/dbname?key=value&... -> libpq "key='value' ..." form.
Result<std::string> postgres_conninfo(std::string_view url) {
    std::string_view rest = url.substr(url.find("://") + 3);
    std::string out;
    auto add = [&out](std::string_view key, std::string_view value) {
        if (!value.empty()) {
            out += fmt::format("{}{}={}", out.empty() ? "" : " ", key, conninfo_value(value));
        }
    };
    std::string_view query;
    if (auto q = rest.find('?'); q != std::string_view::npos) {
        query = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }
    std::string_view dbname;
    if (auto slash = rest.find('/'); slash != std::string_view::npos) {
        dbname = rest.substr(slash + 1);
        rest = rest.substr(0, slash);
    }
    if (auto at = rest.rfind('@'); at != std::string_view::npos) {
        std::string_view credentials = rest.substr(0, at);
        rest = rest.substr(at + 1);
        auto colon = credentials.find(':');
        add("user", percent_decode(credentials.substr(0, colon)));
        if (colon != std::string_view::npos) {
            add("password", percent_decode(credentials.substr(colon + 1)));
        }
    }
    std::string_view host = rest;
    std::string_view port;
    if (!host.empty() && host.front() == '[') {  // [::1]:5432
        auto close = host.find(']');
        if (close == std::string_view::npos) {
            return bad_url(url, "the IPv6 host has no closing ]");
        }
        port = close + 1 < host.size() && host[close + 1] == ':' ? host.substr(close + 2) : "";
        host = host.substr(1, close - 1);
    } else if (auto colon = host.rfind(':'); colon != std::string_view::npos) {
        port = host.substr(colon + 1);
        host = host.substr(0, colon);
    }
    for (char c : port) {
        if (c < '0' || c > '9') {
            return bad_url(url, "the port is not a number");
        }
    }
    add("host", percent_decode(host));
    add("port", port);
    add("dbname", percent_decode(dbname));
    while (!query.empty()) {
        auto amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        auto eq = pair.find('=');
        if (eq == std::string_view::npos || eq == 0) {
            return bad_url(url, "a parameter after ? is not key=value");
        }
        std::string key = percent_decode(pair.substr(0, eq));
        for (char c : key) {
            if (!((c >= 'a' && c <= 'z') || c == '_')) {
                return bad_url(url, "a parameter name after ? is not a libpq keyword");
            }
        }
        add(key, percent_decode(pair.substr(eq + 1)));
    }
    if (out.empty()) {
        return bad_url(url, "it names no server");
    }
    return out;
}

}  // namespace

Result<ConnectionTarget> parse_connection_string(std::string_view url) {
    ConnectionTarget target;
    if (url.empty()) {
        return bad_url(url, "it is empty");
    }
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
        target.dialect = Dialect::kPostgres;
        // SOCI 4.0 rewrites what it is given, so hand libpq a key=value string, not the URI.
        target.soci_connect = HOVER_TRY(postgres_conninfo(url));
        // Hide the password for logs: postgresql://user:secret@host -> postgresql://user:***@host
        std::string display(url);
        auto scheme_end = display.find("://") + 3;
        auto at = display.find('@', scheme_end);
        auto colon = display.find(':', scheme_end);
        if (at != std::string::npos && colon != std::string::npos && colon < at) {
            display.replace(colon + 1, at - colon - 1, "***");
        }
        target.display = display;
        if (display.size() <= scheme_end) {
            return bad_url(url, "it names no server");
        }
        return target;
    }
    std::string path;
    if (url.starts_with("sqlite://")) {
        path = std::string(url.substr(9));
    } else if (url.starts_with("sqlite:")) {
        path = std::string(url.substr(7));
    } else if (url.find("://") != std::string_view::npos) {
        return bad_url(url, "only sqlite and postgresql are supported");
    } else {
        path = std::string(url);
    }
    if (path.empty()) {
        return bad_url(url, "the file path is empty");
    }
    if (path.find('"') != std::string::npos) {
        return bad_url(url, "the path contains a double quote");
    }
    target.dialect = Dialect::kSqlite;
    target.in_memory = path == ":memory:";
    target.soci_connect = fmt::format("db=\"{}\" timeout=5", path);
    target.display = path;
    return target;
}

struct Database::Pool {
    std::mutex mutex;
    std::condition_variable available;
    std::vector<std::unique_ptr<soci::session>> sessions;
    // One per session, destroyed before the sessions (members are destroyed in reverse order).
    std::vector<std::unique_ptr<StatementCache>> statements;
    std::vector<bool> in_use;
    std::uint64_t waits = 0;
};

Database::Database(Dialect dialect, std::string display_url, std::unique_ptr<Pool> pool)
    : dialect_(dialect), display_url_(std::move(display_url)), pool_(std::move(pool)) {}

Database::~Database() = default;

namespace {

// Every connection of the pool is used by one thread at a time (a request or a command holds
// its session until it is done; decision 0002), so SQLite's default "serialized" mode, which
// locks a mutex around every sqlite3_* call, protects nothing here: those locks were a fifth of
// the instructions of GET /api/v1/accounts/{id} (docs/benchmarks.md). Multi-thread mode drops
// them, and so does not counting SQLite's memory (nothing reads sqlite3_memory_used). Both must
// be set before SQLite initialises, so once, before the first connection; if something in the
// process opened SQLite earlier, the calls are refused and SQLite stays serialized (still safe).
void configure_sqlite_once() {
    static const bool configured = [] {
        bool multi = sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD) == SQLITE_OK;
        bool no_stats = sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
        return multi && no_stats;
    }();
    (void)configured;
}

}  // namespace

Result<std::unique_ptr<Database>> Database::open(const DatabaseOptions& options) {
    auto target = HOVER_TRY(parse_connection_string(options.url));
    if (target.dialect == Dialect::kSqlite) {
        configure_sqlite_once();
    }
    if (!options.schema.empty() && !is_identifier(options.schema)) {
        return Error::invalid("schema", "A schema name is lower-case letters, digits and _.");
    }
    int size = target.in_memory ? 1 : std::max(1, options.pool_size);
    auto pool = std::make_unique<Pool>();
    try {
        for (int i = 0; i < size; ++i) {
            auto session = std::make_unique<soci::session>();
            if (target.dialect == Dialect::kSqlite) {
                session->open(*soci::factory_sqlite3(), target.soci_connect);
                if (!target.in_memory) {
                    *session << "PRAGMA journal_mode=WAL";
                }
                *session << "PRAGMA foreign_keys=ON";
                *session << "PRAGMA busy_timeout=5000";
                *session << "PRAGMA synchronous=NORMAL";
                // A 16 MiB page cache per connection (the default is 2 MiB): an agenda over a
                // technician's 2,000 accounts reads more than 2 MiB of pages, which were read
                // again through the kernel on every request (docs/benchmarks.md).
                *session << "PRAGMA cache_size=-16384";
            } else {
                session->open(*soci::factory_postgresql(), target.soci_connect);
                *session << "SET client_min_messages = warning";
                // Hover's rows are read from memory, not from spinning disks: with the default
                // (4) the planner preferred hashing whole tables of the organisation to a few
                // thousand index probes (the agenda at 100,000 accounts; docs/benchmarks.md).
                *session << "SET random_page_cost = 1.1";
                if (!options.schema.empty()) {
                    if (i == 0) {
                        *session << ("CREATE SCHEMA IF NOT EXISTS " + options.schema);
                    }
                    *session << ("SET search_path TO " + options.schema);
                }
            }
            pool->statements.push_back(std::make_unique<StatementCache>(*session, target.dialect));
            pool->sessions.push_back(std::move(session));
            pool->in_use.push_back(false);
        }
    } catch (const std::exception& e) {
        Error err = to_error(e, "open database");
        err.code = ErrorCode::kUnavailable;
        err.user_message = fmt::format(
            "Cannot open the database {}. {}", target.display,
            target.dialect == Dialect::kSqlite
                ? "Check that its folder exists and is writable, and that it is a SQLite file."
                : "Check that PostgreSQL is running and that the URI's user, host, port and "
                  "database are right.");
        return err;
    }
    auto db =
        std::unique_ptr<Database>(new Database(target.dialect, target.display, std::move(pool)));
    if (options.migrate == Migrate::kYes) {
        int applied = HOVER_TRY(db->migrate());
        if (applied > 0) {
            log_info("migrated", {{"db", db->display_url()}, {"applied", std::to_string(applied)}});
        }
    }
    return db;
}

Database::Lease::Lease(Database* db,
                       soci::session* session,
                       StatementCache* statements,
                       std::size_t pool_position,
                       bool owned)
    : db_(db),
      session_(session),
      statements_(statements),
      pool_position_(pool_position),
      owned_(owned) {}

Database::Lease::Lease(Lease&& other) noexcept
    : db_(other.db_),
      session_(other.session_),
      statements_(other.statements_),
      pool_position_(other.pool_position_),
      owned_(other.owned_) {
    other.owned_ = false;
}

Database::Lease::~Lease() {
    if (owned_) {
        if (tl_bound.session == session_) {
            tl_bound = {};
        }
        std::lock_guard lock(db_->pool_->mutex);
        db_->pool_->in_use[pool_position_] = false;
        db_->pool_->available.notify_one();
    }
}

Database::Lease Database::session() {
    if (tl_bound.db == this) {
        return Lease(this, tl_bound.session, tl_bound.statements, 0, false);
    }
    std::unique_lock lock(pool_->mutex);
    for (;;) {
        for (std::size_t i = 0; i < pool_->sessions.size(); ++i) {
            if (!pool_->in_use[i]) {
                pool_->in_use[i] = true;
                soci::session* session = pool_->sessions[i].get();
                StatementCache* statements = pool_->statements[i].get();
                if (tl_bound.db == nullptr) {
                    tl_bound = {this, session, statements, false};
                }
                return Lease(this, session, statements, i, true);
            }
        }
        ++pool_->waits;
        pool_->available.wait(lock);
    }
}

Database::PoolStats Database::pool_stats() const {
    std::lock_guard lock(pool_->mutex);
    PoolStats stats;
    stats.size = pool_->sessions.size();
    stats.in_use =
        static_cast<std::size_t>(std::count(pool_->in_use.begin(), pool_->in_use.end(), true));
    stats.waits_total = pool_->waits;
    return stats;
}

Result<Ok> Database::transaction(const std::function<Result<Ok>()>& work, Access access) {
    if (tl_bound.db == this && tl_bound.in_transaction) {
        // Join the outer transaction: it commits or rolls back everything at once.
        return work();
    }
    if (tl_bound.db != nullptr && tl_bound.db != this) {
        // Stores find the transaction through the thread's bound session; with another
        // database bound, their statements would silently run outside this transaction.
        return Error::internal(
            "a transaction was started while this thread holds a session of "
            "another database");
    }
    Lease lease = session();
    soci::session& s = *lease;
    try {
        // SQLite: take the write lock at the start, so two writers queue on the busy timeout
        // instead of failing when a read transaction tries to upgrade.
        // Prepared once per session, like every other statement (statement_cache.hpp).
        if (access == Access::kReadOnly) {
            lease.statements()
                .sql(dialect_ == Dialect::kSqlite
                         ? "BEGIN"
                         : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                .exec();
        } else {
            lease.statements()
                .sql(dialect_ == Dialect::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN")
                .exec();
        }
    } catch (const std::exception& e) {
        return to_error(e, "begin");
    }
    bool bound_here = tl_bound.db == this;
    if (bound_here) {
        tl_bound.in_transaction = true;
    }
    StatementCache& statements = lease.statements();
    statements.begin_transaction();
    struct Reset {
        bool bound;
        StatementCache& statements;
        ~Reset() {
            statements.end_transaction();
            if (bound) {
                tl_bound.in_transaction = false;
            }
        }
    } reset{bound_here, statements};
    auto rollback = [&s] {
        try {
            s << "ROLLBACK";
        } catch (const std::exception& e) {
            log_warn("rollback_failed", {{"detail", e.what()}});
        }
    };
    Result<Ok> result = Ok{};
    try {
        result = work();
    } catch (const std::exception& e) {
        rollback();
        return to_error(e, "transaction");
    }
    if (!result) {
        rollback();
        return result;
    }
    try {
        statements.run_deferred();
        statements.sql("COMMIT").exec();
    } catch (const std::exception& e) {
        rollback();
        return to_error(e, "commit");
    }
    return Ok{};
}

Result<int> Database::schema_version() {
    try {
        auto s = session();
        int version = 0;
        soci::indicator ind = soci::i_ok;
        *s << "SELECT MAX(version) FROM schema_migrations", soci::into(version, ind);
        return ind == soci::i_null ? 0 : version;
    } catch (const std::exception& e) {
        return to_error(e, "schema_version");
    }
}

Result<int> Database::migrate() {
    auto migrations = HOVER_TRY(migrations_for(dialect_));
    try {
        auto s = session();
        *s << "CREATE TABLE IF NOT EXISTS schema_migrations ("
              "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";
    } catch (const std::exception& e) {
        return to_error(e, "create schema_migrations");
    }
    int applied = 0;
    for (const auto& migration : migrations) {
        bool ran = false;
        auto step = transaction([&]() -> Result<Ok> {
            auto s = session();
            if (dialect_ == Dialect::kPostgres) {
                // Two servers starting at once: the second waits, then sees the version applied.
                *s << "SELECT pg_advisory_xact_lock(7245001)";
            }
            int present = 0;
            *s << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v",
                soci::use(migration.version), soci::into(present);
            if (present > 0) {
                return Ok{};
            }
            for (const auto& statement : migration.statements) {
                *s << statement;
            }
            std::string now = format_timestamp(std::chrono::time_point_cast<std::chrono::seconds>(
                std::chrono::system_clock::now()));
            *s << "INSERT INTO schema_migrations (version, name, applied_at) "
                  "VALUES (:v, :n, :t)",
                soci::use(migration.version), soci::use(migration.name), soci::use(now);
            ran = true;
            return Ok{};
        });
        if (!step) {
            Error err = std::move(step).error();
            err.detail = fmt::format("migration {:04}_{}: {}", migration.version, migration.name,
                                     err.detail);
            return err;
        }
        if (ran) {
            ++applied;
        }
    }
    return applied;
}

Result<Ok> Database::ping() {
    try {
        auto s = session();
        int one = 0;
        *s << "SELECT 1", soci::into(one);
        return Ok{};
    } catch (const std::exception& e) {
        Error err = to_error(e, "ping");
        err.code = ErrorCode::kUnavailable;
        return err;
    }
}

}  // namespace hover::storage
