#include "io/cdr/cdr_reader.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

namespace hover::cdr {

Result<std::size_t> FdByteSource::read(std::span<char> into) {
    for (;;) {
        ssize_t n = ::read(fd_, into.data(), into.size());
        if (n >= 0) {
            return static_cast<std::size_t>(n);
        }
        if (errno != EINTR) {
            return Error{ErrorCode::kUnavailable, "The CDR file could not be read.",
                         std::string("read: ") + std::strerror(errno)};
        }
    }
}

Result<std::size_t> MemoryByteSource::read(std::span<char> into) {
    std::size_t n = std::min(into.size(), bytes_.size());
    if (chunk_ > 0) {
        n = std::min(n, chunk_);
    }
    std::memcpy(into.data(), bytes_.data(), n);
    bytes_.remove_prefix(n);
    return n;
}

namespace {

// More columns than any layout has are counted but not kept.
constexpr std::size_t kMaxFields = 64;

struct FieldSpan {
    std::size_t begin = 0;  // offsets from the record's first byte
    std::size_t end = 0;
    bool escaped = false;  // quoted, with doubled quotes inside
};

enum class ScanStatus : std::uint8_t {
    kRecord,        // a whole record: `length` bytes including its line end
    kNeedMore,      // the buffer ends inside the record and the input does not
    kUnterminated,  // a quote still open at the end of the input
    kTextAfterQuote,
};

struct ScanResult {
    ScanStatus status = ScanStatus::kNeedMore;
    std::size_t length = 0;
    std::int64_t newlines = 0;  // line ends inside the record, its own included
    std::size_t field_count = 0;
};

bool is_pad(char c) {
    return c == ' ' || c == '\t';
}

std::int64_t count_newlines(const char* from, const char* to) {
    std::int64_t n = 0;
    while (from < to) {
        const void* hit = std::memchr(from, '\n', static_cast<std::size_t>(to - from));
        if (hit == nullptr) {
            break;
        }
        ++n;
        from = static_cast<const char*>(hit) + 1;
    }
    return n;
}

// Splits the record that starts at `p` (not a blank line) into fields.
ScanResult scan_record(const char* p, const char* end, bool eof, std::span<FieldSpan> fields) {
    ScanResult r;
    const char* q = p;
    auto add = [&](const char* b, const char* e, bool escaped) {
        if (r.field_count < fields.size()) {
            fields[r.field_count] = {static_cast<std::size_t>(b - p),
                                     static_cast<std::size_t>(e - p), escaped};
        }
        ++r.field_count;
    };
    // After a field: a comma goes on, a line end or the end of input finishes the record.
    // Returns true when the record is finished or more input is needed (r.status says which).
    auto after_field = [&](bool* more_fields) -> bool {
        *more_fields = false;
        if (q == end) {
            if (!eof) {
                r.status = ScanStatus::kNeedMore;
                return true;
            }
            r.status = ScanStatus::kRecord;
            r.length = static_cast<std::size_t>(q - p);
            return true;
        }
        if (*q == ',') {
            ++q;
            *more_fields = true;
            return false;
        }
        if (*q == '\n') {
            ++r.newlines;
            r.status = ScanStatus::kRecord;
            r.length = static_cast<std::size_t>(q + 1 - p);
            return true;
        }
        if (*q == '\r') {
            if (q + 1 == end && !eof) {
                r.status = ScanStatus::kNeedMore;
                return true;
            }
            r.status = ScanStatus::kRecord;
            if (q + 1 < end && q[1] == '\n') {
                ++r.newlines;
                r.length = static_cast<std::size_t>(q + 2 - p);
            } else {
                r.length = static_cast<std::size_t>(q + 1 - p);  // a lone CR ends a line too
            }
            return true;
        }
        r.status = ScanStatus::kTextAfterQuote;
        return true;
    };

    for (;;) {
        while (q < end && is_pad(*q)) {
            ++q;
        }
        if (q < end && *q == '"') {
            const char* content = q + 1;
            const char* c = content;
            bool escaped = false;
            const char* close = nullptr;
            for (;;) {
                const void* hit = std::memchr(c, '"', static_cast<std::size_t>(end - c));
                if (hit == nullptr) {
                    r.status = eof ? ScanStatus::kUnterminated : ScanStatus::kNeedMore;
                    return r;
                }
                const char* quote = static_cast<const char*>(hit);
                if (quote + 1 == end && !eof) {
                    r.status = ScanStatus::kNeedMore;  // a doubled quote may be cut in two
                    return r;
                }
                if (quote + 1 < end && quote[1] == '"') {
                    escaped = true;
                    c = quote + 2;
                    continue;
                }
                close = quote;
                break;
            }
            r.newlines += count_newlines(content, close);
            add(content, close, escaped);
            q = close + 1;
            while (q < end && is_pad(*q)) {
                ++q;
            }
        } else {
            const char* b = q;
            while (q < end && *q != ',' && *q != '\n' && *q != '\r') {
                ++q;
            }
            const char* e = q;
            while (e > b && is_pad(e[-1])) {
                --e;
            }
            add(b, e, false);
        }
        bool more = false;
        if (after_field(&more)) {
            return r;
        }
    }
}

// Undoes doubled quotes in place; the text only gets shorter.
std::string_view unescape(char* b, char* e) {
    char* w = b;
    for (char* r = b; r < e; ++r) {
        *w++ = *r;
        if (*r == '"' && r + 1 < e && r[1] == '"') {
            ++r;
        }
    }
    return {b, static_cast<std::size_t>(w - b)};
}

bool parse_digits(std::string_view s, std::int64_t* out) {
    if (s.empty() || s.size() > 18) {
        return false;
    }
    std::int64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') {
            return false;
        }
        v = v * 10 + (c - '0');
    }
    *out = v;
    return true;
}

