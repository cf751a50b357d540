// File: storage/soci_support.hpp
//
// What SOCI 4.0.3 lacks, in one place (storage only):
// - std::optional<T> as a bind/into type (SOCI 4.1 adds it; this is its boost::optional shim);
// - RowReader: reads a soci::row by position whatever numeric type each backend reports
//   (SQLite says dt_integer where PostgreSQL says dt_long_long for the same BIGINT column), or
//   the current row of a SQLite statement that StatementCache steps itself (decision 0017);
// - to_error(): a SOCI exception as an Error, classified (unique violation -> kConflict,
//   busy/locked/connection -> kUnavailable) without showing SQL to the user.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <soci/soci.h>

#include "core/error.hpp"
#include "core/time.hpp"
#include "domain/records/enums.hpp"

namespace soci {

template <typename T>
struct type_conversion<std::optional<T>> {
    using base_type = typename type_conversion<T>::base_type;

    static void from_base(const base_type& in, indicator ind, std::optional<T>& out) {
        if (ind == i_null) {
            out.reset();
        } else {
            T tmp{};
            type_conversion<T>::from_base(in, ind, tmp);
            out = std::move(tmp);
        }
    }

    static void to_base(const std::optional<T>& in, base_type& out, indicator& ind) {
        if (in.has_value()) {
            type_conversion<T>::to_base(*in, out, ind);
        } else {
            ind = i_null;
        }
    }
};

}  // namespace soci

namespace sqlite_api {
struct sqlite3;  // <sqlite3.h> as SOCI's SQLite backend wraps it
struct sqlite3_stmt;
}  // namespace sqlite_api

namespace hover::storage {

// A stored value that breaks an invariant (an unknown enum name, a malformed date): reported as
// kDataCorrupt by guarded() rather than guessed at.
class CorruptRow : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class RowReader {
public:
    explicit RowReader(const soci::row& row) : row_(&row) {}
    // The row a SQLite statement is on (after sqlite3_step returned SQLITE_ROW).
    explicit RowReader(sqlite_api::sqlite3_stmt* statement) : statement_(statement) {}

    bool is_null(std::size_t i) const;
    std::int64_t i64(std::size_t i) const;
    std::optional<std::int64_t> opt_i64(std::size_t i) const;
    // A nullable integer column as a wrapped value: r.opt<UserId>(8), r.opt<Cents>(6).
    template <typename T>
    std::optional<T> opt(std::size_t i) const {
        if (auto v = opt_i64(i)) {
            return T{*v};
        }
        return std::nullopt;
    }
    int i32(std::size_t i) const { return static_cast<int>(i64(i)); }
    std::optional<int> opt_i32(std::size_t i) const;
    bool boolean(std::size_t i) const { return i64(i) != 0; }
    std::optional<bool> opt_bool(std::size_t i) const;
    double f64(std::size_t i) const;
    std::optional<double> opt_f64(std::size_t i) const;
    std::string str(std::size_t i) const;  // "" for NULL
    std::optional<std::string> opt_str(std::size_t i) const;
    // The text of column i ("" for NULL), valid until the next column is read or the next row
    // is fetched: for parsing without a copy.
    std::string_view view(std::size_t i) const;
    // ISO text columns (docs/decisions/0003); CorruptRow when the text is not a time or date.
    Timestamp timestamp(std::size_t i) const;
    std::optional<Timestamp> opt_timestamp(std::size_t i) const;
    std::optional<Date> opt_date(std::size_t i) const;
    // An enum stored by name (domain/records/enums.hpp); CorruptRow for an unknown name.
    template <typename E>
    E enum_value(std::size_t i, std::string_view column) const {
        std::string_view text = view(i);
        auto parsed = records::parse_enum<E>(text, column);
        if (!parsed) {
            throw CorruptRow(std::string(column) + " holds \"" + std::string(text) + "\"");
        }
        return parsed.value();
    }

private:
    const soci::row* row_ = nullptr;
    sqlite_api::sqlite3_stmt* statement_ = nullptr;
    mutable std::string scratch_;  // view() of a soci::row's value
};

enum class DatabaseError { kUniqueViolation, kForeignKey, kBusy, kConnection, kOther };

DatabaseError classify(const std::exception& e);

// `what` is the query or operation name, for the log.
Error to_error(const std::exception& e, std::string_view what);

Error corrupt_row_error(const CorruptRow& e, std::string_view what);

// The SQLite connection under a SOCI session opened on SQLite.
sqlite_api::sqlite3* sqlite_connection(soci::session& session);

// Runs a store method's body, turning a CorruptRow into kDataCorrupt and any other exception
// (SOCI, the database) into the Error that to_error() classifies.
template <typename F>
auto guarded(std::string_view what, F&& body) -> decltype(body()) {
    try {
        return body();
    } catch (const CorruptRow& e) {
        return corrupt_row_error(e, what);
    } catch (const std::exception& e) {
        return to_error(e, what);
    }
}

// kNotFound for a row that is not in the caller's organisation (or does not exist).
Error not_found_row(std::string_view what, std::int64_t id);

}  // namespace hover::storage
