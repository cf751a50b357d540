// File: core/result.hpp
//
// Result<T>: the value of an operation that can fail for reasons outside the program (bad input,
// a missing row, a database that is down). It holds either a T or an Error (core/error.hpp).
// Member names follow std::expected, so a later C++23 build can turn it into an alias.
//
// Example:
//   Result<Account> r = service.get_account(ctx, id);
//   if (!r) return std::move(r).error();
//   Account account = HOVER_TRY(service.get_account(ctx, id));  // the same, shorter
#pragma once

#include <utility>
#include <variant>

#include "core/error.hpp"

namespace hover {

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}

    bool has_value() const { return state_.index() == 0; }
    explicit operator bool() const { return has_value(); }

    T& value() & { return std::get<0>(state_); }
    const T& value() const& { return std::get<0>(state_); }
    // By value, not T&&: `for (auto& x : f().value())` must not dangle when f() returns a
    // temporary Result (std::expected has that trap).
    T value() && { return std::get<0>(std::move(state_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const& { return std::get<1>(state_); }
    Error&& error() && { return std::get<1>(std::move(state_)); }

private:
    std::variant<T, Error> state_;
};

// Result<Ok>: an operation with nothing to return.
struct Ok {};

}  // namespace hover

// Rust's `?`: evaluates to the value, or returns the error from the enclosing function.
// __extension__ keeps -Wpedantic quiet about the statement expression (gcc and clang); the
// variable gets a unique name so that HOVER_TRY can nest without -Wshadow.
#define HOVER_TRY(expr) HOVER_TRY_IMPL(expr, HOVER_CONCAT(hover_try_, __COUNTER__))
#define HOVER_CONCAT_INNER(a, b) a##b
#define HOVER_CONCAT(a, b) HOVER_CONCAT_INNER(a, b)
#define HOVER_TRY_IMPL(expr, var)          \
    __extension__({                        \
        auto var = (expr);                 \
        if (!var) {                        \
            return std::move(var).error(); \
        }                                  \
        std::move(var).value();            \
    })

// For bugs, not for bad input: logs and aborts.
#define HOVER_ASSERT(cond)                                                \
    do {                                                                  \
        if (!(cond)) {                                                    \
            ::hover::detail::assertion_failed(#cond, __FILE__, __LINE__); \
        }                                                                 \
    } while (false)
