// `hover review` end to end (DESIGN B6): files in, findings out, no database.
// REQ: B6 B5
#include <filesystem>
#include <fstream>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "io/billing/gen_telecom_support.hpp"
#include "support/hover_process.hpp"

namespace hover {
namespace {

using ::testing::HasSubstr;
using testing::run_hover;

TEST(ReviewCli, JsonFindingsMatchTruthAndThePdfIsWritten) {
    HOVER_NEED_GEN_TELECOM();
    billing::testing::GeneratedSet set(200, 8000, 11);
    ASSERT_TRUE(set.error.empty()) << set.error;
    std::string pdf = set.path("review.pdf");
    auto r = run_hover({"review", "--bill", set.path("bill.csv"), "--verified",
                        set.path("verified.csv"), "--cdr", set.path("Master.csv"), "--cdr-layout",
                        "asterisk-18", "--json", "--pdf", pdf, "--customer", "Prairie Dental"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");  // no terminal: no progress bar; no problems
    nlohmann::json j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["schema"], "hover.billing_review/1");
    std::set<std::pair<std::string, std::string>> want;
    for (const auto& f : set.truth["findings"]) {
        want.insert({f["type"].get<std::string>(), "+1" + f["number"].get<std::string>()});
    }
    std::set<std::pair<std::string, std::string>> got;
    for (const auto& f : j["findings"]) {
        got.insert({f["type"].get<std::string>(), f["number"].get<std::string>()});
        EXPECT_FALSE(f["evidence"].empty());
    }
    EXPECT_EQ(got, want);
    EXPECT_EQ(j["summary"]["monthly_savings_cents"].get<std::int64_t>(),
              std::llround(set.truth["total_monthly_overcharge"].get<double>() * 100));
    EXPECT_TRUE(std::filesystem::file_size(pdf) > 1000);
}

TEST(ReviewCli, TextSummaryAndBadRowsOnStderr) {
    std::string dir = ::testing::TempDir();
    std::string bill = dir + "review_cli_bill.csv";
    std::ofstream(bill) << "service_number,charge_type,amount\n"
                           "5552010000,MRC,38.00\n"
                           "5552010001,MRC,lots\n";
    auto r = run_hover({"review", "--bill", bill});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("0 findings"));
    EXPECT_THAT(r.err, HasSubstr("review_cli_bill.csv line 3: the amount \"lots\" is not money"));
    EXPECT_THAT(r.err, HasSubstr("1 bill rows could not be read"));
}

TEST(ReviewCli, WrongFileSaysSo) {
    std::string dir = ::testing::TempDir();
    std::string bill = dir + "review_cli_bill2.csv";
    std::ofstream(bill) << "service_number,charge_type,amount\n5552010000,MRC,38.00\n";
    auto r = run_hover({"review", "--bill", bill, "--cdr", bill});
    EXPECT_EQ(r.exit_code, 65);
    EXPECT_THAT(r.err, HasSubstr("fits none of the known layouts"));
    EXPECT_THAT(r.err, HasSubstr("looks like a bill"));
    auto missing = run_hover({"review", "--bill", dir + "nope.csv"});
    EXPECT_NE(missing.exit_code, 0);
    EXPECT_THAT(missing.err, HasSubstr("nope.csv could not be opened"));
}

}  // namespace
}  // namespace hover
