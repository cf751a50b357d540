// File: tests/support/result_matchers.hpp
//
// gmock matchers for Result<T>: EXPECT_THAT(r, IsOk()); EXPECT_THAT(r, HasError(kConflict)).
// There is no "is any error" matcher on purpose: a test checks the specific error (abseil).
#pragma once

#include <gmock/gmock.h>

#include "core/error.hpp"

namespace hover::testing {

MATCHER(IsOk, "succeeds") {
    if (arg.has_value()) {
        return true;
    }
    *result_listener << "failed with " << error_policy(arg.error().code).slug << ": "
                     << arg.error().user_message << " (" << arg.error().detail << ")";
    return false;
}

MATCHER_P(HasError, code, std::string("fails with ") + std::string(error_policy(code).slug)) {
    if (arg.has_value()) {
        *result_listener << "succeeded";
        return false;
    }
    *result_listener << "failed with " << error_policy(arg.error().code).slug << ": "
                     << arg.error().user_message;
    return arg.error().code == code;
}

MATCHER_P2(HasFieldError,
           code,
           field,
           std::string("fails with ") + std::string(error_policy(code).slug) + " on " + field) {
    if (arg.has_value()) {
        *result_listener << "succeeded";
        return false;
    }
    *result_listener << "failed with " << error_policy(arg.error().code).slug << " on field \""
                     << arg.error().field << "\": " << arg.error().user_message;
    return arg.error().code == code && arg.error().field == field;
}

}  // namespace hover::testing