int two(const char* s) {
    return (s[0] - '0') * 10 + (s[1] - '0');
}

// "YYYY-MM-DD HH:MM:SS" (or a T in the middle), read as UTC.
bool parse_time(std::string_view s, Timestamp* out) {
    if (s.size() != 19 || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') ||
        s[13] != ':' || s[16] != ':') {
        return false;
    }
    for (std::size_t i : {0U, 1U, 2U, 3U, 5U, 6U, 8U, 9U, 11U, 12U, 14U, 15U, 17U, 18U}) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
    }
    const char* d = s.data();
    int y = two(d) * 100 + two(d + 2);
    int mo = two(d + 5);
    int day = two(d + 8);
    int h = two(d + 11);
    int mi = two(d + 14);
    int sec = two(d + 17);
    if (h > 23 || mi > 59 || sec > 59) {
        return false;
    }
    std::chrono::year_month_day ymd{std::chrono::year{y},
                                    std::chrono::month{static_cast<unsigned>(mo)},
                                    std::chrono::day{static_cast<unsigned>(day)}};
    if (!ymd.ok()) {
        return false;
    }
    *out = std::chrono::sys_days{ymd} + std::chrono::hours{h} + std::chrono::minutes{mi} +
           std::chrono::seconds{sec};
    return true;
}

const char* field_name(CdrField f) {
    switch (f) {
        case CdrField::kStart:
            return "start";
        case CdrField::kAnswer:
            return "answer";
        case CdrField::kEnd:
            return "end";
        case CdrField::kDuration:
            return "duration";
        case CdrField::kBillsec:
            return "billsec";
        case CdrField::kSequence:
            return "sequence";
        default:
            return "field";
    }
}

