#include "core/error.hpp"

#include <set>

#include <gtest/gtest.h>

#include "core/result.hpp"

namespace hover {
namespace {

// REQ: P3
TEST(ErrorTable, EveryCodeHasAStatusAnExitCodeAndAUniqueSlug) {
    std::set<std::string_view> slugs;
    for (int i = 0; i <= static_cast<int>(ErrorCode::kInternal); ++i) {
        auto code = static_cast<ErrorCode>(i);
        const auto& policy = error_policy(code);
        EXPECT_EQ(policy.code, code);
        EXPECT_GE(policy.http_status, 400);
        EXPECT_LT(policy.http_status, 600);
        EXPECT_NE(policy.exit_code, 0);
        EXPECT_TRUE(slugs.insert(policy.slug).second) << policy.slug;
    }
    EXPECT_EQ(error_policy(ErrorCode::kNotFound).http_status, 404);
    EXPECT_EQ(error_policy(ErrorCode::kInvalidInput).http_status, 422);
    EXPECT_EQ(error_policy(ErrorCode::kConflict).exit_code, 75);
    // REQ: P4
    EXPECT_EQ(error_policy(ErrorCode::kRateLimited).http_status, 429);
    EXPECT_EQ(error_policy(ErrorCode::kRateLimited).exit_code, 75);
    EXPECT_EQ(error_policy(ErrorCode::kRateLimited).slug, "rate_limited");
}

TEST(Error, InvalidNamesTheFieldAndKeepsTheMessageForTheUser) {
    Error e = Error::invalid("phones[0].number", "Type the area code.");
    EXPECT_EQ(e.code, ErrorCode::kInvalidInput);
    EXPECT_EQ(e.field, "phones[0].number");
    EXPECT_EQ(e.user_message, "Type the area code.");
    EXPECT_NE(std::string(e.file).find("error_test.cpp"), std::string::npos);
}

TEST(Error, InternalNeverShowsTheDetail) {
    Error e = Error::internal("SELECT * FROM secrets failed at /srv/hover.db");
    EXPECT_EQ(e.user_message.find("SELECT"), std::string::npos);
    EXPECT_EQ(e.user_message.find("/srv"), std::string::npos);
}

Result<int> half(int n) {
    if (n % 2 != 0) {
        return Error::invalid("n", "odd");
    }
    return n / 2;
}

Result<int> quarter(int n) {
    int h = HOVER_TRY(half(n));
    return HOVER_TRY(half(h));
}

TEST(Result, TryPropagatesTheFirstError) {
    EXPECT_EQ(quarter(8).value(), 2);
    auto r = quarter(6);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().field, "n");
}

Result<int> nested(int n) {
    return HOVER_TRY(half(HOVER_TRY(half(n))));
}

TEST(Result, TryNests) {
    EXPECT_EQ(nested(12).value(), 3);
    EXPECT_FALSE(nested(2).has_value());
}

}  // namespace
}  // namespace hover
