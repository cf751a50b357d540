// REQ: R8 (CSV import: RFC 4180, encodings, bad input named by file, row and column)
#include "io/csv/csv_reader.hpp"

#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "io/csv/csv_writer.hpp"

namespace hover::csv {
namespace {

using Rows = std::vector<std::vector<std::string>>;

Result<Rows> read_all(std::string_view text, std::size_t chunk = 0, CsvOptions options = {}) {
    MemorySource source(text, chunk);
    options.file_name = "t.csv";
    CsvReader reader(source, options);
    Rows rows;
    std::vector<std::string> fields;
    while (HOVER_TRY(reader.next(fields))) {
        rows.push_back(fields);
    }
    return rows;
}

TEST(CsvReader, ReadsCommaCrlfAndQuotedFields) {
    auto rows = read_all("name,notes\r\n\"Feed, Seed\",\"said \"\"hi\"\"\r\nline 2\"\r\nB,\r\n");
    ASSERT_TRUE(rows) << rows.error().user_message;
    ASSERT_EQ(rows->size(), 3u);
    EXPECT_EQ((*rows)[1][0], "Feed, Seed");
    EXPECT_EQ((*rows)[1][1], "said \"hi\"\r\nline 2");
    EXPECT_EQ((*rows)[2][1], "");
}

TEST(CsvReader, DetectsSemicolonAndSkipsBom) {
    auto rows = read_all("\xEF\xBB\xBFname;city\nA;Tulsa, OK\n\nB;Enid");
    ASSERT_TRUE(rows) << rows.error().user_message;
    ASSERT_EQ(rows->size(), 3u);
    EXPECT_EQ((*rows)[0][0], "name");
    EXPECT_EQ((*rows)[1][1], "Tulsa, OK");
    EXPECT_EQ((*rows)[2][1], "Enid");
}

TEST(CsvReader, SameResultWhateverTheChunkSize) {
    std::string text = "a,b\n\"x\"\"y\",\"1\r\n2\"\r\nz,\"\"\n";
    auto whole = read_all(text);
    ASSERT_TRUE(whole);
    for (std::size_t chunk = 1; chunk < 8; ++chunk) {
        auto parts = read_all(text, chunk);
        ASSERT_TRUE(parts) << chunk;
        EXPECT_EQ(*parts, *whole) << chunk;
    }
}

TEST(CsvReader, EmptyFileIsAnError) {
    auto rows = read_all("");
    ASSERT_FALSE(rows);
    EXPECT_NE(rows.error().user_message.find("is empty"), std::string::npos);
    EXPECT_FALSE(read_all("\xEF\xBB\xBF\r\n\n"));
}

TEST(CsvReader, BinaryFileIsNotCsv) {
    std::string zip("PK\x03\x04\x00\x00binary", 12);
    auto rows = read_all(zip);
    ASSERT_FALSE(rows);
    EXPECT_NE(rows.error().user_message.find("not a CSV file"), std::string::npos);
}

// Found by csv_fuzzer (fuzz/corpus/csv_fuzzer/crash-nul-after-first-read.csv): a NUL byte in a
// later read must fail the file too, never be read as text.
TEST(CsvReader, BinaryAfterTheFirstReadIsAnErrorWhateverTheChunkSize) {
    std::string text("PK\r\n\n  \nx\r\x03\x04\x00\r\n\"a\"  ,  \"b\x00\x08\x00\"730\n", 33);
    for (std::size_t chunk : {std::size_t{0}, std::size_t{1}, std::size_t{3}, std::size_t{7}}) {
        auto rows = read_all(text, chunk);
        ASSERT_FALSE(rows) << chunk;
        EXPECT_NE(rows.error().user_message.find("not a CSV file"), std::string::npos);
    }
}

// Found by csv_fuzzer (crash-delimiter-split-read.csv): the delimiter comes from the first line
// only, so a quoted line break further on cannot make it depend on how reads split the file.
TEST(CsvReader, DelimiterComesFromTheFirstLineWhateverTheChunkSize) {
    std::string text = "a;b\rc,d,e\n\"q\n\"\n";
    for (std::size_t chunk : {std::size_t{0}, std::size_t{1}, std::size_t{3}}) {
        auto rows = read_all(text, chunk, CsvOptions{.uniform_rows = false});
        ASSERT_TRUE(rows) << chunk;
        EXPECT_EQ((*rows)[0], (std::vector<std::string>{"a", "b"})) << chunk;
        EXPECT_EQ((*rows)[1], (std::vector<std::string>{"c,d,e"})) << chunk;
        EXPECT_EQ((*rows)[2], (std::vector<std::string>{"q\n"})) << chunk;
    }
}

TEST(CsvReader, InvalidUtf8NamesRowAndColumn) {
    auto rows = read_all("name,city\nA,Caf\xE9\n");
    ASSERT_FALSE(rows);
    EXPECT_EQ(rows.error().field, "t.csv row 2, column 2");
    EXPECT_NE(rows.error().user_message.find("UTF-8"), std::string::npos);
}

TEST(CsvReader, UnterminatedQuoteNamesItsLine) {
    auto rows = read_all("name,notes\nA,ok\nB,\"never closed\nC,x\n");
    ASSERT_FALSE(rows);
    EXPECT_EQ(rows.error().field, "t.csv row 3, column 2");
    EXPECT_NE(rows.error().user_message.find("line 3"), std::string::npos);
}

TEST(CsvReader, UnterminatedQuoteInAHugeFileStopsAtTheRecordLimit) {
    std::string text = "a,b\n1,\"" + std::string(5000, 'x');
    CsvOptions options;
    options.max_record_bytes = 1024;
    auto rows = read_all(text, 0, options);
    ASSERT_FALSE(rows);
    EXPECT_NE(rows.error().user_message.find("not closed"), std::string::npos);
}

TEST(CsvReader, TooManyAndTooFewFields) {
    auto more = read_all("a,b\n1,2,3\n");
    ASSERT_FALSE(more);
    EXPECT_EQ(more.error().field, "t.csv row 2");
    EXPECT_NE(more.error().user_message.find("has 3 fields, but the header has 2"),
              std::string::npos);
    auto fewer = read_all("a,b\n1\n");
    ASSERT_FALSE(fewer);
    EXPECT_NE(fewer.error().user_message.find("has 1 fields"), std::string::npos);
}

TEST(CsvReader, TextAfterClosingQuote) {
    auto rows = read_all("a,b\n\"x\"y,2\n");
    ASSERT_FALSE(rows);
    EXPECT_EQ(rows.error().field, "t.csv row 2, column 1");
}

TEST(CsvReader, Utf8ValidatorRejectsOverlongsAndSurrogates) {
    EXPECT_TRUE(is_valid_utf8("Zoë 日本 \xF0\x9F\x93\x9E"));
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));
    EXPECT_FALSE(is_valid_utf8("\xE6\x97"));
}

TEST(CsvWriter, RoundTripsThroughTheReader) {
    Rows original{
        {"name", "notes", "x"}, {"Feed, Seed", "say \"hi\"\nbye", " padded "}, {"", ";", "plain"}};
    std::ostringstream out;
    CsvWriter writer(out);
    for (const auto& row : original) {
        writer.write_row(row);
    }
    auto back = read_all(out.str());
    ASSERT_TRUE(back) << back.error().user_message;
    EXPECT_EQ(*back, original);
}

}  // namespace
}  // namespace hover::csv
