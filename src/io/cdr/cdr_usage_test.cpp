#include "io/cdr/cdr_usage.hpp"

#include <string>

#include <gtest/gtest.h>

#include "io/cdr/cdr_reader.hpp"
#include "io/cdr/cdr_test_support.hpp"

namespace hover::cdr {
namespace {

using namespace std::chrono;

// An asterisk-18 line: src, dst, start, answered?, billsec, disposition, uniqueid.
std::string cdr(std::string_view src,
                std::string_view dst,
                std::string_view start,
                std::string_view answer,
                int billsec,
                std::string_view disposition,
                std::string_view uniqueid) {
    return std::string(R"("",")") + std::string(src) + R"(",")" + std::string(dst) +
           R"(","from-internal","x","SIP/a","SIP/b","Dial","","2024-05-0)" + std::string(start) +
           R"(",)" + (answer.empty() ? std::string() : "\"2024-05-0" + std::string(answer) + "\"") +
           R"(,"2024-05-0)" + std::string(start) + R"(",)" + std::to_string(billsec + 5) + "," +
           std::to_string(billsec) + R"(,")" + std::string(disposition) + R"(","DOCUMENTATION",")" +
           std::string(uniqueid) + R"(","")" + "\n";
}

UsageAggregator aggregate(const std::string& text, const std::vector<std::string>& tracked = {}) {
    UsageAggregator usage(tracked);
    MemoryByteSource source(text);
    CdrReader reader(source, *find_layout("asterisk-18"));
    Result<ReadSummary> r = reader.read([&](const CdrRecord& rec) { usage.add(rec); },
                                        [](const CdrProblem& p) { ADD_FAILURE() << p.reason; });
    EXPECT_TRUE(r);
    return usage;
}

// REQ: B3
TEST(CdrUsage, NormalizesNumbersSimply) {
    EXPECT_EQ(normalize_number("(555) 123-4567"), "5551234567");
    EXPECT_EQ(normalize_number("1-555-123-4567"), "5551234567");
    EXPECT_EQ(normalize_number("+13125550147"), "3125550147");
    EXPECT_EQ(normalize_number("913125550147"), "3125550147");
    EXPECT_EQ(normalize_number("201"), "201");
    EXPECT_EQ(normalize_number("s"), "");
    EXPECT_TRUE(is_extension("201"));
    EXPECT_TRUE(is_extension("20"));
    EXPECT_FALSE(is_extension("2"));
    EXPECT_FALSE(is_extension("5551234"));
}

