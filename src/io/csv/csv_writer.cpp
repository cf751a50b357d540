#include "io/csv/csv_writer.hpp"

namespace hover::csv {

std::string CsvWriter::quote(std::string_view field, char delimiter) {
    // Leading or trailing blanks, and a byte order mark at the start, would not survive a read.
    bool needs =
        !field.empty() && (field.front() == ' ' || field.front() == '\t' || field.back() == ' ' ||
                           field.back() == '\t' || field.rfind("\xEF\xBB\xBF", 0) == 0);
    for (char c : field) {
        if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
            needs = true;
            break;
        }
    }
    if (!needs) {
        return std::string(field);
    }
    std::string out;
    out.reserve(field.size() + 2);
    out.push_back('"');
    for (char c : field) {
        if (c == '"') {
            out.push_back('"');
        }
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

void CsvWriter::write_row(const std::vector<std::string>& fields) {
    std::string line;
    if (fields.size() == 1 && fields[0].empty()) {
        line = "\"\"";  // an empty line would be skipped as blank
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) {
            line.push_back(delim_);
        }
        line += quote(fields[i], delim_);
    }
    line += "\r\n";
    out_ << line;
}

}  // namespace hover::csv
