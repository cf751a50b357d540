// File: tests/support/test_time.hpp
//
// Timestamps and dates written as text in tests: at("2026-03-02T09:00:00Z"), day("2026-03-02").
// A malformed literal is a bug in the test, so it throws (bad_optional_access) at once.
#pragma once

#include "core/time.hpp"

namespace hover::testing {

inline Timestamp at(const char* text) {
    return parse_timestamp(text, "t").value();
}

inline Date day(const char* text) {
    return parse_date(text, "d").value();
}

}  // namespace hover::testing
