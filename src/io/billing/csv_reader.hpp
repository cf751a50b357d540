// File: io/billing/csv_reader.hpp
//
// CsvReader: RFC 4180 records from text in memory (bills and verification sheets are small):
// fields separated by commas, optionally in double quotes with doubled quotes inside, quoted
// fields may span lines, CRLF or LF line ends, a last line without a line end. Blank lines are
// skipped. Spaces around a quoted field are tolerated.
//
// A record that cannot be read (unterminated quote, text after a closing quote) is returned as
// a problem with its line; the reader then resumes on the next line.
//
// Example:
//   CsvReader csv(text);
//   CsvRecord rec;
//   while (csv.next(rec)) { if (!rec.problem.empty()) ...; use(rec.fields, rec.line); }
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace hover::io {

struct CsvRecord {
    std::vector<std::string> fields;
    std::int64_t line = 0;  // the line the record starts on, from 1
    std::string problem;    // empty when the record was read
};

class CsvReader {
public:
    explicit CsvReader(std::string_view text);
    // Fills `out` with the next record; false at the end of the text.
    bool next(CsvRecord& out);

private:
    std::string_view text_;
    std::size_t pos_ = 0;
    std::int64_t line_ = 1;
};

// Reads a whole (small) file; kNotFound naming the file when it cannot be opened.
Result<std::string> read_text_file(const std::string& path, std::string_view what);

}  // namespace hover::io
