// File: io/csv/csv_writer.hpp
//
// Writes RFC 4180 CSV: UTF-8 without a byte order mark, comma-separated, CRLF line ends. A field
// is quoted when it holds the delimiter, a quote, a line break or leading/trailing spaces; quotes
// inside are doubled. What CsvReader reads back is exactly what was written.
//
// Example:
//   CsvWriter writer(std::cout);
//   writer.write_row({"name", "phone"});
//   writer.write_row({"Prairie Feed & Seed", "(405) 555-0142"});
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace hover::csv {

class CsvWriter {
public:
    explicit CsvWriter(std::ostream& out, char delimiter = ',') : out_(out), delim_(delimiter) {}
    void write_row(const std::vector<std::string>& fields);
    static std::string quote(std::string_view field, char delimiter = ',');

private:
    std::ostream& out_;
    char delim_;
};

}  // namespace hover::csv
