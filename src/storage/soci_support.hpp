// File: storage/soci_support.hpp
//
// What SOCI 4.0.3 lacks, in one place (storage only):
// - std::optional<T> as a bind/into type (SOCI 4.1 adds it; this is its boost::optional shim);
// - RowReader: reads a soci::row by position whatever numeric type each backend reports
//   (SQLite says dt_integer where PostgreSQL says dt_long_long for the same BIGINT column);
// - to_error(): a SOCI exception as an Error, classified (unique violation -> kConflict,
//   busy/locked/connection -> kUnavailable) without showing SQL to the user.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <soci/soci.h>

#include "core/error.hpp"

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

namespace hover::storage {

class RowReader {
public:
    explicit RowReader(const soci::row& row) : row_(row) {}

    bool is_null(std::size_t i) const { return row_.get_indicator(i) == soci::i_null; }
    std::int64_t i64(std::size_t i) const;
    std::optional<std::int64_t> opt_i64(std::size_t i) const;
    int i32(std::size_t i) const { return static_cast<int>(i64(i)); }
    std::optional<int> opt_i32(std::size_t i) const;
    bool boolean(std::size_t i) const { return i64(i) != 0; }
    std::optional<bool> opt_bool(std::size_t i) const;
    double f64(std::size_t i) const;
    std::optional<double> opt_f64(std::size_t i) const;
    std::string str(std::size_t i) const;  // "" for NULL
    std::optional<std::string> opt_str(std::size_t i) const;

private:
    const soci::row& row_;
};

enum class DatabaseError { kUniqueViolation, kForeignKey, kBusy, kConnection, kOther };

DatabaseError classify(const std::exception& e);

// `what` is the query or operation name, for the log.
Error to_error(const std::exception& e, std::string_view what);

}  // namespace hover::storage
