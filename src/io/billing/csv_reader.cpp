#include "io/billing/csv_reader.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace hover::io {

CsvReader::CsvReader(std::string_view text) : text_(text) {
    // A UTF-8 byte order mark (spreadsheet exports) is not part of the first field.
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") {
        pos_ = 3;
    }
}

bool CsvReader::next(CsvRecord& out) {
    out.fields.clear();
    out.problem.clear();
    const std::size_t n = text_.size();
    // Blank lines carry nothing.
    while (pos_ < n && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
        if (text_[pos_] == '\n') {
            ++line_;
        }
        ++pos_;
    }
    if (pos_ >= n) {
        return false;
    }
    out.line = line_;
    auto skip_line = [&] {
        while (pos_ < n && text_[pos_] != '\n') {
            ++pos_;
        }
        if (pos_ < n) {
            ++pos_;
        }
        line_ = out.line + 1;
    };
    std::string field;
    for (;;) {
        field.clear();
        std::size_t p = pos_;
        while (p < n && (text_[p] == ' ' || text_[p] == '\t')) {
            ++p;
        }
        if (p < n && text_[p] == '"') {
            ++p;
            bool closed = false;
            std::int64_t newlines = 0;
            while (p < n) {
                char c = text_[p];
                if (c == '"') {
                    if (p + 1 < n && text_[p + 1] == '"') {
                        field.push_back('"');
                        p += 2;
                        continue;
                    }
                    closed = true;
                    ++p;
                    break;
                }
                if (c == '\n') {
                    ++newlines;
                }
                field.push_back(c);
                ++p;
            }
            if (!closed) {
                out.problem = "unterminated quote";
                skip_line();
                return true;
            }
            line_ += newlines;
            while (p < n && (text_[p] == ' ' || text_[p] == '\t')) {
                ++p;
            }
            if (p < n && text_[p] != ',' && text_[p] != '\n' && text_[p] != '\r') {
                out.problem = "text after a closing quote";
                line_ = out.line;
                skip_line();
                return true;
            }
        } else {
            p = pos_;
            while (p < n && text_[p] != ',' && text_[p] != '\n' && text_[p] != '\r') {
                field.push_back(text_[p]);
                ++p;
            }
            while (!field.empty() && (field.back() == ' ' || field.back() == '\t')) {
                field.pop_back();
            }
            std::size_t first = field.find_first_not_of(" \t");
            field.erase(0, first == std::string::npos ? field.size() : first);
        }
        out.fields.push_back(field);
        if (p >= n) {
            pos_ = n;
            return true;
        }
        if (text_[p] == ',') {
            pos_ = p + 1;
            continue;
        }
        // Line end: CRLF, LF or a lone CR.
        if (text_[p] == '\r' && p + 1 < n && text_[p + 1] == '\n') {
            ++p;
        }
        if (text_[p] == '\n') {
            ++line_;
        }
        pos_ = p + 1;
        return true;
    }
}

Result<std::string> read_text_file(const std::string& path, std::string_view what) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return Error{ErrorCode::kNotFound,
                     "The " + std::string(what) + " " + path + " could not be opened.",
                     path + ": " + std::strerror(errno), std::string(what)};
    }
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace hover::io
