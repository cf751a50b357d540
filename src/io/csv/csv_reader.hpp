// File: io/csv/csv_reader.hpp
//
// A streaming RFC 4180 reader for the CSV files people bring from spreadsheets: UTF-8 with or
// without a byte order mark, comma or semicolon (detected from the first record), CRLF or LF,
// quoted fields with doubled quotes and line breaks inside. It reads a CsvSource through one
// buffer (64 KiB), so memory depends on the longest record, never on the file (a 2 GB file is
// fine; a record longer than `max_record_bytes` is an error, which also stops a stray quote from
// swallowing the rest of a huge file).
//
// Every error is kInvalidInput whose `field` is "FILE row R, column C" (row 1 is the first
// record, normally the header; the column counts from 1) and whose message says what to do:
//   - the file is empty, or is not CSV at all (it holds NUL bytes: a spreadsheet, a picture);
//   - a field is not valid UTF-8 (save the file as "CSV UTF-8");
//   - a quote is never closed, or text follows a closing quote;
//   - a row has more or fewer fields than the first row (with `uniform_rows`);
//   - a record is longer than `max_record_bytes`.
// Blank lines are skipped. The source failing is kUnavailable.
//
// Example:
//   auto source = HOVER_TRY(FileSource::open("contacts.csv"));
//   CsvReader reader(*source, {.file_name = "contacts.csv"});
//   std::vector<std::string> fields;
//   while (HOVER_TRY(reader.next(fields))) { ... reader.row() ... }
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace hover::csv {

// Where the bytes come from. read() fills at most into.size() bytes and returns how many; 0 means
// the end of the input.
class CsvSource {
public:
    virtual ~CsvSource() = default;
    virtual Result<std::size_t> read(std::span<char> into) = 0;
    // The total size when known (a regular file), for progress; 0 otherwise.
    virtual std::uint64_t size() const { return 0; }
};

// A file, opened and closed by this object. open() is kNotFound when it does not exist.
class FileSource final : public CsvSource {
public:
    static Result<std::unique_ptr<FileSource>> open(const std::string& path);
    ~FileSource() override;
    FileSource(const FileSource&) = delete;
    FileSource& operator=(const FileSource&) = delete;
    Result<std::size_t> read(std::span<char> into) override;
    std::uint64_t size() const override { return size_; }

private:
    FileSource(int fd, std::uint64_t size) : fd_(fd), size_(size) {}
    int fd_;
    std::uint64_t size_;
};

// Bytes in memory (not copied); `chunk` > 0 hands them out that many at a time (tests use it to
// split records across reads).
class MemorySource final : public CsvSource {
public:
    explicit MemorySource(std::string_view bytes, std::size_t chunk = 0)
        : bytes_(bytes), chunk_(chunk), size_(bytes.size()) {}
    Result<std::size_t> read(std::span<char> into) override;
    std::uint64_t size() const override { return size_; }

private:
    std::string_view bytes_;
    std::size_t chunk_;
    std::uint64_t size_;
};

struct CsvOptions {
    std::string file_name = "CSV file";  // for messages
    char delimiter = 0;                  // ',' or ';'; 0: detect from the first record
    bool uniform_rows = true;            // every row must have as many fields as the first
    std::size_t max_record_bytes = std::size_t{1} << 20;
};

class CsvReader {
public:
    CsvReader(CsvSource& source, CsvOptions options = {});

    // Reads the next record into `fields` (replacing its content). Returns false at the end of
    // the input, true with a record, or the error described above.
    Result<bool> next(std::vector<std::string>& fields);

    std::int64_t row() const { return row_; }    // the record last returned, from 1
    std::int64_t line() const { return line_; }  // the line it started on, from 1
    char delimiter() const { return delimiter_; }
    std::uint64_t bytes_read() const { return consumed_; }
    // "contacts.csv row 12, column 3": how errors name a place; column 0 leaves it out.
    std::string where(std::int64_t row, std::size_t column) const;

private:
    Result<bool> fill();  // more bytes into buf_; false at the end of the input
    Result<Ok> start();   // BOM, empty and binary checks, delimiter detection
    Error error_at(std::int64_t row, std::size_t column, std::string message) const;

    CsvSource& source_;
    CsvOptions options_;
    std::vector<char> buf_;
    std::size_t pos_ = 0;
    std::size_t end_ = 0;
    bool eof_ = false;
    bool started_ = false;
    char delimiter_ = ',';
    std::int64_t row_ = 0;
    std::int64_t line_ = 0;
    std::int64_t next_line_ = 1;
    std::size_t expected_fields_ = 0;
    std::uint64_t consumed_ = 0;
};

// True when `text` is valid UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);

}  // namespace hover::csv