// Fills `out` from the fields of one record; returns the reason when a field does not parse.
// Numbers and times are checked before any text is unescaped, so a problem's raw text is intact.
std::string convert(char* rec,
                    std::span<const FieldSpan> spans,
                    const CdrLayout& layout,
                    CdrRecord* out) {
    CdrRecord r;
    const std::size_t n = layout.columns.size();
    auto view = [&](std::size_t i) {
        return std::string_view(rec + spans[i].begin, spans[i].end - spans[i].begin);
    };
    for (std::size_t i = 0; i < n; ++i) {
        CdrField f = layout.columns[i];
        std::string_view v = view(i);
        switch (f) {
            case CdrField::kStart:
            case CdrField::kEnd:
            case CdrField::kAnswer: {
                if (f == CdrField::kAnswer && v.empty()) {
                    break;
                }
                Timestamp t;
                if (!parse_time(v, &t)) {
                    return std::string("bad ") + field_name(f) + " time \"" +
                           std::string(v.substr(0, 40)) + "\" (expected YYYY-MM-DD HH:MM:SS)";
                }
                if (f == CdrField::kStart) {
                    r.start = t;
                } else if (f == CdrField::kEnd) {
                    r.end = t;
                } else {
                    r.answer = t;
                }
                break;
            }
            case CdrField::kDuration:
            case CdrField::kBillsec:
            case CdrField::kSequence: {
                if (f == CdrField::kSequence && v.empty()) {
                    break;
                }
                std::int64_t x = 0;
                if (!parse_digits(v, &x)) {
                    return std::string("non-numeric ") + field_name(f) + " \"" +
                           std::string(v.substr(0, 40)) + "\"";
                }
                if (f == CdrField::kDuration) {
                    r.duration = x;
                } else if (f == CdrField::kBillsec) {
                    r.billsec = x;
                } else {
                    r.sequence = x;
                }
                break;
            }
            default:
                break;
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        CdrField f = layout.columns[i];
        std::string_view v =
            spans[i].escaped ? unescape(rec + spans[i].begin, rec + spans[i].end) : view(i);
        switch (f) {
            case CdrField::kAccountcode:
                r.accountcode = v;
                break;
            case CdrField::kSrc:
                r.src = v;
                break;
            case CdrField::kDst:
                r.dst = v;
                break;
            case CdrField::kDcontext:
                r.dcontext = v;
                break;
            case CdrField::kClid:
                r.clid = v;
                break;
            case CdrField::kChannel:
                r.channel = v;
                break;
            case CdrField::kDstchannel:
                r.dstchannel = v;
                break;
            case CdrField::kLastapp:
                r.lastapp = v;
                break;
            case CdrField::kLastdata:
                r.lastdata = v;
                break;
            case CdrField::kDisposition:
                r.disposition = v;
                break;
            case CdrField::kAmaflags:
                r.amaflags = v;
                break;
            case CdrField::kUniqueid:
                r.uniqueid = v;
                break;
            case CdrField::kUserfield:
                r.userfield = v;
                break;
            case CdrField::kPeeraccount:
                r.peeraccount = v;
                break;
            case CdrField::kLinkedid:
                r.linkedid = v;
                break;
            default:
                break;
        }
    }
    *out = r;
    return {};
}

std::string raw_text(const char* b, std::size_t n) {
    n = std::min(n, kMaxRawBytes);
    std::string s(b, n);
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) {
        s.pop_back();
    }
    return s;
}

}  // namespace

CdrReader::CdrReader(ByteSource& source, const CdrLayout& layout, ReadOptions options)
    : source_(source), layout_(layout), options_(std::move(options)) {
    options_.buffer_size = std::max<std::size_t>(options_.buffer_size, 64);
}

