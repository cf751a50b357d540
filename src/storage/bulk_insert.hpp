// File: storage/bulk_insert.hpp
//
// BulkInsert: many rows into one table on the session of the current transaction, for imports
// (docs/decisions/0014). The values are given row by row, in the order of `columns`.
//   SQLite: one prepared INSERT (sqlite3 C API on SOCI's connection), bound and stepped per row:
//     what the sqlite3 shell's .import does, without SOCI's per-execution copying.
//   PostgreSQL: the rows are written in COPY's text format and sent with one
//     COPY table (columns) FROM STDIN (libpq PQputCopyData on SOCI's connection) by finish().
// Text given to text() must stay alive until end_row() (SQLite binds it without a copy): give
// members of the rows or locals, or temporaries in the same expression as end_row().
// Values are never spliced into SQL: the SQL holds only the table and column names the caller
// gives as constants; text goes through sqlite3_bind_text or COPY's escaping (copy_escape).
// Errors throw soci::soci_error (storage::guarded() turns them into an Error); a failure leaves
// the transaction to roll back.
//
// Example:
//   auto s = db_.session();
//   BulkInsert phones(s, "contact_phones", {"org_id", "contact_id", "position", "e164"});
//   for (...) { phones.integer(org).integer(id).integer(0).text(e164).end_row(); }
//   phones.finish();
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "storage/database.hpp"

namespace sqlite_api {
struct sqlite3_stmt;
}  // namespace sqlite_api

namespace hover::storage {

class BulkInsert {
public:
    BulkInsert(Database::Lease& session,
               std::string_view table,
               std::initializer_list<std::string_view> columns);
    BulkInsert(const BulkInsert&) = delete;
    BulkInsert& operator=(const BulkInsert&) = delete;
    ~BulkInsert();

    BulkInsert& text(std::string_view value);
    BulkInsert& opt_text(const std::optional<std::string>& value);
    BulkInsert& integer(std::int64_t value);
    BulkInsert& opt_integer(std::optional<std::int64_t> value);
    BulkInsert& null();
    // Ends the row (SQLite: runs the INSERT; PostgreSQL: ends the COPY line).
    void end_row();
    // Sends what is left (PostgreSQL: the COPY). Must be called once after the last row.
    void finish();

    std::size_t rows() const { return rows_; }

private:
    void next_column();

    Dialect dialect_;
    soci::session& session_;
    std::string table_;
    std::size_t columns_ = 0;
    std::size_t column_ = 0;  // the next value's column in this row
    std::size_t rows_ = 0;
    sqlite_api::sqlite3_stmt* statement_ = nullptr;  // SQLite
    std::string copy_sql_;                           // PostgreSQL
    std::string buffer_;                             // PostgreSQL: COPY text rows
    bool finished_ = false;
};

// COPY's text format for one value: backslash, tab, newline and carriage return (and the other
// control characters COPY reads as escapes) written as backslash sequences. Exposed for tests.
void copy_escape(std::string& out, std::string_view value);

}  // namespace hover::storage
