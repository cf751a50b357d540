// REQ: B3
#include "io/cdr/cdr_number_scan.hpp"

#include <fstream>
#include <random>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "io/cdr/cdr_reader.hpp"
#include "io/cdr/cdr_usage.hpp"

namespace hover::cdr {
namespace {

TEST(NumberKey, NormalisesWhatPbxWrite) {
    const std::uint64_t k = 15551234567ULL;
    EXPECT_EQ(number_key("+15551234567"), k);
    EXPECT_EQ(number_key("15551234567"), k);
    EXPECT_EQ(number_key("5551234567"), k);
    EXPECT_EQ(number_key("(555) 123-4567"), k);
    EXPECT_EQ(number_key("915551234567"), k);
    EXPECT_EQ(number_key("95551234567"), k);
    EXPECT_EQ(number_key("+44 20 7946 0958"), 442079460958ULL);
    EXPECT_EQ(number_key("011442079460958"), 442079460958ULL);
    EXPECT_EQ(number_key("s"), 0U);
    EXPECT_EQ(number_key("*97"), 0U);
    EXPECT_EQ(number_key(""), 0U);
    EXPECT_EQ(number_key("anonymous"), 0U);
    EXPECT_TRUE(is_extension_key(number_key("201")));
    EXPECT_EQ(key_text(number_key("0201")), "0201");
    EXPECT_EQ(key_text(number_key("201")), "201");
    EXPECT_NE(number_key("0201"), number_key("201"));
    EXPECT_EQ(key_text(k), "+15551234567");
}

std::string row(const std::string& src,
                const std::string& dst,
                const std::string& chan,
                const std::string& dchan,
                const std::string& start,
                int billsec,
                const std::string& clid = "\"\"\"Jane\"\" <201>\"") {
    return "\"\",\"" + src + "\",\"" + dst + "\",\"from-internal\"," + clid + ",\"" + chan +
           "\",\"" + dchan + "\",\"Dial\",\"SIP/x,20\",\"" + start + "\",," + "\"" + start + "\"," +
           std::to_string(billsec + 3) + "," + std::to_string(billsec) +
           ",\"ANSWERED\",\"DOCUMENTATION\",\"1.1\",\"\"\n";
}

std::string write_temp(const std::string& name, const std::string& text) {
    std::string path = ::testing::TempDir() + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

const CdrLayout& a18() {
    return *find_layout("asterisk-18");
}

TEST(ScanNumbers, CountsCallsMinutesAndExtensions) {
    std::string text =
        row("201", "5551234567", "SIP/201-0001", "SIP/carrier-0002", "2024-05-01 10:00:00", 61) +
        row("3125550147", "+15551234567", "SIP/carrier-3", "SIP/202-0004", "2024-05-03 11:00:00",
            0) +
        row("5551234567", "5551234567", "SIP/carrier-5", "SIP/202-0006", "2024-05-04 11:00:00",
            120) +
        "\r\n" + row("2029", "*97", "SIP/2029-7", "", "2024-05-05 12:00:00", 30);
    std::string path = write_temp("scan1.csv", text);
    std::vector<std::uint64_t> keys{number_key("+15551234567"), number_key("+15559999999")};
    Result<NumberScanResult> r = scan_numbers(path, a18(), keys, {});
    ASSERT_TRUE(r) << r.error().user_message;
    EXPECT_EQ(r->records, 4);
    EXPECT_EQ(r->problem_count, 0);
    EXPECT_EQ(r->lines, 5);
    const NumberCounters& n = r->numbers[0];
    EXPECT_EQ(n.calls, 3);  // the row with the number on both sides counts once
    EXPECT_EQ(n.minutes, 2 + 0 + 2);
    EXPECT_EQ(n.answered, 2);
    EXPECT_EQ(r->numbers[1].calls, 0);
    ASSERT_EQ(r->extensions.size(), 3U);  // 201 (src), 202 (dstchannel), 2029 (src)
    EXPECT_EQ(key_text(r->extensions[0].key), "201");
    EXPECT_EQ(r->extensions[0].talk_seconds, 61);
    EXPECT_EQ(key_text(r->extensions[1].key), "202");
    EXPECT_EQ(r->extensions[1].calls, 2);
    EXPECT_EQ(r->extensions[1].talk_seconds, 120);
}

TEST(ScanNumbers, ReportsBadRecordsByLine) {
    std::string text =
        row("201", "5551234567", "SIP/201-1", "", "2024-05-01 10:00:00", 5) +
        "\"\",\"201\",\"5551234567\"\n" +
        row("201", "5551234567", "SIP/201-1", "", "2024-05-0X 10:00:00", 5) +
        row("201", "5551234567", "SIP/201-1", "", "2024-05-01 10:00:00", 5, "\"multi\nline\"") +
        row("201", "5551234567", "SIP/201-1", "", "2024-05-01 10:00:00", 5);
    std::string path = write_temp("scan2.csv", text);
    std::vector<std::uint64_t> keys{number_key("5551234567")};
    Result<NumberScanResult> r = scan_numbers(path, a18(), keys, {});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->records, 3);
    ASSERT_EQ(r->problem_count, 2);
    EXPECT_EQ(r->problems[0].line, 2);
    EXPECT_THAT(r->problems[0].reason, ::testing::HasSubstr("expected 18 columns, found 3"));
    EXPECT_EQ(r->problems[1].line, 3);
    EXPECT_THAT(r->problems[1].reason, ::testing::HasSubstr("bad start time"));
    EXPECT_EQ(r->lines, 6);  // the quoted line end counts

    NumberScanOptions reject;
    reject.policy = ProblemPolicy::kReject;
    reject.file_name = "Master.csv";
    Result<NumberScanResult> stopped = scan_numbers(path, a18(), keys, reject);
    ASSERT_FALSE(stopped);
    EXPECT_THAT(stopped.error().user_message, ::testing::HasSubstr("Master.csv line 2"));
}

// Two threads and tiny buffers give the same totals as one thread and as CdrReader +
// UsageAggregator, also when a quoted field spans the split between the threads.
TEST(ScanNumbers, ThreadsAndSplitsAgreeWithTheReader) {
    std::mt19937 rng(7);
    std::vector<std::string> numbers{"5551230001", "5551230002", "5551230003", "5551230004"};
    std::string text;
    for (int i = 0; i < 3000; ++i) {
        const std::string& n = numbers[rng() % numbers.size()];
        int billsec = static_cast<int>(rng() % 400);
        std::string clid = rng() % 50 == 0 ? "\"\"\"Multi\nLine\"\" <1>\"" : "\"\"\"A\"\" <1>\"";
        if (rng() % 2 == 0) {
            text +=
                row("3125550147", n, "SIP/carrier-1", "SIP/2" + std::to_string(rng() % 10) + "0-2",
                    "2024-05-0" + std::to_string(1 + rng() % 9) + " 10:00:00", billsec, clid);
        } else {
            text +=
                row("2" + std::to_string(rng() % 10) + "0", "91" + n, "SIP/201-1", "SIP/carrier-2",
                    "2024-05-0" + std::to_string(1 + rng() % 9) + " 10:00:00", billsec, clid);
        }
    }
    // Put a multi-line quoted field right across the middle.
    std::string path = write_temp("scan3.csv", text);
    std::vector<std::uint64_t> keys;
    for (const std::string& n : numbers) {
        keys.push_back(number_key(n));
    }
    NumberScanOptions one;
    one.threads = 1;
    Result<NumberScanResult> a = scan_numbers(path, a18(), keys, one);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->records, 3000);
    EXPECT_EQ(a->problem_count, 0);