Result<ReadSummary> CdrReader::read(const RecordCallback& on_record,
                                    const ProblemCallback& on_problem) {
    std::vector<char> buffer(options_.buffer_size);
    char* const buf = buffer.data();
    const std::size_t cap = buffer.size();
    std::size_t begin = 0;
    std::size_t end = 0;
    bool eof = false;
    bool skip_to_newline = false;  // resynchronising after an unreadable record
    std::int64_t line = 1;
    char last_byte = '\n';
    ReadSummary summary;
    std::array<FieldSpan, kMaxFields> spans;

    auto refill = [&]() -> Result<Ok> {
        if (begin > 0) {
            std::memmove(buf, buf + begin, end - begin);
            end -= begin;
            begin = 0;
        }
        if (end == cap) {
            return Ok{};
        }
        std::size_t got = HOVER_TRY(source_.read(std::span<char>(buf + end, cap - end)));
        if (got == 0) {
            eof = true;
        }
        end += got;
        if (got > 0) {
            last_byte = buf[end - 1];
        }
        summary.bytes += static_cast<std::int64_t>(got);
        return Ok{};
    };
    auto problem = [&](std::string reason, std::size_t raw_length) -> Result<Ok> {
        CdrProblem p{line, std::move(reason), raw_text(buf + begin, raw_length)};
        ++summary.problems;
        on_problem(p);
        if (options_.policy == ProblemPolicy::kReject) {
            std::string where = options_.file_name + " line " + std::to_string(p.line);
            return Error::invalid(where, where + ": " + p.reason);
        }
        return Ok{};
    };

    for (;;) {
        if (skip_to_newline) {
            const void* hit = std::memchr(buf + begin, '\n', end - begin);
            if (hit != nullptr) {
                begin = static_cast<std::size_t>(static_cast<const char*>(hit) - buf) + 1;
                ++line;
                skip_to_newline = false;
                continue;
            }
            begin = end;
            if (eof) {
                break;
            }
            HOVER_TRY(refill());
            continue;
        }
        if (begin == end) {
            if (eof) {
                break;
            }
            HOVER_TRY(refill());
            continue;
        }
        // Blank lines carry nothing.
        if (buf[begin] == '\n') {
            ++begin;
            ++line;
            continue;
        }
        if (buf[begin] == '\r') {
            if (begin + 1 == end && !eof) {
                HOVER_TRY(refill());
                continue;
            }
            if (begin + 1 < end && buf[begin + 1] == '\n') {
                begin += 2;
                ++line;
            } else {
                ++begin;
            }
            continue;
        }
        ScanResult s = scan_record(buf + begin, buf + end, eof, spans);
        switch (s.status) {
            case ScanStatus::kNeedMore:
                if (begin == 0 && end == cap) {
                    HOVER_TRY(problem("record longer than the " + std::to_string(cap) +
                                          "-byte buffer (an unclosed quote?)",
                                      end - begin));
                    skip_to_newline = true;
                } else {
                    HOVER_TRY(refill());
                }
                continue;
            case ScanStatus::kUnterminated:
                HOVER_TRY(problem("unterminated quote at the end of the file", end - begin));
                skip_to_newline = true;
                continue;
            case ScanStatus::kTextAfterQuote:
                HOVER_TRY(problem("text after a closing quote", end - begin));
                skip_to_newline = true;
                continue;
            case ScanStatus::kRecord:
                break;
        }
        if (s.field_count != layout_.columns.size()) {
            HOVER_TRY(problem("expected " + std::to_string(layout_.columns.size()) +
                                  " columns for layout " + layout_.name + ", found " +
                                  std::to_string(s.field_count),
                              s.length));
        } else {
            CdrRecord record;
            std::string reason =
                convert(buf + begin, std::span<const FieldSpan>(spans.data(), s.field_count),
                        layout_, &record);
            if (reason.empty()) {
                ++summary.records;
                on_record(record);
            } else {
                HOVER_TRY(problem(std::move(reason), s.length));
            }
        }
        line += s.newlines;
        begin += s.length;
    }
    // A last line without a newline still counts as a line.
    summary.lines = line - 1 + (summary.bytes > 0 && last_byte != '\n' ? 1 : 0);
    return summary;
}

Result<ReadSummary> read_cdr_file(const std::string& path,
                                  const CdrLayout& layout,
                                  ReadOptions options,
                                  const RecordCallback& on_record,
                                  const ProblemCallback& on_problem) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return Error{ErrorCode::kNotFound, "The CDR file could not be opened.",
                     path + ": " + std::strerror(errno)};
    }
    if (options.file_name == ReadOptions{}.file_name) {
        options.file_name = path;
    }
    FdByteSource source(fd);
    CdrReader reader(source, layout, std::move(options));
    Result<ReadSummary> result = reader.read(on_record, on_problem);
    ::close(fd);
    return result;
}

}  // namespace hover::cdr
