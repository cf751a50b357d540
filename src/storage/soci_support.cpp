#include "storage/soci_support.hpp"

#include <fmt/format.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace hover::storage {

using namespace sqlite_api;

bool RowReader::is_null(std::size_t i) const {
    if (statement_ != nullptr) {
        return sqlite3_column_type(statement_, static_cast<int>(i)) == SQLITE_NULL;
    }
    return row_->get_indicator(i) == soci::i_null;
}

std::int64_t RowReader::i64(std::size_t i) const {
    if (is_null(i)) {
        return 0;
    }
    if (statement_ != nullptr) {
        return sqlite3_column_int64(statement_, static_cast<int>(i));
    }
    switch (row_->get_properties(i).get_data_type()) {
        case soci::dt_integer:
            return row_->get<int>(i);
        case soci::dt_long_long:
            return row_->get<long long>(i);
        case soci::dt_unsigned_long_long:
            return static_cast<std::int64_t>(row_->get<unsigned long long>(i));
        case soci::dt_double:
            return static_cast<std::int64_t>(row_->get<double>(i));
        case soci::dt_string:
            return std::stoll(row_->get<std::string>(i));
        default:
            throw soci::soci_error("column " + std::to_string(i) + " is not a number");
    }
}

std::optional<std::int64_t> RowReader::opt_i64(std::size_t i) const {
    if (is_null(i)) {
        return std::nullopt;
    }
    return i64(i);
}

std::optional<int> RowReader::opt_i32(std::size_t i) const {
    if (is_null(i)) {
        return std::nullopt;
    }
    return i32(i);
}

std::optional<bool> RowReader::opt_bool(std::size_t i) const {
    if (is_null(i)) {
        return std::nullopt;
    }
    return boolean(i);
}

double RowReader::f64(std::size_t i) const {
    if (is_null(i)) {
        return 0;
    }
    if (statement_ != nullptr) {
        return sqlite3_column_double(statement_, static_cast<int>(i));
    }
    switch (row_->get_properties(i).get_data_type()) {
        case soci::dt_double:
            return row_->get<double>(i);
        case soci::dt_integer:
            return row_->get<int>(i);
        case soci::dt_long_long:
            return static_cast<double>(row_->get<long long>(i));
        case soci::dt_string:
            return std::stod(row_->get<std::string>(i));
        default:
            throw soci::soci_error("column " + std::to_string(i) + " is not a number");
    }
}

std::optional<double> RowReader::opt_f64(std::size_t i) const {
    if (is_null(i)) {
        return std::nullopt;
    }
    return f64(i);
}

std::string_view RowReader::view(std::size_t i) const {
    if (statement_ != nullptr) {
        // SQLite converts a number to its decimal text; NULL gives a null pointer.
        const auto* text = sqlite3_column_text(statement_, static_cast<int>(i));
        if (text == nullptr) {
            return {};
        }
        return {reinterpret_cast<const char*>(text),
                static_cast<std::size_t>(sqlite3_column_bytes(statement_, static_cast<int>(i)))};
    }
    if (is_null(i)) {
        return {};
    }
    if (row_->get_properties(i).get_data_type() == soci::dt_string) {
        scratch_ = row_->get<std::string>(i);
    } else {
        scratch_ = std::to_string(i64(i));
    }
    return scratch_;
}

std::string RowReader::str(std::size_t i) const {
    if (statement_ != nullptr) {
        return std::string(view(i));
    }
    if (is_null(i)) {
        return {};
    }
    if (row_->get_properties(i).get_data_type() == soci::dt_string) {
        return row_->get<std::string>(i);  // one copy, not two through view()
    }
    return std::to_string(i64(i));
}

std::optional<std::string> RowReader::opt_str(std::size_t i) const {
    if (is_null(i)) {
        return std::nullopt;
    }
    return str(i);
}