    // Reference: the generic reader, counting rows per number as the review defines them.
    std::vector<std::int64_t> calls(numbers.size());
    std::vector<std::int64_t> minutes(numbers.size());
    Result<ReadSummary> s = read_cdr_file(
        path, a18(), {},
        [&](const CdrRecord& r) {
            std::string src = normalize_number(r.src);
            std::string dst = normalize_number(r.dst);
            for (std::size_t i = 0; i < numbers.size(); ++i) {
                if (src == numbers[i] || dst == numbers[i]) {
                    ++calls[i];
                    minutes[i] += (r.billsec + 59) / 60;
                }
            }
        },
        [](const CdrProblem&) {});
    ASSERT_TRUE(s);
    EXPECT_EQ(a->lines, s->lines);
    for (std::size_t i = 0; i < numbers.size(); ++i) {
        EXPECT_EQ(a->numbers[i].calls, calls[i]) << numbers[i];
        EXPECT_EQ(a->numbers[i].minutes, minutes[i]) << numbers[i];
    }
    for (std::size_t buffer : {4096U, 5000U, 65536U}) {
        NumberScanOptions two;
        two.threads = 2;
        two.buffer_size = buffer;
        Result<NumberScanResult> b = scan_numbers(path, a18(), keys, two);
        ASSERT_TRUE(b);
        EXPECT_EQ(b->threads_used, 2);
        EXPECT_EQ(b->records, 3000) << buffer;
        EXPECT_EQ(b->lines, a->lines);
        for (std::size_t i = 0; i < numbers.size(); ++i) {
            EXPECT_EQ(b->numbers[i].calls, calls[i]);
            EXPECT_EQ(b->numbers[i].minutes, minutes[i]);
        }
        ASSERT_EQ(b->extensions.size(), a->extensions.size());
        for (std::size_t i = 0; i < a->extensions.size(); ++i) {
            EXPECT_EQ(b->extensions[i].talk_seconds, a->extensions[i].talk_seconds);
        }
    }
}

TEST(ScanNumbers, QuotedFieldAcrossTheSplitIsReadAgain) {
    // One record whose clid holds many line ends, placed so that the split point (the middle of
    // the file) falls inside it.
    std::string filler;
    for (int i = 0; i < 200; ++i) {
        filler += row("201", "5551230001", "SIP/201-1", "", "2024-05-01 10:00:00", 60);
    }
    std::string big_clid = "\"";
    for (int i = 0; i < 400; ++i) {
        big_clid += "line " + std::to_string(i) + "\n";
    }
    big_clid += "\"";
    std::string text =
        filler + row("201", "5551230001", "SIP/201-1", "", "2024-05-01 10:00:00", 60, big_clid) +
        filler;
    std::string path = write_temp("scan4.csv", text);
    std::vector<std::uint64_t> keys{number_key("5551230001")};
    NumberScanOptions two;
    two.threads = 2;
    two.buffer_size = 4096;
    Result<NumberScanResult> r = scan_numbers(path, a18(), keys, two);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->problem_count, 0);
    EXPECT_EQ(r->records, 401);
    EXPECT_EQ(r->numbers[0].calls, 401);
    EXPECT_EQ(r->lines, 401 + 400);
}

TEST(ScanNumbers, UnterminatedQuoteAtTheEnd) {
    std::string text = row("201", "5551230001", "SIP/201-1", "", "2024-05-01 10:00:00", 60) +
                       "\"\",\"201\",\"5551230001\",\"oops";
    std::string path = write_temp("scan5.csv", text);
    std::vector<std::uint64_t> keys{number_key("5551230001")};
    Result<NumberScanResult> r = scan_numbers(path, a18(), keys, {});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->records, 1);
    ASSERT_EQ(r->problem_count, 1);
    EXPECT_EQ(r->problems[0].line, 2);
    EXPECT_THAT(r->problems[0].reason, ::testing::HasSubstr("unterminated quote"));
}

}  // namespace
}  // namespace hover::cdr
