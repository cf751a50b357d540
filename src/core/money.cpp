#include "core/money.hpp"

#include <cstdlib>
#include <limits>

#include <fmt/format.h>

namespace hover {

std::string format_money(Cents amount) {
    std::int64_t v = amount.value;
    bool negative = v < 0;
    // Work on the magnitude as unsigned so INT64_MIN does not overflow.
    std::uint64_t mag =
        negative ? static_cast<std::uint64_t>(-(v + 1)) + 1u : static_cast<std::uint64_t>(v);
    std::string dollars = std::to_string(mag / 100u);
    std::string grouped;
    int count = 0;
    for (auto it = dollars.rbegin(); it != dollars.rend(); ++it) {
        if (count > 0 && count % 3 == 0) {
            grouped.insert(grouped.begin(), ',');
        }
        grouped.insert(grouped.begin(), *it);
        ++count;
    }
    return fmt::format("{}${}.{:02}", negative ? "-" : "", grouped, mag % 100u);
}

Result<Cents> parse_money(std::string_view text, std::string_view field) {
    auto bad = [&](std::string why) {
        return Error::invalid(std::string(field),
                              fmt::format("{} Write an amount like 1234.50.", why));
    };
    std::size_t i = 0;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) {
        ++i;
    }
    std::size_t end = text.size();
    while (end > i && (text[end - 1] == ' ' || text[end - 1] == '\t')) {
        --end;
    }
    if (i == end) {
        return bad("The amount is empty.");
    }
    bool negative = false;
    if (text[i] == '-') {
        negative = true;
        ++i;
    }
    if (i < end && text[i] == '$') {
        ++i;
    }
    if (!negative && i < end && text[i] == '-') {
        negative = true;
        ++i;
    }
    std::uint64_t whole = 0;
    int digits = 0;
    int decimals = 0;
    std::uint64_t frac = 0;
    bool in_fraction = false;
    constexpr std::uint64_t kMaxWhole = std::numeric_limits<std::int64_t>::max() / 100 - 1;
    for (; i < end; ++i) {
        char c = text[i];
        if (c >= '0' && c <= '9') {
            if (in_fraction) {
                if (++decimals > 2) {
                    return bad(fmt::format("\"{}\" has more than two decimals.", text));
                }
                frac = frac * 10 + static_cast<std::uint64_t>(c - '0');
            } else {
                whole = whole * 10 + static_cast<std::uint64_t>(c - '0');
                if (whole > kMaxWhole) {
                    return bad(fmt::format("\"{}\" is too large.", text));
                }
                ++digits;
            }
        } else if (c == ',' && !in_fraction && digits > 0) {
            continue;
        } else if (c == '.' && !in_fraction) {
            in_fraction = true;
        } else {
            return bad(fmt::format("\"{}\" is not an amount of money.", text));
        }
    }
    if (digits == 0 && decimals == 0) {
        return bad(fmt::format("\"{}\" is not an amount of money.", text));
    }
    if (decimals == 1) {
        frac *= 10;
    }
    auto cents = static_cast<std::int64_t>(whole * 100 + frac);
    return Cents{negative ? -cents : cents};
}

}  // namespace hover
