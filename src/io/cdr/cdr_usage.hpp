// File: io/cdr/cdr_usage.hpp
//
// UsageAggregator: totals built while the reader streams records, so a review never keeps the
// records themselves.
//
// Per number and UTC day (the day the record starts): calls in (the number is dst), calls out
// (the number is src), answered calls, billable seconds, and the last call seen (latest start).
// Per extension (a number of 2 to 6 digits, on either side): calls and talk time (billsec of
// answered legs).
//
// Numbers are normalised simply: non-digits are dropped; 11 digits starting with 1 (NANP) and
// 12 digits starting with 91 (9 for an outside line, then 1) become the 10-digit form. Full
// E.164 is the billing side's job (libphonenumber); this only has to match it for NANP lines.
//
// Legs: the records of one call share a call id (linkedid when set, else uniqueid; see
// CdrRecord::call_id). A call counts once per number and direction however many legs it has,
// and is answered when any of its legs is; billable seconds are summed over the legs. Legs are
// matched among the last kLegWindow distinct call ids (Asterisk writes the legs of a call
// together), which keeps memory flat on files of any size. Records without a call id are calls
// of their own.
//
// Memory: one entry per number and day. Outside callers are numbers too, so on a large file pass
// the numbers the review cares about (billed, found on site): only those, and extensions, are
// then tracked, and memory stays bounded by them rather than by the file.
//
// Example:
//   UsageAggregator usage({"3125550147", "5551234567"});  // or UsageAggregator{} for all
//   reader.read([&](const CdrRecord& r) { usage.add(r); }, on_problem);
//   for (const NumberDayUsage& u : usage.by_number_day()) ...
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/time.hpp"
#include "io/cdr/cdr_record.hpp"

namespace hover::cdr {

// Digits only, NANP 11-digit and 9+1 forms cut to 10 digits; empty when there are no digits.
std::string normalize_number(std::string_view text);

// 2 to 6 digits after normalisation.
bool is_extension(std::string_view normalized);

struct NumberDayUsage {
    std::string number;  // normalised
    Date day;
    std::int64_t calls_in = 0;
    std::int64_t calls_out = 0;
    std::int64_t answered = 0;
    std::int64_t billsec = 0;
    Timestamp last_call{};  // latest start time seen
};

struct ExtensionUsage {
    std::string extension;
    std::int64_t calls = 0;
    std::int64_t talk_seconds = 0;
};

class UsageAggregator {
public:
    static constexpr std::size_t kLegWindow = 4096;

    // `tracked_numbers` (any formatting; normalised here) limits the per-number totals to those
    // numbers plus extensions; empty tracks every number.
    explicit UsageAggregator(const std::vector<std::string>& tracked_numbers = {});

    void add(const CdrRecord& record);

    // Sorted by number, then day.
    std::vector<NumberDayUsage> by_number_day() const;
    // Sorted by extension.
    std::vector<ExtensionUsage> by_extension() const;

    // Distinct calls (legs counted once) with a tracked number or extension on either side.
    std::int64_t calls() const { return calls_; }

private:
    struct LegMark {
        std::string number;
        char direction = 'o';  // 'o' out (src), 'i' in (dst)
        bool answered = false;
    };
    struct CallState {
        std::vector<LegMark> marks;
    };
    void count_side(const std::string& number,
                    char direction,
                    const CdrRecord& record,
                    Date day,
                    bool answered,
                    CallState* call);

    std::unordered_map<std::string, NumberDayUsage> numbers_;  // key: number '|' day
    std::unordered_map<std::string, ExtensionUsage> extensions_;
    std::unordered_map<std::string, CallState> recent_calls_;  // the leg window, by call id
    std::deque<std::string> recent_order_;                     // oldest first
    std::string key_;                                          // reused lookup key
    std::unordered_set<std::string> tracked_;                  // empty: all numbers
    std::int64_t calls_ = 0;
};

}  // namespace hover::cdr
