#include "storage/bulk_insert.hpp"

#include <charconv>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "storage/statement_cache.hpp"

namespace hover::storage {

using namespace sqlite_api;

namespace {

PGconn* postgres_connection(soci::session& session) {
    return static_cast<soci::postgresql_session_backend*>(session.get_backend())->conn_;
}

[[noreturn]] void fail(std::string_view what, std::string_view table, std::string_view detail) {
    throw soci::soci_error(std::string(what) + " into " + std::string(table) + ": " +
                           std::string(detail));
}

}  // namespace

void copy_escape(std::string& out, std::string_view value) {
    for (char c : value) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                out += c;
        }
    }
}

BulkInsert::BulkInsert(Database::Lease& session,
                       std::string_view table,
                       std::initializer_list<std::string_view> columns)
    : dialect_(session.statements().dialect()),
      session_(*session),
      table_(table),
      columns_(columns.size()) {
    std::string names;
    for (auto c : columns) {
        names += names.empty() ? "" : ", ";
        names += c;
    }
    if (dialect_ == Dialect::kSqlite) {
        std::string sql = "INSERT INTO " + table_ + " (" + names + ") VALUES (";
        for (std::size_t i = 0; i < columns_; ++i) {
            sql += i == 0 ? "?" : ", ?";
        }
        sql += ")";
        sqlite3* db = sqlite_connection(session_);
        if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &statement_,
                               nullptr) != SQLITE_OK) {
            fail("cannot prepare a bulk insert", table_, sqlite3_errmsg(db));
        }
    } else {
        copy_sql_ = "COPY " + table_ + " (" + names + ") FROM STDIN";
    }
}

BulkInsert::~BulkInsert() {
    if (statement_ != nullptr) {
        sqlite3_finalize(statement_);
    }
}

void BulkInsert::next_column() {
    if (column_ >= columns_) {
        fail("too many values in a row", table_, std::to_string(columns_) + " columns");
    }
    if (dialect_ == Dialect::kPostgres && column_ > 0) {
        buffer_ += '\t';
    }
    ++column_;
}

BulkInsert& BulkInsert::text(std::string_view value) {
    next_column();
    if (dialect_ == Dialect::kSqlite) {
        // Not copied: the caller keeps the text until end_row() (see the header).
        sqlite3_bind_text(statement_, static_cast<int>(column_), value.data(),
                          static_cast<int>(value.size()), SQLITE_STATIC);
    } else {
        copy_escape(buffer_, value);
    }
    return *this;
}

BulkInsert& BulkInsert::opt_text(const std::optional<std::string>& value) {
    return value ? text(*value) : null();
}

BulkInsert& BulkInsert::integer(std::int64_t value) {
    next_column();
    if (dialect_ == Dialect::kSqlite) {
        sqlite3_bind_int64(statement_, static_cast<int>(column_), value);
    } else {
        char digits[24];
        auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
        buffer_.append(digits, end);
    }
    return *this;
}

BulkInsert& BulkInsert::opt_integer(std::optional<std::int64_t> value) {
    return value ? integer(*value) : null();
}

BulkInsert& BulkInsert::null() {
    next_column();
    if (dialect_ == Dialect::kSqlite) {
        sqlite3_bind_null(statement_, static_cast<int>(column_));
    } else {
        buffer_ += "\\N";
    }
    return *this;
}

void BulkInsert::end_row() {
    if (column_ != columns_) {
        fail("a row with too few values", table_,
             std::to_string(column_) + " of " + std::to_string(columns_));
    }
    column_ = 0;
    ++rows_;
    if (dialect_ == Dialect::kSqlite) {
        int rc = sqlite3_step(statement_);
        sqlite3_reset(statement_);
        if (rc != SQLITE_DONE) {
            fail("cannot insert", table_, sqlite3_errmsg(sqlite_connection(session_)));
        }
        return;
    }
    buffer_ += '\n';
}

void BulkInsert::finish() {
    if (finished_) {
        return;
    }
    finished_ = true;
    if (dialect_ == Dialect::kSqlite || rows_ == 0) {
        return;
    }
    PGconn* conn = postgres_connection(session_);
    PGresult* started = PQexec(conn, copy_sql_.c_str());
    ExecStatusType status = PQresultStatus(started);
    PQclear(started);
    if (status != PGRES_COPY_IN) {
        fail("cannot start COPY", table_, PQerrorMessage(conn));
    }
    constexpr std::size_t kChunk = 1 << 20;
    bool sent = true;
    for (std::size_t at = 0; at < buffer_.size() && sent; at += kChunk) {
        std::size_t n = std::min(kChunk, buffer_.size() - at);
        sent = PQputCopyData(conn, buffer_.data() + at, static_cast<int>(n)) == 1;
    }
    std::string error = sent ? std::string() : PQerrorMessage(conn);
    if (PQputCopyEnd(conn, sent ? nullptr : "the data could not be sent") != 1 && error.empty()) {
        error = PQerrorMessage(conn);
    }
    // The COPY's result(s): COMMAND_OK, or the error (a constraint, a malformed value).
    while (PGresult* r = PQgetResult(conn)) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK && error.empty()) {
            error = PQresultErrorMessage(r);
        }
        PQclear(r);
    }
    buffer_.clear();
    buffer_.shrink_to_fit();
    if (!error.empty()) {
        fail("COPY failed", table_, error);
    }
}

}  // namespace hover::storage
