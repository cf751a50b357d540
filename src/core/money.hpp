// File: core/money.hpp
//
// Cents: an amount of money as a whole number of cents. Never a floating-point value: bills and
// refunds must add up to the cent. parse_money accepts what people type ("1,234.50", "$12",
// "-3.5") and rejects anything with more than two decimals.
//
// Example:
//   Cents monthly = HOVER_TRY(parse_money("49.95", "monthly_charge"));  // 4995
//   format_money(monthly) == "$49.95"
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace hover {

struct Cents {
    std::int64_t value = 0;

    constexpr Cents() = default;
    constexpr explicit Cents(std::int64_t v) : value(v) {}
    friend constexpr auto operator<=>(const Cents&, const Cents&) = default;
    friend constexpr Cents operator+(Cents a, Cents b) { return Cents{a.value + b.value}; }
    friend constexpr Cents operator-(Cents a, Cents b) { return Cents{a.value - b.value}; }
    friend constexpr Cents operator*(Cents a, std::int64_t n) { return Cents{a.value * n}; }
    Cents& operator+=(Cents other) {
        value += other.value;
        return *this;
    }
};

// "$1,234.50" / "-$3.05"
std::string format_money(Cents amount);

// Parses a decimal amount in dollars; `field` names the input in the error.
Result<Cents> parse_money(std::string_view text, std::string_view field);

}  // namespace hover