// REQ: B3
TEST(CdrUsage, CountsPerNumberAndDayAndExtensionTalkTime) {
    std::string text =
        // extension 201 dials out (9 + 1 + 10 digits): answered, 60 s
        cdr("201", "913125550147", "1 09:00:00", "1 09:00:05", 60, "ANSWERED", "u1") +
        // the same outside number calls the DID: two legs of one call, the second answered
        cdr("+1 (312) 555-0147", "5551234567", "1 11:00:00", "", 0, "NO ANSWER", "u2") +
        cdr("+1 (312) 555-0147", "5551234567", "1 11:00:00", "1 11:00:20", 30, "ANSWERED", "u2") +
        // next day: busy
        cdr("3125550147", "5551234567", "2 08:00:00", "", 0, "BUSY", "u3") +
        // internal call 201 -> 202
        cdr("201", "202", "1 12:00:00", "1 12:00:02", 100, "ANSWERED", "u4");
    UsageAggregator usage = aggregate(text);
    EXPECT_EQ(usage.calls(), 4);

    std::vector<NumberDayUsage> days = usage.by_number_day();
    auto find = [&](std::string_view number, unsigned d) -> const NumberDayUsage* {
        for (const auto& u : days) {
            if (u.number == number && u.day == year{2024} / month{5} / day{d}) {
                return &u;
            }
        }
        return nullptr;
    };
    const NumberDayUsage* caller = find("3125550147", 1);
    ASSERT_NE(caller, nullptr);
    EXPECT_EQ(caller->calls_in, 1);   // u1
    EXPECT_EQ(caller->calls_out, 1);  // u2, two legs counted once
    EXPECT_EQ(caller->answered, 2);   // u1 and u2 (its answered leg), once each
    EXPECT_EQ(caller->billsec, 90);   // billsec summed over legs: 60 + 0 + 30
    EXPECT_EQ(caller->last_call, sys_days{year{2024} / month{5} / day{1}} + hours{11});

    const NumberDayUsage* caller_next = find("3125550147", 2);
    ASSERT_NE(caller_next, nullptr);
    EXPECT_EQ(caller_next->calls_out, 1);
    EXPECT_EQ(caller_next->answered, 0);
    EXPECT_EQ(caller_next->billsec, 0);

    const NumberDayUsage* did = find("5551234567", 1);
    ASSERT_NE(did, nullptr);
    EXPECT_EQ(did->calls_in, 1);
    EXPECT_EQ(did->calls_out, 0);
    EXPECT_EQ(did->answered, 1);
    EXPECT_EQ(did->billsec, 30);

    const NumberDayUsage* ext = find("201", 1);
    ASSERT_NE(ext, nullptr);
    EXPECT_EQ(ext->calls_out, 2);
    EXPECT_EQ(days.size(), 6U);  // 201, 202, 3125550147 and 5551234567 on days 1 and 2
    std::vector<ExtensionUsage> extensions = usage.by_extension();
    ASSERT_EQ(extensions.size(), 2U);
    EXPECT_EQ(extensions[0].extension, "201");
    EXPECT_EQ(extensions[0].calls, 2);
    EXPECT_EQ(extensions[0].talk_seconds, 160);
    EXPECT_EQ(extensions[1].extension, "202");
    EXPECT_EQ(extensions[1].talk_seconds, 100);
}

// REQ: B3
TEST(CdrUsage, TrackedNumbersLimitThePerNumberTotals) {
    std::string text =
        cdr("201", "913125550147", "1 09:00:00", "1 09:00:05", 60, "ANSWERED", "u1") +
        cdr("3125550147", "5551234567", "1 11:00:00", "1 11:00:20", 30, "ANSWERED", "u2") +
        cdr("4045550100", "5551234567", "1 12:00:00", "", 0, "NO ANSWER", "u3") +
        cdr("4045550100", "7135550100", "1 13:00:00", "", 0, "NO ANSWER", "u4");
    UsageAggregator usage = aggregate(text, {"(555) 123-4567"});
    std::vector<NumberDayUsage> days = usage.by_number_day();
    ASSERT_EQ(days.size(), 2U);  // extension 201, and the tracked DID; outside callers are not
    EXPECT_EQ(days[0].number, "201");
    EXPECT_EQ(days[1].number, "5551234567");
    EXPECT_EQ(days[1].calls_in, 2);
    EXPECT_EQ(days[1].answered, 1);
    EXPECT_EQ(days[1].billsec, 30);
    EXPECT_EQ(usage.calls(), 3);  // u4 touches nothing tracked
    ASSERT_EQ(usage.by_extension().size(), 1U);
    EXPECT_EQ(usage.by_extension()[0].talk_seconds, 60);
}

// REQ: B3
TEST(CdrUsageFixtures, FafeitschLegsSharingAUniqueidCountOnce) {
    HOVER_CDR_FIXTURES(dir, "asterisk-cdr");
    UsageAggregator usage;
    std::int64_t problems = 0;
    ASSERT_TRUE(read_cdr_file(
        dir + "/fafeitsch-smallcdr.csv", *find_layout("asterisk-18"), {},
        [&](const CdrRecord& rec) { usage.add(rec); }, [&](const CdrProblem&) { ++problems; }));
    EXPECT_EQ(problems, 0);
    EXPECT_EQ(usage.calls(), 37);  // 45 records, 37 distinct uniqueids
    std::int64_t billsec = 0;
    for (const auto& u : usage.by_number_day()) {
        billsec += u.billsec;
    }
    EXPECT_EQ(billsec, 2 * 7408);  // each record counts on its src and its dst
}

}  // namespace
}  // namespace hover::cdr
