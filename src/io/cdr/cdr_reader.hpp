// File: io/cdr/cdr_reader.hpp
//
// A streaming reader for CDR CSV files (no header; see cdr_layout.hpp for the layouts). It reads
// a ByteSource through one fixed-size buffer (1 MiB by default), so memory does not grow with
// the file, and hands each record to a callback as a CdrRecord whose text fields point into that
// buffer. One pass, memchr for quotes, no regex, no iostreams.
//
// What real files do and the reader accepts: CRLF or LF line ends, quoted fields with doubled
// quotes inside ("""Bob"" <100>"), quoted fields spanning lines, spaces or tabs around fields
// outside the quotes, empty unquoted fields, a last line without a newline, blank lines (skipped).
//
// A record that cannot be read (wrong column count for the layout, unterminated quote at the end
// of the file, text after a closing quote, a bad timestamp, a non-numeric duration, a record
// longer than the buffer) becomes a CdrProblem: the line it starts on, the reason, and its raw
// text cut to 200 bytes. ProblemPolicy::kSkip reports it and goes on with the next line;
// kReject stops with an Error naming the file and line. After an unreadable quote the reader
// resumes on the line after the one the record started on, so one stray quote costs one record.
// Any input ends: every step consumes bytes or reads more.
//
// Example:
//   FdByteSource source(fd);
//   CdrReader reader(source, *find_layout("asterisk-18"), {.file_name = "Master.csv"});
//   Result<ReadSummary> summary = reader.read(
//       [&](const CdrRecord& r) { usage.add(r); },
//       [&](const CdrProblem& p) { problems.push_back(p); });
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "io/cdr/cdr_layout.hpp"
#include "io/cdr/cdr_record.hpp"

namespace hover::cdr {

// Where the bytes come from. read() fills at most into.size() bytes and returns how many; 0 means
// the end of the input.
class ByteSource {
public:
    virtual ~ByteSource() = default;
    virtual Result<std::size_t> read(std::span<char> into) = 0;
};

// A POSIX file descriptor (not owned). Retries on EINTR.
class FdByteSource final : public ByteSource {
public:
    explicit FdByteSource(int fd) : fd_(fd) {}
    Result<std::size_t> read(std::span<char> into) override;

private:
    int fd_;
};

// Bytes in memory; `chunk` > 0 hands them out at most that many at a time (tests use it to
// split records across reads).
class MemoryByteSource final : public ByteSource {
public:
    explicit MemoryByteSource(std::string_view bytes, std::size_t chunk = 0)
        : bytes_(bytes), chunk_(chunk) {}
    Result<std::size_t> read(std::span<char> into) override;

private:
    std::string_view bytes_;
    std::size_t chunk_;
};

enum class ProblemPolicy : std::uint8_t {
    kSkip,    // report the record through on_problem and continue
    kReject,  // report it, then stop with an Error naming the file and line
};

struct CdrProblem {
    std::int64_t line = 0;  // the line the record starts on, from 1
    std::string reason;
    std::string raw;  // the record's text, at most kMaxRawBytes
};

inline constexpr std::size_t kMaxRawBytes = 200;
inline constexpr std::size_t kDefaultBufferSize = std::size_t{1} << 20;

struct ReadOptions {
    std::string file_name = "CDR file";  // for messages
    ProblemPolicy policy = ProblemPolicy::kSkip;
    std::size_t buffer_size = kDefaultBufferSize;  // also the longest record; at least 64 bytes
};

struct ReadSummary {
    std::int64_t records = 0;   // handed to on_record
    std::int64_t problems = 0;  // handed to on_problem
    std::int64_t lines = 0;     // lines read, counting a last line without a newline
    std::int64_t bytes = 0;
};

using RecordCallback = std::function<void(const CdrRecord&)>;
using ProblemCallback = std::function<void(const CdrProblem&)>;

class CdrReader {
public:
    CdrReader(ByteSource& source, const CdrLayout& layout, ReadOptions options = {});

    // Reads to the end. Errors: the source failed (kUnavailable), or kReject met a problem
    // (kInvalidInput, "Master.csv line 12: expected 18 columns, found 17").
    Result<ReadSummary> read(const RecordCallback& on_record, const ProblemCallback& on_problem);

private:
    ByteSource& source_;
    const CdrLayout& layout_;
    ReadOptions options_;
};

// Opens `path` and reads it with CdrReader; options.file_name defaults to the path.
Result<ReadSummary> read_cdr_file(const std::string& path,
                                  const CdrLayout& layout,
                                  ReadOptions options,
                                  const RecordCallback& on_record,
                                  const ProblemCallback& on_problem);

}  // namespace hover::cdr
