#include "core/error.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>

namespace hover {
namespace {

// One row per ErrorCode, in enum order. Exit codes follow <sysexits.h>.
constexpr std::array kErrorTable{
    ErrorPolicy{ErrorCode::kInvalidInput, 422, 65, "invalid_input"},          // EX_DATAERR
    ErrorPolicy{ErrorCode::kNotFound, 404, 66, "not_found"},                  // EX_NOINPUT
    ErrorPolicy{ErrorCode::kConflict, 409, 75, "conflict"},                   // EX_TEMPFAIL
    ErrorPolicy{ErrorCode::kPermissionDenied, 403, 77, "permission_denied"},  // EX_NOPERM
    ErrorPolicy{ErrorCode::kUnauthenticated, 401, 77, "unauthenticated"},     // EX_NOPERM
    ErrorPolicy{ErrorCode::kRateLimited, 429, 75, "rate_limited"},            // EX_TEMPFAIL
    ErrorPolicy{ErrorCode::kUnavailable, 503, 69, "unavailable"},             // EX_UNAVAILABLE
    ErrorPolicy{ErrorCode::kDataCorrupt, 500, 76, "data_corrupt"},            // EX_PROTOCOL
    ErrorPolicy{ErrorCode::kInternal, 500, 70, "internal"},                   // EX_SOFTWARE
};

constexpr bool table_in_enum_order() {
    for (std::size_t i = 0; i < kErrorTable.size(); ++i) {
        if (static_cast<std::size_t>(kErrorTable[i].code) != i) {
            return false;
        }
    }
    return static_cast<std::size_t>(ErrorCode::kInternal) + 1 == kErrorTable.size();
}
static_assert(table_in_enum_order(), "kErrorTable must list every ErrorCode in enum order");

}  // namespace

const ErrorPolicy& error_policy(ErrorCode code) {
    return kErrorTable[static_cast<std::size_t>(code)];
}

Error Error::invalid(std::string field_name, std::string message, const char* file, int line) {
    Error e;
    e.code = ErrorCode::kInvalidInput;
    e.detail = field_name + ": " + message;
    e.user_message = std::move(message);
    e.field = std::move(field_name);
    e.file = file;
    e.line = line;
    return e;
}

Error Error::not_found(std::string what, std::string detail, const char* file, int line) {
    Error e;
    e.code = ErrorCode::kNotFound;
    e.user_message = "No such " + what + ".";
    e.detail = std::move(detail);
    e.file = file;
    e.line = line;
    return e;
}

Error Error::internal(std::string detail, const char* file, int line) {
    Error e;
    e.code = ErrorCode::kInternal;
    e.user_message = "Something went wrong on our side. It has been logged; please try again.";
    e.detail = std::move(detail);
    e.file = file;
    e.line = line;
    return e;
}

namespace detail {
void assertion_failed(const char* expr, const char* file, int line) {
    std::fprintf(stderr, "hover: assertion failed: %s at %s:%d\n", expr, file, line);
    std::abort();
}
}  // namespace detail

}  // namespace hover
