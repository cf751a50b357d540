// File: io/cdr/cdr_number_scan.hpp
//
// scan_numbers(): the billing review's fast pass over a CDR file. For a fixed set of numbers
// (E.164 as integers, see number_key) it counts, per number, the records with the number on
// either side (src or dst), the answered ones, the minutes (ceil(billsec / 60) per record) and
// the first and last day; per extension (2 to 6 digits in src/dst, or the SIP/PJSIP/IAX2 peer
// of the channel) the records and the talk time. That is all `hover review` needs, so it reads
// no other field.
//
// How it stays fast and small (DESIGN B3, issue 5's speed target):
//  - the file is split at line ends into one range per thread (2 by default); each thread reads
//    its range with pread() through its own 1 MiB buffer (no mmap: resident memory stays flat
//    whatever the file size) into its own counters, merged at the end;
//  - records are split 64 bytes at a time with SSE2 masks of quotes, commas and line ends (the
//    quote state is a prefix XOR), so only field boundaries are visited;
//  - numbers are integer keys in an open-addressing table built once; nothing is allocated per
//    record.
// A quoted field may span lines: when the first range ends inside a quote, the following
// ranges are read again, in order, from the record that crossed the split.
//
// Checked per record: the column count of the layout, and the fields read (src, dst, start,
// billsec, channels: numbers and times must parse, quotes must close). A record that fails is a
// CdrProblem with its line, as in CdrReader; ProblemPolicy::kReject stops at the first one.
// A lone CR does not end a line here (CRLF and LF do).
//
// Example:
//   std::vector<std::uint64_t> keys = {number_key("+15551234567")};
//   NumberScanResult r = HOVER_TRY(scan_numbers("Master.csv", *find_layout("asterisk-18"), keys,
//                                               {}));
//   r.numbers[0].calls
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "io/cdr/cdr_layout.hpp"
#include "io/cdr/cdr_reader.hpp"

namespace hover::cdr {

// Extensions are keys with this bit set (and their digit count in bits 56..59).
inline constexpr std::uint64_t kExtensionKeyFlag = std::uint64_t{1} << 63;

// The integer key of a number as a PBX writes it: "+15551234567", "15551234567", "5551234567",
// "(555) 123-4567", "915551234567" (9 for an outside line) and "95551234567" all give
// 15551234567 (NANP); "+44 20 7946 0958" and "011442079460958" give 442079460958; 2 to 6 digits
// give an extension key; anything else ("s", "*97", "anonymous") gives 0.
std::uint64_t number_key(std::string_view text);
// "+15551234567" for a number key, the digits for an extension key.
std::string key_text(std::uint64_t key);
inline bool is_extension_key(std::uint64_t key) {
    return (key & kExtensionKeyFlag) != 0;
}

struct NumberCounters {
    std::int64_t calls = 0;
    std::int64_t answered = 0;
    std::int64_t minutes = 0;
    std::int64_t billsec = 0;
    std::int32_t first_day = INT32_MAX;  // days since 1970-01-01; INT32_MAX: no call
    std::int32_t last_day = INT32_MIN;
};

struct ExtensionCounters {
    std::uint64_t key = 0;
    std::int64_t calls = 0;
    std::int64_t talk_seconds = 0;
};

struct NumberScanOptions {
    std::string file_name;  // for messages; default: the path
    ProblemPolicy policy = ProblemPolicy::kSkip;
    int threads = 2;
    std::size_t buffer_size = kDefaultBufferSize;
    std::size_t max_problems_kept = 1000;  // more are counted, not kept
    // Called from the calling thread about 10 times a second with the bytes read so far.
    std::function<void(std::int64_t bytes_done, std::int64_t bytes_total)> progress;
};

struct NumberScanResult {
    std::vector<NumberCounters> numbers;        // parallel to the `tracked` keys
    std::vector<ExtensionCounters> extensions;  // sorted by key
    std::vector<CdrProblem> problems;           // by line, at most max_problems_kept
    std::int64_t records = 0;
    std::int64_t problem_count = 0;
    std::int64_t lines = 0;
    std::int64_t bytes = 0;
    std::int32_t first_day = INT32_MAX;  // over all records
    std::int32_t last_day = INT32_MIN;
    int threads_used = 1;
};

// Errors: the file cannot be opened or read; the layout lacks src, dst, start or billsec;
// kReject met a problem ("Master.csv line 12: expected 18 columns for layout asterisk-18,
// found 17").
Result<NumberScanResult> scan_numbers(const std::string& path,
                                      const CdrLayout& layout,
                                      std::span<const std::uint64_t> tracked,
                                      const NumberScanOptions& options);

}  // namespace hover::cdr
