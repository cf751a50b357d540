// The iCalendar writer (RFC 5545): folding at 75 octets without splitting a UTF-8 character,
// TEXT escaping, CRLF, and the calendar feed against a golden file. DESIGN.md F5.
#include "io/ical/ical_writer.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "io/ical/calendar_feed_ical.hpp"
#include "io/ical/ical_feed_sample.hpp"
#include "support/test_files.hpp"

namespace hover::ical {
namespace {

using ::testing::HasSubstr;

// The physical lines of folded text, without their CRLF; fails on a bare LF or CR.
std::vector<std::string> physical_lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find("\r\n", start);
        EXPECT_NE(end, std::string::npos) << "text does not end with CRLF";
        if (end == std::string::npos) {
            break;
        }
        std::string line = text.substr(start, end - start);
        EXPECT_EQ(line.find('\n'), std::string::npos) << "bare LF in " << line;
        EXPECT_EQ(line.find('\r'), std::string::npos) << "bare CR in " << line;
        out.push_back(line);
        start = end + 2;
    }
    return out;
}

bool valid_utf8(const std::string& s) {
    return sanitize_utf8(s) == s;
}

// Every physical line: at most 75 octets, valid UTF-8 on its own (no split character), and
// continuation lines start with exactly one space taken off by unfolding.
void expect_well_folded(const std::string& content_line) {
    std::string folded = fold_line(content_line);
    auto lines = physical_lines(folded);
    ASSERT_FALSE(lines.empty());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        EXPECT_LE(lines[i].size(), kMaxLineOctets) << "line " << i << ": " << lines[i];
        EXPECT_TRUE(valid_utf8(lines[i])) << "line " << i << " splits a character";
        if (i > 0) {
            EXPECT_EQ(lines[i][0], ' ');
            EXPECT_GT(lines[i].size(), 1u) << "an empty continuation line";
        }
    }
    EXPECT_EQ(unfold(folded), content_line + "\r\n");
}

// REQ: F5
TEST(IcalFold, ALineOfExactly75OctetsIsNotFolded) {
    std::string line = "SUMMARY:" + std::string(75 - 8, 'x');
    ASSERT_EQ(line.size(), 75u);
    EXPECT_EQ(fold_line(line), line + "\r\n");
}

TEST(IcalFold, A76OctetLineFoldsItsLastOctetOntoAContinuationLine) {
    std::string line = "SUMMARY:" + std::string(76 - 8, 'x');
    std::string folded = fold_line(line);
    EXPECT_EQ(folded, line.substr(0, 75) + "\r\n x\r\n");
    expect_well_folded(line);
}

TEST(IcalFold, ContinuationLinesHold74OctetsAfterTheirSpace) {
    std::string line(75 + 74 + 10, 'a');
    auto lines = physical_lines(fold_line(line));
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0].size(), 75u);
    EXPECT_EQ(lines[1].size(), 75u);  // the space and 74 octets
    EXPECT_EQ(lines[2], " " + std::string(10, 'a'));
}

TEST(IcalFold, AThreeByteCharacterStraddlingTheBoundaryMovesWhole) {
    // 74 octets, then "€" (E2 82 AC) would occupy octets 75-77: it goes to the next line.
    std::string line = std::string(74, 'x') + "\xE2\x82\xAC" + "yz";
    auto lines = physical_lines(fold_line(line));
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0], std::string(74, 'x'));
    EXPECT_EQ(lines[1],
              " \xE2\x82\xAC"
              "yz");
    expect_well_folded(line);
    // Starting one octet later and earlier: the character never splits.
    expect_well_folded(std::string(73, 'x') + "\xE2\x82\xAC" + "yz");
    expect_well_folded(std::string(75, 'x') + "\xE2\x82\xAC" + "yz");
}

TEST(IcalFold, AFourByteCharacterStraddlingTheBoundaryMovesWhole) {
    const std::string emoji = "\xF0\x9F\x93\x9E";  // U+1F4DE telephone receiver
    for (std::size_t before = 71; before <= 76; ++before) {
        std::string line = std::string(before, 'x') + emoji + "tail";
        SCOPED_TRACE(before);
        expect_well_folded(line);
        auto lines = physical_lines(fold_line(line));
        EXPECT_NE(lines[0].find_last_of('x'), std::string::npos);
    }
    // 72 'x' + the emoji is 76 octets: the emoji cannot stay on the first line.
    auto lines = physical_lines(fold_line(std::string(72, 'x') + emoji));
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0], std::string(72, 'x'));
    EXPECT_EQ(lines[1], " " + emoji);
}

TEST(IcalFold, LongLinesOfEmojiFoldBetweenCharacters) {
    std::string line = "SUMMARY:";
    for (int i = 0; i < 200; ++i) {
        line += (i % 2 == 0) ? "\xF0\x9F\x98\x80" : "\xC3\xA9\xE2\x82\xAC";  // 😀, é€
    }
    expect_well_folded(line);
    std::string only_emoji;
    for (int i = 0; i < 100; ++i) {
        only_emoji += "\xF0\x9F\x8C\xA9";  // 🌩
    }
    expect_well_folded(only_emoji);
    auto lines = physical_lines(fold_line(only_emoji));
    EXPECT_EQ(lines[0].size(), 72u);  // 18 emoji: a 19th would need 76 octets
    for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
        EXPECT_EQ(lines[i].size(), 73u);  // the space and 18 emoji (72 octets; 76 > 74)
    }
}

