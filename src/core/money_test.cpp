#include "core/money.hpp"

#include <limits>

#include <gtest/gtest.h>

namespace hover {
namespace {

TEST(Money, ParsesWhatPeopleType) {
    EXPECT_EQ(parse_money("49.95", "x").value(), Cents{4995});
    EXPECT_EQ(parse_money("$1,234.5", "x").value(), Cents{123450});
    EXPECT_EQ(parse_money(" 12 ", "x").value(), Cents{1200});
    EXPECT_EQ(parse_money("-3.05", "x").value(), Cents{-305});
    EXPECT_EQ(parse_money("-$3", "x").value(), Cents{-300});
    EXPECT_EQ(parse_money(".5", "x").value(), Cents{50});
}

TEST(Money, RejectsWhatIsNotMoneyNamingTheField) {
    for (const char* bad : {"", "abc", "1.234", "1.2.3", "12$", "--1", ",5", "$"}) {
        auto r = parse_money(bad, "monthly_charge");
        ASSERT_FALSE(r.has_value()) << bad;
        EXPECT_EQ(r.error().field, "monthly_charge");
        EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
    }
    EXPECT_FALSE(parse_money("999999999999999999999", "x").has_value());
}

TEST(Money, FormatsWithGroupingAndSign) {
    EXPECT_EQ(format_money(Cents{0}), "$0.00");
    EXPECT_EQ(format_money(Cents{5}), "$0.05");
    EXPECT_EQ(format_money(Cents{123456789}), "$1,234,567.89");
    EXPECT_EQ(format_money(Cents{-305}), "-$3.05");
    EXPECT_NE(format_money(Cents{std::numeric_limits<std::int64_t>::min()}), "");
}

TEST(Money, RoundTripsThroughText) {
    for (std::int64_t v : {0LL, 1LL, 99LL, 100LL, 4995LL, 123456789LL, -77LL}) {
        EXPECT_EQ(parse_money(format_money(Cents{v}), "x").value(), Cents{v});
    }
}

}  // namespace
}  // namespace hover
