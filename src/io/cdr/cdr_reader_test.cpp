#include "io/cdr/cdr_reader.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

#include "io/cdr/cdr_test_support.hpp"

namespace hover::cdr {
namespace {

using testing::read_text;
using namespace std::chrono;

Timestamp at(int y, unsigned mo, unsigned d, int h, int mi, int s) {
    return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s};
}

// A stock 16-column cdr_csv line with the given clid, answer field (as written) and duration.
std::string line16(std::string_view clid = R"("""Bob"" <100>")",
                   std::string_view answer = R"("2024-05-01 10:00:05")",
                   std::string_view duration = "65") {
    return std::string(R"("","100","200","internal",)") + std::string(clid) +
           R"(,"SIP/100-0001","SIP/200-0002","Dial","SIP/200,30","2024-05-01 10:00:00",)" +
           std::string(answer) + R"(,"2024-05-01 10:01:05",)" + std::string(duration) +
           R"(,60,"ANSWERED","DOCUMENTATION")";
}

// REQ: B3
TEST(CdrReader, ReadsAStockRecordWithDoubledQuotesInClid) {
    auto c = read_text(line16() + "\n", "asterisk-16");
    ASSERT_EQ(c.records.size(), 1U);
    ASSERT_TRUE(c.problems.empty());
    const auto& r = c.records[0];
    EXPECT_EQ(r.clid, "\"Bob\" <100>");
    EXPECT_EQ(r.src, "100");
    EXPECT_EQ(r.dst, "200");
    EXPECT_EQ(r.lastdata, "SIP/200,30");
    EXPECT_EQ(r.start, at(2024, 5, 1, 10, 0, 0));
    EXPECT_EQ(r.answer, at(2024, 5, 1, 10, 0, 5));
    EXPECT_EQ(r.end, at(2024, 5, 1, 10, 1, 5));
    EXPECT_EQ(r.duration, 65);
    EXPECT_EQ(r.billsec, 60);
    EXPECT_EQ(r.disposition, "ANSWERED");
    EXPECT_EQ(r.amaflags, "DOCUMENTATION");
    EXPECT_FALSE(r.uniqueid.has_value());
    EXPECT_EQ(c.summary.lines, 1);
}

// REQ: B3
TEST(CdrReader, EmptyNameClidWithOnlyDoubledQuotes) {
    auto c = read_text(line16(R"(""""" <334>")"), "asterisk-16");
    ASSERT_EQ(c.records.size(), 1U);
    EXPECT_EQ(c.records[0].clid, "\"\" <334>");
}

// REQ: B3
TEST(CdrReader, QuotedFieldSpanningTwoLinesKeepsLineNumbers) {
    std::string spanning = line16(R"("Bob
Smith <100>")");
    std::string text = spanning + "\n" + line16() + ",\"extra\"\n" + line16() + "\n";
    auto c = read_text(text, "asterisk-16");
    ASSERT_EQ(c.records.size(), 2U);
    EXPECT_EQ(c.records[0].clid, "Bob\nSmith <100>");
    ASSERT_EQ(c.problems.size(), 1U);
    EXPECT_EQ(c.problems[0].line, 3);  // the first record took lines 1 and 2
    EXPECT_EQ(c.summary.lines, 4);
}

// REQ: B3
TEST(CdrReader, CrlfLineEnds) {
    auto c = read_text(line16() + "\r\n" + line16() + "\r\n", "asterisk-16");
    ASSERT_EQ(c.records.size(), 2U);
    EXPECT_TRUE(c.problems.empty());
    EXPECT_EQ(c.records[1].amaflags, "DOCUMENTATION");
    EXPECT_EQ(c.summary.lines, 2);
}

// REQ: B3
TEST(CdrReader, EmptyAnswerUnquotedOrQuotedMeansNotAnswered) {
    auto c = read_text(line16(R"("x")", "") + "\n" + line16(R"("x")", R"("")") + "\n" +
                           line16(R"("x")", R"(  "" )") + "\n",
                       "asterisk-16");
    ASSERT_EQ(c.records.size(), 3U);
    EXPECT_TRUE(c.problems.empty());
    for (const auto& r : c.records) {
        EXPECT_FALSE(r.answer.has_value());
    }
}

// REQ: B3
TEST(CdrReader, PaddingOutsideQuotesIsIgnored) {
    std::string text =
        R"( "" , "100",  "200" ,"internal",	"Bob <100>" ,"SIP/100","","Dial","", "2024-05-01 10:00:00" ,,"2024-05-01 10:01:05",  65 , 60	,"ANSWERED","DOCUMENTATION" )"
        "\n";
    auto c = read_text(text, "asterisk-16");
    ASSERT_EQ(c.records.size(), 1U) << (c.problems.empty() ? "" : c.problems[0].reason);
    EXPECT_EQ(c.records[0].src, "100");
    EXPECT_EQ(c.records[0].dst, "200");
    EXPECT_EQ(c.records[0].clid, "Bob <100>");
    EXPECT_EQ(c.records[0].duration, 65);
    EXPECT_EQ(c.records[0].billsec, 60);
    EXPECT_EQ(c.records[0].amaflags, "DOCUMENTATION");
}

// REQ: B3
TEST(CdrReader, RecordsSplitAcrossBufferRefillsReadTheSame) {
    std::string text;
    for (int i = 0; i < 20; ++i) {
        text += line16(i % 3 == 0 ? R"("""A"" <1>")" : R"("multi
line")") + (i % 2 == 0 ? "\r\n" : "\n");
    }
    auto whole = read_text(text, "asterisk-16");
    ASSERT_EQ(whole.records.size(), 20U);
    for (std::size_t buffer : {256U, 300U, 1000U}) {
        for (std::size_t chunk : {1U, 2U, 3U, 7U, 64U}) {
            auto c = read_text(text, "asterisk-16", buffer, chunk);
            ASSERT_EQ(c.records.size(), 20U) << buffer << "/" << chunk;
            EXPECT_TRUE(c.problems.empty()) << buffer << "/" << chunk;
            for (std::size_t i = 0; i < 20; ++i) {
                EXPECT_EQ(c.records[i].clid, whole.records[i].clid);
                EXPECT_EQ(c.records[i].amaflags, "DOCUMENTATION");
                EXPECT_EQ(c.records[i].end, whole.records[i].end);
            }
            EXPECT_EQ(c.summary.lines, whole.summary.lines);
        }
    }
}

// REQ: B3
TEST(CdrReader, FinalLineWithoutNewlineIsRead) {
    auto c = read_text(line16() + "\n" + line16(), "asterisk-16", 256, 5);
    EXPECT_EQ(c.records.size(), 2U);
    EXPECT_TRUE(c.problems.empty());
    EXPECT_EQ(c.summary.lines, 2);
}

// REQ: B3
TEST(CdrReader, TruncatedFinalRecordIsAProblem) {
    std::string full = line16();
    std::string text = full + "\n" + full + "\n" + full.substr(0, 40);  // cut inside a quote
    auto c = read_text(text, "asterisk-16");
    EXPECT_EQ(c.records.size(), 2U);
    ASSERT_EQ(c.problems.size(), 1U);
    EXPECT_EQ(c.problems[0].line, 3);
    EXPECT_NE(c.problems[0].reason.find("unterminated quote"), std::string::npos);
    EXPECT_EQ(c.problems[0].raw, full.substr(0, 40));
}

// REQ: B3
TEST(CdrReader, WrongColumnCountNamesTheLine) {
    std::string short_line = line16().substr(0, line16().rfind(','));  // 15 columns
    std::string text = line16() + "\n" + short_line + "\n" + line16() + "\n";
    auto c = read_text(text, "asterisk-16");
    EXPECT_EQ(c.records.size(), 2U);
    ASSERT_EQ(c.problems.size(), 1U);
    EXPECT_EQ(c.problems[0].line, 2);
    EXPECT_EQ(c.problems[0].reason, "expected 16 columns for layout asterisk-16, found 15");
    EXPECT_EQ(c.problems[0].raw, short_line);

    auto rejected = read_text(text, "asterisk-16", kDefaultBufferSize, 0, ProblemPolicy::kReject);
    ASSERT_TRUE(rejected.error.has_value());
    EXPECT_EQ(rejected.error->code, ErrorCode::kInvalidInput);
    EXPECT_EQ(rejected.error->field, "Master.csv line 2");
    EXPECT_NE(rejected.error->user_message.find("Master.csv line 2: expected 16 columns"),
              std::string::npos);
    EXPECT_EQ(rejected.records.size(), 1U);
}

// REQ: B3
TEST(CdrReader, BadTimestampAndNonNumericDurationAreProblems) {
    std::string bad_time = line16(R"("x")", R"("2024-13-01 10:00:05")");
    std::string bad_duration = line16(R"("x")", R"("")", "sixty");
    auto c = read_text(bad_time + "\n" + bad_duration + "\n" + line16() + "\n", "asterisk-16");
    EXPECT_EQ(c.records.size(), 1U);
    ASSERT_EQ(c.problems.size(), 2U);
    EXPECT_EQ(c.problems[0].line, 1);
    EXPECT_NE(c.problems[0].reason.find("bad answer time"), std::string::npos);
    EXPECT_EQ(c.problems[0].raw.rfind(R"("","100","200")", 0), 0U);
    EXPECT_EQ(c.problems[1].line, 2);
    EXPECT_EQ(c.problems[1].reason, "non-numeric duration \"sixty\"");
}

// REQ: B3
TEST(CdrReader, ProblemRawTextIsCutTo200Bytes) {
    std::string longer = line16(R"(")" + std::string(500, 'x') + R"(")") + ",\"extra\"";
    auto c = read_text(longer + "\n", "asterisk-16");
    ASSERT_EQ(c.problems.size(), 1U);
    EXPECT_EQ(c.problems[0].raw.size(), kMaxRawBytes);
}

// REQ: B3
TEST(CdrReader, BinaryGarbageEndsWithoutHanging) {
    std::mt19937 rng(7);
    std::string garbage(200000, '\0');
    for (char& ch : garbage) {
        ch = static_cast<char>(rng() % 256);
    }
    for (std::size_t buffer : {std::size_t{64}, std::size_t{4096}, kDefaultBufferSize}) {
        auto c = read_text(garbage, "asterisk-18", buffer, 1000);
        EXPECT_FALSE(c.error.has_value());
        EXPECT_GT(c.problems.size(), 0U);
        EXPECT_EQ(c.summary.bytes, 200000);
    }
    // One stray quote near the start: the record outgrows the buffer, then reading resumes.
    std::string stray = "\"" + std::string(5000, 'a') + "\n" + line16() + "\n";
    auto c = read_text(stray, "asterisk-16", 1024);
    ASSERT_EQ(c.records.size(), 1U);
    ASSERT_EQ(c.problems.size(), 1U);
    EXPECT_NE(c.problems[0].reason.find("longer than the 1024-byte buffer"), std::string::npos);
    EXPECT_EQ(c.problems[0].line, 1);
}

// REQ: B3
TEST(CdrReader, EmptyFileAndBlankLines) {
    auto empty = read_text("", "asterisk-16");
    EXPECT_TRUE(empty.records.empty());
    EXPECT_TRUE(empty.problems.empty());
    EXPECT_EQ(empty.summary.lines, 0);
    auto blank = read_text("\n\r\n\n", "asterisk-16");
    EXPECT_TRUE(blank.records.empty());
    EXPECT_TRUE(blank.problems.empty());
}

// REQ: B3
TEST(CdrReader, ReadsAFileDescriptor) {
    std::string path = ::testing::TempDir() + "cdr_reader_fd_test.csv";
    {
        std::ofstream out(path, std::ios::binary);
        out << line16() << "\n" << line16() << "\n";
    }
    std::int64_t n = 0;
    Result<ReadSummary> r = read_cdr_file(
        path, *find_layout("asterisk-16"), {}, [&](const CdrRecord&) { ++n; },
        [](const CdrProblem&) {});
    ASSERT_TRUE(r);
    EXPECT_EQ(n, 2);
    std::filesystem::remove(path);
    Result<ReadSummary> missing = read_cdr_file(
        path, *find_layout("asterisk-16"), {}, [](const CdrRecord&) {}, [](const CdrProblem&) {});
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

// REQ: B3
TEST(CdrReaderFixtures, FafeitschSmallCdr) {
    HOVER_CDR_FIXTURES(dir, "asterisk-cdr");
    std::vector<testing::OwnedRecord> records;
    std::int64_t problems = 0;
    Result<ReadSummary> r = read_cdr_file(
        dir + "/fafeitsch-smallcdr.csv", *find_layout("asterisk-18"), {},
        [&](const CdrRecord& rec) { records.push_back(testing::own(rec)); },
        [&](const CdrProblem&) { ++problems; });
    ASSERT_TRUE(r);
    EXPECT_EQ(problems, 0);
    ASSERT_EQ(records.size(), 45U);
    EXPECT_EQ(r->lines, 45);
    const auto& first = records[0];
    EXPECT_EQ(first.src, "917-375-0980");
    EXPECT_EQ(first.dst, "502-679-5153");
    EXPECT_EQ(first.clid, "\"Leanna Cuphus\" <609-326-2780>");
    EXPECT_FALSE(first.answer.has_value());
    EXPECT_EQ(first.disposition, "NO ANSWER");
    EXPECT_EQ(first.uniqueid, "1498555635.0");
    EXPECT_EQ(first.userfield, "");
    EXPECT_EQ(records[3].clid, "\"\" <334-442-8436>");
    EXPECT_EQ(records[3].uniqueid, records[4].uniqueid);  // one call logged as two legs
    std::int64_t answered = 0;
    std::int64_t unanswered = 0;
    std::int64_t billsec = 0;
    for (const auto& rec : records) {
        answered += rec.disposition == "ANSWERED" ? 1 : 0;
        unanswered += rec.answer.has_value() ? 0 : 1;
        billsec += rec.billsec;
    }
    EXPECT_EQ(answered, 27);
    EXPECT_EQ(unanswered, 18);
    EXPECT_EQ(billsec, 7408);
}

// REQ: B3
TEST(CdrReaderFixtures, AsteriskTestsuiteFiles) {
    HOVER_CDR_FIXTURES(dir, "asterisk-cdr");
    std::vector<testing::OwnedRecord> good;
    std::vector<testing::OwnedRecord> self_test;
    std::int64_t problems = 0;
    auto on_problem = [&](const CdrProblem&) { ++problems; };
    ASSERT_TRUE(read_cdr_file(
        dir + "/asterisk-testsuite-cdrlib-good.csv", *find_layout("asterisk-18"), {},
        [&](const CdrRecord& rec) { good.push_back(testing::own(rec)); }, on_problem));
    ASSERT_TRUE(read_cdr_file(
        dir + "/asterisk-testsuite-self_test-Master.csv", *find_layout("asterisk-18"), {},
        [&](const CdrRecord& rec) { self_test.push_back(testing::own(rec)); }, on_problem));
    EXPECT_EQ(problems, 0);
    ASSERT_EQ(good.size(), 5U);
    EXPECT_EQ(good[0].clid, "\"Test User\" <test>");
    EXPECT_EQ(good[1].billsec, 7);  // more than the duration, on purpose: read, not rejected
    EXPECT_EQ(good[1].duration, 5);
    EXPECT_EQ(good[2].disposition, "FAILED");
    EXPECT_EQ(good[3].disposition, "NO ANSWER");
    EXPECT_EQ(good[4].disposition, "BUSY");
    EXPECT_EQ(good[4].uniqueid, "1231977075.0");
    ASSERT_EQ(self_test.size(), 2U);
    EXPECT_EQ(self_test[0].src, "");
    EXPECT_EQ(self_test[0].dst, "1");
    EXPECT_EQ(self_test[0].channel, "Console/dsp");
    EXPECT_EQ(self_test[1].lastapp, "Hangup");
    EXPECT_EQ(self_test[1].start, at(2010, 4, 2, 0, 34, 2));
    EXPECT_EQ(self_test[1].duration, 7);
}

// REQ: B3
TEST(CdrReaderGenerated, GenTelecomMasterCsvReadsWithoutProblems) {
    HOVER_CDR_FIXTURES(fixtures, "asterisk-cdr");
    std::string tool = fixtures + "/../../tools/gen_telecom.py";
    if (std::system("command -v python3 >/dev/null 2>&1") != 0) {
        GTEST_SKIP() << "python3 is not installed; skipping the generator test";
    }
    std::string out = ::testing::TempDir() + "cdr_gen_" + std::to_string(::getpid());
    std::string cmd =
        "python3 '" + tool + "' --lines 20 --cdrs 2000 --seed 1 --out '" + out + "' >/dev/null";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    std::string master = out + "/Master.csv";
    std::int64_t newlines = 0;
    {
        std::ifstream in(master, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        for (char ch : ss.str()) {
            newlines += ch == '\n' ? 1 : 0;
        }
    }
    std::vector<CdrProblem> problems;
    std::int64_t records = 0;
    std::int64_t unanswered = 0;
    Result<ReadSummary> r = read_cdr_file(
        master, *find_layout("asterisk-18"), {.buffer_size = 4096},
        [&](const CdrRecord& rec) {
            ++records;
            unanswered += rec.answer ? 0 : 1;
        },
        [&](const CdrProblem& p) { problems.push_back(p); });
    std::filesystem::remove_all(out);
    ASSERT_TRUE(r);
    EXPECT_TRUE(problems.empty()) << problems[0].line << ": " << problems[0].reason;
    EXPECT_GE(records, 2000);
    EXPECT_EQ(records, newlines);
    EXPECT_GT(unanswered, 0);
}

}  // namespace
}  // namespace hover::cdr
