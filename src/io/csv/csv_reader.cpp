#include "io/csv/csv_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hover::csv {

Result<std::unique_ptr<FileSource>> FileSource::open(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int err = errno;
        if (err == ENOENT) {
            return Error{ErrorCode::kNotFound,
                         fmt::format("There is no file {}. Check the name and the folder.", path),
                         std::strerror(err)};
        }
        return Error{ErrorCode::kUnavailable,
                     fmt::format("{} could not be opened: {}.", path, std::strerror(err)),
                     std::strerror(err)};
    }
    struct stat st {};
    std::uint64_t size = 0;
    if (::fstat(fd, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            ::close(fd);
            return Error::invalid(path, fmt::format("{} is a folder, not a file.", path));
        }
        size = static_cast<std::uint64_t>(st.st_size);
    }
    return std::unique_ptr<FileSource>(new FileSource(fd, size));
}

FileSource::~FileSource() {
    ::close(fd_);
}

Result<std::size_t> FileSource::read(std::span<char> into) {
    for (;;) {
        ssize_t n = ::read(fd_, into.data(), into.size());
        if (n >= 0) {
            return static_cast<std::size_t>(n);
        }
        if (errno != EINTR) {
            return Error{ErrorCode::kUnavailable, "The file could not be read.",
                         std::string("read: ") + std::strerror(errno)};
        }
    }
}

Result<std::size_t> MemorySource::read(std::span<char> into) {
    std::size_t n = std::min(into.size(), bytes_.size());
    if (chunk_ > 0) {
        n = std::min(n, chunk_);
    }
    if (n > 0) {
        std::memcpy(into.data(), bytes_.data(), n);
    }
    bytes_.remove_prefix(n);
    return n;
}

bool is_valid_utf8(std::string_view text) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = p + text.size();
    while (p < end) {
        unsigned char c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int extra = 0;
        std::uint32_t cp = 0;
        if ((c & 0xE0) == 0xC0) {
            extra = 1;
            cp = c & 0x1Fu;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            cp = c & 0x0Fu;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            cp = c & 0x07u;
        } else {
            return false;
        }
        if (end - p <= extra) {
            return false;
        }
        for (int i = 1; i <= extra; ++i) {
            if ((p[i] & 0xC0) != 0x80) {
                return false;
            }
            cp = (cp << 6) | (p[i] & 0x3Fu);
        }
        if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) ||
            (extra == 3 && cp < 0x10000) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return false;
        }
        p += extra + 1;
    }
    return true;
}

namespace {
constexpr std::size_t kBufferSize = std::size_t{64} << 10;
}  // namespace

CsvReader::CsvReader(CsvSource& source, CsvOptions options)
    : source_(source), options_(std::move(options)), buf_(kBufferSize) {
    if (options_.delimiter != 0) {
        delimiter_ = options_.delimiter;
    }
}

std::string CsvReader::where(std::int64_t row, std::size_t column) const {
    if (column == 0) {
        return fmt::format("{} row {}", options_.file_name, row);
    }
    return fmt::format("{} row {}, column {}", options_.file_name, row, column);
}

Error CsvReader::error_at(std::int64_t row, std::size_t column, std::string message) const {
    std::string place = where(row, column);
    Error e = Error::invalid(place, std::move(message));
    return e;
}

Result<bool> CsvReader::fill() {
    if (eof_) {
        return false;
    }
    // Keep what is unread at the front.
    if (pos_ > 0) {
        std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
        end_ -= pos_;
        pos_ = 0;
    }
    std::size_t n =
        HOVER_TRY(source_.read(std::span<char>(buf_.data() + end_, buf_.size() - end_)));
    if (n == 0) {
        eof_ = true;
        return false;
    }
    if (std::memchr(buf_.data() + end_, '\0', n) != nullptr) {
        return Error::invalid(options_.file_name,
                              fmt::format("{} is not a CSV file: it holds binary data (a "
                                          "spreadsheet or a picture?). Save it from your "
                                          "spreadsheet as \"CSV UTF-8\" and import that.",
                                          options_.file_name));
    }
    end_ += n;
    return true;
}

Result<Ok> CsvReader::start() {
    started_ = true;
    while (end_ < 4 && HOVER_TRY(fill())) {
    }
    if (end_ >= 3 && std::memcmp(buf_.data(), "\xEF\xBB\xBF", 3) == 0) {
        pos_ = 3;
        consumed_ = 3;
    }
    if (end_ >= 2 && ((static_cast<unsigned char>(buf_[0]) == 0xFF &&
                       static_cast<unsigned char>(buf_[1]) == 0xFE) ||
                      (static_cast<unsigned char>(buf_[0]) == 0xFE &&
                       static_cast<unsigned char>(buf_[1]) == 0xFF))) {
        return Error::invalid(options_.file_name,
                              fmt::format("{} is UTF-16 text. Save it as \"CSV UTF-8\" and "
                                          "import that.",
                                          options_.file_name));
    }
    // Skip leading blank lines, reading on (they may fill many reads); nothing else is empty.
    for (;;) {
        while (pos_ < end_ && (buf_[pos_] == '\r' || buf_[pos_] == '\n')) {
            next_line_ += buf_[pos_] == '\n' ? 1 : 0;
            ++pos_;
            ++consumed_;
        }
        if (pos_ < end_ || !HOVER_TRY(fill())) {
            break;
        }
    }
    if (pos_ == end_) {
        return Error::invalid(options_.file_name,
                              fmt::format("{} is empty. Export the data again, with a header "
                                          "row naming the columns.",
                                          options_.file_name));
    }
    // The delimiter is the commoner of ',' and ';' outside quotes on the first line (the header),
    // read whole (up to the buffer's size) so that it never depends on how reads split the file.
    auto line_end = [&]() {
        return std::find_if(buf_.begin() + static_cast<std::ptrdiff_t>(pos_),
                            buf_.begin() + static_cast<std::ptrdiff_t>(end_),
                            [](char c) { return c == '\n' || c == '\r'; });
    };
    while (line_end() == buf_.begin() + static_cast<std::ptrdiff_t>(end_) && end_ < buf_.size() &&
           HOVER_TRY(fill())) {
    }
    if (options_.delimiter == 0) {
        std::size_t commas = 0;
        std::size_t semicolons = 0;
        bool quoted = false;
        auto stop = line_end();
        for (auto it = buf_.begin() + static_cast<std::ptrdiff_t>(pos_); it != stop; ++it) {
            char c = *it;
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',') {
                ++commas;
            } else if (!quoted && c == ';') {
                ++semicolons;
            }
        }
        delimiter_ = semicolons > commas ? ';' : ',';
    }
    return Ok{};
}

