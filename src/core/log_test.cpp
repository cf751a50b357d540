#include "core/log.hpp"

#include <gtest/gtest.h>

namespace hover {
namespace {

// REQ: P6
TEST(Logfmt, PlainValuesStayBare) {
    EXPECT_EQ(logfmt_value("GET"), "GET");
}

TEST(Logfmt, ValuesWithSpacesOrQuotesAreQuotedAndEscaped) {
    EXPECT_EQ(logfmt_value("hello world"), "\"hello world\"");
    EXPECT_EQ(logfmt_value("say \"hi\""), "\"say \\\"hi\\\"\"");
    EXPECT_EQ(logfmt_value(""), "\"\"");
    EXPECT_EQ(logfmt_value("a=b"), "\"a=b\"");
}

TEST(Logfmt, UserTextCannotForgeALogLine) {
    std::string value = logfmt_value("x\nlevel=error status=200");
    EXPECT_EQ(value.find('\n'), std::string::npos);
    EXPECT_EQ(value, "\"x\\nlevel=error status=200\"");
}

}  // namespace
}  // namespace hover
