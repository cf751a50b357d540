// File: core/error.hpp
//
// Error: what went wrong, in two voices. `user_message` is shown to the user as is (no SQL, no
// paths, no other organisation's data); `detail` goes to the log only. `field` names the input
// field (or file/row/column) the user has to fix, when there is one.
//
// How an error leaves the program (HTTP status, CLI exit code, API slug) is decided once, by
// error_policy() over kErrorTable in error.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace hover {

// Adding a code? Add its row to kErrorTable in error.cpp (a static_assert checks the order).
enum class ErrorCode : std::uint8_t {
    kInvalidInput,      // malformed request or file; the user can fix it
    kNotFound,          // no such row in the caller's organisation
    kConflict,          // well-formed, but the current state forbids it (duplicate, stale)
    kPermissionDenied,  // signed in, but the role does not allow it
    kUnauthenticated,   // no valid credentials
    kRateLimited,       // too many attempts (sign-in throttling); the message says when to retry
    kUnavailable,       // database or disk unusable now; retrying may help
    kDataCorrupt,       // stored or imported data breaks an invariant
    kInternal,          // a bug; never the user's fault
};

struct Error {
    ErrorCode code = ErrorCode::kInternal;
    std::string user_message;
    std::string detail;
    std::string field;  // e.g. "phones[0].number"; empty when the error is not about one field
    const char* file = __builtin_FILE();
    int line = __builtin_LINE();

    static Error invalid(std::string field_name,
                         std::string message,
                         const char* file = __builtin_FILE(),
                         int line = __builtin_LINE());
    static Error not_found(std::string what,
                           std::string detail = {},
                           const char* file = __builtin_FILE(),
                           int line = __builtin_LINE());
    static Error internal(std::string detail,
                          const char* file = __builtin_FILE(),
                          int line = __builtin_LINE());
};

struct ErrorPolicy {
    ErrorCode code;
    int http_status;
    int exit_code;  // sysexits.h values, so shell scripts can tell the cases apart
    std::string_view slug;
};

const ErrorPolicy& error_policy(ErrorCode code);

namespace detail {
[[noreturn]] void assertion_failed(const char* expr, const char* file, int line);
}  // namespace detail

}  // namespace hover
