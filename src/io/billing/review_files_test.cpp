// REQ: B1 B2 B3 B4 B6
#include "io/billing/review_files.hpp"

#include <fstream>
#include <map>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "io/billing/billing_json.hpp"
#include "io/billing/gen_telecom_support.hpp"

namespace hover::io {
namespace {

using billing::testing::GeneratedSet;

// truth.json numbers are 10 NANP digits; ours are E.164.
std::string nanp(const std::string& e164) {
    return e164.rfind("+1", 0) == 0 ? e164.substr(2) : e164;
}

struct Case {
    int lines;
    int cdrs;
    int seed;
    int threads;
    std::size_t buffer;
};

class GeneratedReviewTest : public ::testing::TestWithParam<Case> {};

// REQ: B4 B6 — the findings are exactly the discrepancies planted in truth.json: the same
// (type, number) pairs, the same amounts to the cent, the same total.
TEST_P(GeneratedReviewTest, FindsExactlyThePlantedDiscrepancies) {
    HOVER_NEED_GEN_TELECOM();
    const Case c = GetParam();
    GeneratedSet set(c.lines, c.cdrs, c.seed);
    ASSERT_TRUE(set.error.empty()) << set.error;
    ReviewFiles files{
        {set.path("bill.csv")}, set.path("verified.csv"), {set.path("Master.csv")}, "", ""};
    ReviewOptions options;
    options.threads = c.threads;
    options.cdr_buffer_size = c.buffer;
    Result<ReviewRun> run = run_review_files(files, options);
    ASSERT_TRUE(run) << run.error().user_message;
    EXPECT_TRUE(run->problems.empty());
    EXPECT_EQ(run->input.usage.records, set.truth["cdr_rows"].get<std::int64_t>());

    std::map<std::pair<std::string, std::string>, std::int64_t> want;
    for (const auto& f : set.truth["findings"]) {
        want[{f["type"].get<std::string>(), f["number"].get<std::string>()}] =
            std::llround(f["monthly_amount"].get<double>() * 100);
    }
    std::map<std::pair<std::string, std::string>, std::int64_t> got;
    std::int64_t total = 0;
    for (const billing::Finding& f : run->result.findings) {
        got[{std::string(billing::to_name(f.type)), nanp(f.number)}] = f.monthly_amount.value;
        total += f.monthly_amount.value;
        EXPECT_FALSE(f.evidence.empty()) << f.number;
        EXPECT_EQ(f.refund_estimate.value, f.monthly_amount.value * f.months);
    }
    EXPECT_EQ(got, want);
    EXPECT_EQ(total, std::llround(set.truth["total_monthly_overcharge"].get<double>() * 100));
    EXPECT_EQ(run->result.totals.monthly_savings.value, total);

    // The JSON carries the same findings with their truth.json type names and E.164 numbers.
    nlohmann::json j = to_json(*run);
    ASSERT_EQ(j["findings"].size(), want.size());
    for (const auto& f : j["findings"]) {
        EXPECT_EQ(f["number"].get<std::string>().substr(0, 2), "+1");
        EXPECT_TRUE(
            want.count({f["type"].get<std::string>(), nanp(f["number"].get<std::string>())}) > 0);
    }
}

INSTANTIATE_TEST_SUITE_P(Seeds,
                         GeneratedReviewTest,
                         ::testing::Values(Case{120, 3000, 1, 1, 0},
                                           Case{300, 20000, 2, 2, 0},
                                           Case{400, 30000, 3, 2, 8192},
                                           Case{250, 15000, 4, 2, 4096},
                                           Case{600, 10000, 5, 1, 0}));

std::string write_file(const std::string& name, const std::string& text) {
    std::string path = ::testing::TempDir() + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

// REQ: B1 B6 — unreadable bill rows are reported by file and line with the reason, and their
// money is counted, never dropped silently.
TEST(ReviewFiles, ReportsBadBillRowsWithTheirMoney) {
    std::string bill = write_file(
        "bad_bill.csv",
        "account,btn,service_number,description,charge_type,quantity,amount,period_start,"
        "period_end\n"
        "A,555-201-0000,(555) 201-0000,BUSINESS LINE,MRC,1,38.00,2024-05-01,2024-05-31\n"
        "A,555-201-0000,555-201-0001,BUSINESS LINE,MRC,1,abc,2024-05-01,2024-05-31\n"
        "A,555-201-0000,555-201-0002,MYSTERY,XYZ,1,12.00,2024-05-01,2024-05-31\n"
        "A,555-201-0000,555-201-0003,BUSINESS LINE,MRC,1\n");
    ReviewFiles files{{bill}, "", {}, "", ""};
    Result<ReviewRun> run = run_review_files(files, {});
    ASSERT_TRUE(run) << run.error().user_message;
    ASSERT_EQ(run->problems.size(), 3U);
    EXPECT_EQ(run->problems[0].line, 3);
    EXPECT_THAT(run->problems[0].message(), ::testing::HasSubstr("bad_bill.csv line 3"));
    EXPECT_THAT(run->problems[0].reason, ::testing::HasSubstr("not money"));
    EXPECT_EQ(run->problems[1].line, 4);
    EXPECT_THAT(run->problems[1].reason, ::testing::HasSubstr("unknown charge type \"XYZ\""));
    EXPECT_EQ(run->problems[2].line, 5);
    EXPECT_THAT(run->problems[2].reason, ::testing::HasSubstr("expected 9 columns, found 6"));
    EXPECT_EQ(run->unread_rows, 3);
    EXPECT_EQ(run->unread_money.value, 1200);
    EXPECT_EQ(run->result.totals.billed_total.value, 3800);
}

// REQ: B6 — files in the wrong place say what they are; a CDR file that fits no layout names
// the layouts.
TEST(ReviewFiles, WrongFilesSaySoAndNameTheLayouts) {
    std::string verified =
        write_file("v.csv",
                   "number,location,device,test_result,tested_at,technician\n"
                   "555-201-0000,Bldg A,FXO 1,working,2024-06-04 08:01,K. Patel\n");
    std::string bill = write_file(
        "b.csv", "service_number,description,charge_type,amount\n5552010000,LINE,MRC,38.00\n");
    Result<ReviewRun> as_bill = run_review_files({{verified}, "", {}, "", ""}, {});
    ASSERT_FALSE(as_bill);
    EXPECT_THAT(as_bill.error().user_message, ::testing::HasSubstr("is a verification sheet"));
    Result<ReviewRun> as_verified = run_review_files({{bill}, bill, {}, "", ""}, {});
    ASSERT_FALSE(as_verified);
    EXPECT_THAT(as_verified.error().user_message, ::testing::HasSubstr("is a bill"));
    Result<ReviewRun> as_cdr = run_review_files({{bill}, verified, {verified}, "", ""}, {});
    ASSERT_FALSE(as_cdr);
    EXPECT_THAT(as_cdr.error().user_message, ::testing::HasSubstr("asterisk-18"));
    EXPECT_THAT(as_cdr.error().user_message, ::testing::HasSubstr("verification sheet"));
    // An 18-column file named as asterisk-16 says which layouts fit.
    std::string cdr = write_file(
        "m.csv",
        "\"\",\"5552010000\",\"201\",\"from-pstn\",\"\"\"A\"\" <1>\",\"DAHDI/1-1\",\"SIP/201-1\","
        "\"Dial\",\"x\",\"2024-05-01 10:00:00\",\"2024-05-01 10:00:05\",\"2024-05-01 10:01:05\","
        "65,60,\"ANSWERED\",\"DOCUMENTATION\",\"1714557600.1\",\"\"\n");
    Result<ReviewRun> wrong = run_review_files({{bill}, verified, {cdr}, "asterisk-16", ""}, {});
    ASSERT_FALSE(wrong);
    EXPECT_THAT(wrong.error().user_message,
                ::testing::HasSubstr("do not fit layout asterisk-16; the file fits asterisk-18"));
    Result<ReviewRun> right = run_review_files({{bill}, verified, {cdr}, "asterisk-18", ""}, {});
    ASSERT_TRUE(right) << right.error().user_message;
    EXPECT_TRUE(right->problems.empty());
    EXPECT_EQ(right->input.usage.records, 1);
    Result<ReviewRun> unknown = run_review_files({{bill}, verified, {cdr}, "asterisk-99", ""}, {});
    ASSERT_FALSE(unknown);
    EXPECT_THAT(unknown.error().user_message, ::testing::HasSubstr("asterisk-21"));
}

}  // namespace
}  // namespace hover::io