Timestamp RowReader::timestamp(std::size_t i) const {
    std::string_view text = view(i);
    auto t = parse_timestamp(text, "timestamp");
    if (!t) {
        throw CorruptRow(fmt::format("column {} holds \"{}\"", i, text));
    }
    return t.value();
}

std::optional<Timestamp> RowReader::opt_timestamp(std::size_t i) const {
    if (is_null(i)) {
        return std::nullopt;
    }
    return timestamp(i);
}

std::optional<Date> RowReader::opt_date(std::size_t i) const {
    if (is_null(i)) {
        return std::nullopt;
    }
    std::string_view text = view(i);
    auto d = parse_date(text, "date");
    if (!d) {
        throw CorruptRow(fmt::format("column {} holds \"{}\"", i, text));
    }
    return d.value();
}

sqlite3* sqlite_connection(soci::session& session) {
    return static_cast<soci::sqlite3_session_backend*>(session.get_backend())->conn_;
}

Error corrupt_row_error(const CorruptRow& e, std::string_view what) {
    Error err;
    err.code = ErrorCode::kDataCorrupt;
    err.user_message = "Some stored data is damaged and cannot be read. It has been logged.";
    err.detail = fmt::format("{}: {}", what, e.what());
    return err;
}

Error not_found_row(std::string_view what, std::int64_t id) {
    return Error::not_found(std::string(what), fmt::format("{} {} not in this org", what, id));
}

DatabaseError classify(const std::exception& e) {
    if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
        std::string state = pg->sqlstate();
        if (state == "23505") {
            return DatabaseError::kUniqueViolation;
        }
        if (state == "23503") {
            return DatabaseError::kForeignKey;
        }
        if (state.rfind("08", 0) == 0 || state == "57P01" || state == "57P03") {
            return DatabaseError::kConnection;
        }
        if (state == "40001" || state == "40P01" || state == "55P03") {
            return DatabaseError::kBusy;
        }
        return DatabaseError::kOther;
    }
    if (const auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
        int code = lite->result() & 0xff;
        if (code == 19) {  // SQLITE_CONSTRAINT: the message says which kind
            std::string_view what = e.what();
            if (what.find("UNIQUE") != std::string_view::npos) {
                return DatabaseError::kUniqueViolation;
            }
            if (what.find("FOREIGN KEY") != std::string_view::npos) {
                return DatabaseError::kForeignKey;
            }
            return DatabaseError::kOther;
        }
        if (code == 5 || code == 6) {  // SQLITE_BUSY, SQLITE_LOCKED
            return DatabaseError::kBusy;
        }
        if (code == 14 || code == 26 || code == 10) {  // CANTOPEN, NOTADB, IOERR
            return DatabaseError::kConnection;
        }
        return DatabaseError::kOther;
    }
    std::string_view what = e.what();
    if (what.find("connection") != std::string_view::npos ||
        what.find("Cannot establish") != std::string_view::npos) {
        return DatabaseError::kConnection;
    }
    return DatabaseError::kOther;
}

Error to_error(const std::exception& e, std::string_view what) {
    Error err;
    err.detail = fmt::format("{}: {}", what, e.what());
    switch (classify(e)) {
        case DatabaseError::kUniqueViolation:
            err.code = ErrorCode::kConflict;
            err.user_message = "That record already exists.";
            break;
        case DatabaseError::kForeignKey:
            err.code = ErrorCode::kConflict;
            err.user_message = "That record refers to something that does not exist any more.";
            break;
        case DatabaseError::kBusy:
            err.code = ErrorCode::kUnavailable;
            err.user_message = "The database is busy. Please try again in a moment.";
            break;
        case DatabaseError::kConnection:
            err.code = ErrorCode::kUnavailable;
            err.user_message =
                "The database cannot be reached. Check that it is running and "
                "that the connection string (--db or HOVER_DB) is right.";
            break;
        case DatabaseError::kOther:
            err.code = ErrorCode::kInternal;
            err.user_message =
                "Something went wrong on our side. It has been logged; please try again.";
            break;
    }
    return err;
}

}  // namespace hover::storage