Result<bool> CsvReader::next(std::vector<std::string>& fields) {
    if (!started_) {
        HOVER_TRY(start());
    }
    fields.clear();
    // Skip blank lines.
    for (;;) {
        if (pos_ == end_ && !HOVER_TRY(fill())) {
            return false;
        }
        char c = buf_[pos_];
        if (c == '\n') {
            ++pos_;
            ++consumed_;
            ++next_line_;
        } else if (c == '\r') {
            ++pos_;
            ++consumed_;
        } else {
            break;
        }
    }
    ++row_;
    line_ = next_line_;
    std::size_t record_bytes = 0;
    std::string field;
    bool quoted = false;      // inside quotes
    bool was_quoted = false;  // this field started with a quote
    bool after_quote = false;
    std::int64_t quote_line = 0;
    auto finish_field = [&]() -> Result<Ok> {
        if (!is_valid_utf8(field)) {
            return error_at(row_, fields.size() + 1,
                            "This value is not valid UTF-8 text (the file was probably saved "
                            "in another encoding, such as Windows-1252). Save it from your "
                            "spreadsheet as \"CSV UTF-8\" and import it again.");
        }
        fields.push_back(std::move(field));
        field.clear();
        was_quoted = false;
        after_quote = false;
        return Ok{};
    };
    for (;;) {
        if (pos_ == end_ && !HOVER_TRY(fill())) {
            if (quoted) {
                return error_at(row_, fields.size() + 1,
                                fmt::format("A quote opened on line {} is never closed. Add the "
                                            "closing \" (a quote inside a value is written "
                                            "twice: \"\").",
                                            quote_line));
            }
            HOVER_TRY(finish_field());
            break;
        }
        char c = buf_[pos_++];
        ++consumed_;
        if (++record_bytes > options_.max_record_bytes) {
            if (quoted) {
                return error_at(row_, fields.size() + 1,
                                fmt::format("A quote opened on line {} is not closed within {} "
                                            "KiB. Add the missing closing quote.",
                                            quote_line, options_.max_record_bytes >> 10));
            }
            return error_at(row_, 0,
                            fmt::format("This row is longer than {} KiB. Check that the file "
                                        "is really CSV, or split the long value.",
                                        options_.max_record_bytes >> 10));
        }
        if (quoted) {
            if (c == '"') {
                if (pos_ == end_) {
                    HOVER_TRY(fill());
                }
                if (pos_ < end_ && buf_[pos_] == '"') {
                    field.push_back('"');
                    ++pos_;
                    ++consumed_;
                    ++record_bytes;
                } else {
                    quoted = false;
                    after_quote = true;
                }
            } else {
                if (c == '\n') {
                    ++next_line_;
                }
                field.push_back(c);
            }
            continue;
        }
        if (c == delimiter_) {
            HOVER_TRY(finish_field());
            continue;
        }
        if (c == '\n' || c == '\r') {
            if (c == '\r') {
                if (pos_ == end_) {
                    HOVER_TRY(fill());
                }
                if (pos_ < end_ && buf_[pos_] == '\n') {
                    ++pos_;
                    ++consumed_;
                }
            }
            ++next_line_;
            HOVER_TRY(finish_field());
            break;
        }
        if (after_quote) {
            if (c == ' ' || c == '\t') {
                continue;
            }
            return error_at(row_, fields.size() + 1,
                            "There is text after the closing quote of this value. Put the "
                            "whole value inside the quotes, and write a quote inside it "
                            "twice (\"\").");
        }
        if (c == '"' && !was_quoted) {
            bool only_spaces = std::all_of(field.begin(), field.end(),
                                           [](char s) { return s == ' ' || s == '\t'; });
            if (only_spaces) {
                field.clear();
                quoted = true;
                was_quoted = true;
                quote_line = next_line_;
                continue;
            }
        }
        field.push_back(c);
    }
    if (options_.uniform_rows) {
        if (row_ == 1) {
            expected_fields_ = fields.size();
        } else if (fields.size() != expected_fields_) {
            return error_at(
                row_, 0,
                fmt::format("This row has {} fields, but the header has {}. {}", fields.size(),
                            expected_fields_,
                            fields.size() > expected_fields_
                                ? fmt::format("A value probably holds a '{}': put it in "
                                              "double quotes.",
                                              delimiter_)
                                : std::string("Add the missing values (empty ones too), or "
                                              "check for a line break inside an unquoted "
                                              "value.")));
        }
    }
    return true;
}

}  // namespace hover::csv