TEST(IcalFold, EmptyAndShortLinesEndWithCrlf) {
    EXPECT_EQ(fold_line(""), "\r\n");
    EXPECT_EQ(fold_line("END:VTODO"), "END:VTODO\r\n");
}

TEST(IcalUnfold, RemovesCrlfOrLfFollowedByOneSpaceOrTab) {
    EXPECT_EQ(unfold("DESCRIPTION:ab\r\n cd\r\n\tef\r\nX:1\r\n"), "DESCRIPTION:abcdef\r\nX:1\r\n");
    EXPECT_EQ(unfold("A:b\n  c\n"), "A:b c\n");  // only the first space goes
}

// REQ: F5
TEST(IcalEscape, BackslashSemicolonCommaAndLineBreaksAreEscaped) {
    EXPECT_EQ(escape_text("a\\b;c,d"), "a\\\\b\\;c\\,d");
    EXPECT_EQ(escape_text("one\ntwo\r\nthree\rfour"), "one\\ntwo\\nthree\\nfour");
    EXPECT_EQ(escape_text("colon: and \"quotes\" stay"), "colon: and \"quotes\" stay");
    EXPECT_EQ(escape_text("tab\there"), "tab\there");
    EXPECT_EQ(escape_text(std::string("bell\x07"
                                      "del\x7F"
                                      "nul") +
                          std::string(1, '\0') + "x"),
              "belldelnulx");
    EXPECT_EQ(escape_text("Müller & Söhne 📞"), "Müller & Söhne 📞");
}

TEST(IcalEscape, UnescapeIsTheInverse) {
    for (std::string s : {"a\\b;c,d", "one\ntwo", "", "\\", ";;,,", "trailing\\"}) {
        EXPECT_EQ(unescape_text(escape_text(s)), s) << s;
    }
}

TEST(IcalEscape, InvalidUtf8BecomesTheReplacementCharacter) {
    EXPECT_EQ(sanitize_utf8("ok\xC3"), "ok\xEF\xBF\xBD");              // truncated
    EXPECT_EQ(sanitize_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
    EXPECT_EQ(sanitize_utf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
    EXPECT_EQ(sanitize_utf8("\xF4\x90\x80\x80").substr(0, 3), "\xEF\xBF\xBD");         // > U+10FFFF
    EXPECT_EQ(sanitize_utf8("é€😀"), "é€😀");
}

TEST(IcalWriter, ParametersWithSeparatorsAreQuotedAndValuesEscaped) {
    Writer w;
    w.text("LOCATION", "Suite 4, Main St; rear", {{"ALTREP", "http://x.test/a:b"}});
    w.raw("X-TEST", "raw;value", {{"CN", "Doe \"Pat\""}, {"VALUE", "TEXT"}});
    EXPECT_EQ(w.str(),
              "LOCATION;ALTREP=\"http://x.test/a:b\":Suite 4\\, Main St\\; rear\r\n"
              "X-TEST;CN=Doe 'Pat';VALUE=TEXT:raw;value\r\n");
}

TEST(IcalWriter, DatesAndTimesInTheirBasicForms) {
    Timestamp t = parse_timestamp("2026-11-20T15:04:05Z", "t").value();
    EXPECT_EQ(format_utc(t), "20261120T150405Z");
    EXPECT_EQ(format_ical_date(std::chrono::year{2026} / 3 / 9), "20260309");
    Writer w;
    w.date("DUE", std::chrono::year{2026} / 12 / 1);
    EXPECT_EQ(w.str(), "DUE;VALUE=DATE:20261201\r\n");
}

using hover::testing::slurp;

// REQ: F5 (the whole feed, byte for byte). To accept a deliberate change, write the new output
// over testdata/golden_feed.ics (HOVER_REGOLDEN=1 does it) and review the diff.
TEST(IcalFeed, TheSampleFeedMatchesTheGoldenFile) {
    std::string written = write_feed(sample_feed());
    std::filesystem::path golden =
        std::filesystem::path(HOVER_SOURCE_DIR) / "src/io/ical/testdata/golden_feed.ics";
    if (const char* regolden = std::getenv("HOVER_REGOLDEN"); regolden && *regolden == '1') {
        std::ofstream(golden, std::ios::binary) << written;
    }
    EXPECT_EQ(written, slurp(golden));
    // Whatever the golden file says, the rules hold for every line.
    for (const auto& line : physical_lines(written)) {
        EXPECT_LE(line.size(), kMaxLineOctets) << line;
        EXPECT_TRUE(valid_utf8(line)) << line;
    }
    EXPECT_THAT(written, HasSubstr("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
    EXPECT_THAT(written, HasSubstr("\r\nCALSCALE:GREGORIAN\r\n"));
    EXPECT_TRUE(written.ends_with("END:VCALENDAR\r\n"));
}

}  // namespace
}  // namespace hover::ical
