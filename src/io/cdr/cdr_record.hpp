// File: io/cdr/cdr_record.hpp
//
// CdrRecord: one call detail record as a PBX writes it (Asterisk cdr_csv / cdr_custom, FreeSWITCH
// mod_cdr_csv), after the reader (io/cdr/cdr_reader.hpp) has split, unquoted and checked it.
//
// The text fields are views into the reader's buffer: they are valid only during the callback
// that receives the record (copy what you keep). That keeps the reader free of per-field
// allocation. Times are UTC instants read from "YYYY-MM-DD HH:MM:SS".
//
// Example:
//   reader.read([&](const CdrRecord& r) { if (r.answered()) talk += r.billsec; }, ...);
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/time.hpp"

namespace hover::cdr {

struct CdrRecord {
    std::string_view accountcode;
    std::string_view src;
    std::string_view dst;
    std::string_view dcontext;
    std::string_view clid;
    std::string_view channel;
    std::string_view dstchannel;
    std::string_view lastapp;
    std::string_view lastdata;
    Timestamp start{};
    std::optional<Timestamp> answer;  // empty unquoted or "" in the file: never answered
    Timestamp end{};
    std::int64_t duration = 0;     // seconds from start to end
    std::int64_t billsec = 0;      // seconds from answer to end
    std::string_view disposition;  // ANSWERED, NO ANSWER, BUSY, FAILED (FreeSWITCH: hangup cause)
    std::string_view amaflags;
    // Present only when the layout has the column.
    std::optional<std::string_view> uniqueid;
    std::optional<std::string_view> userfield;
    std::optional<std::string_view> peeraccount;
    std::optional<std::string_view> linkedid;
    std::optional<std::int64_t> sequence;

    // Asterisk says so in `disposition`; FreeSWITCH's hangup causes do not, so a record with an
    // answer time, billable seconds and no failure disposition counts as answered too.
    bool answered() const {
        if (disposition == "ANSWERED") {
            return true;
        }
        if (disposition == "NO ANSWER" || disposition == "BUSY" || disposition == "FAILED" ||
            disposition == "CONGESTION") {
            return false;
        }
        return answer.has_value() && billsec > 0;
    }

    // The id shared by the legs of one call: linkedid when the layout has it and it is set, else
    // uniqueid, else empty (then each record is a call of its own).
    std::string_view call_id() const {
        if (linkedid && !linkedid->empty()) {
            return *linkedid;
        }
        if (uniqueid && !uniqueid->empty()) {
            return *uniqueid;
        }
        return {};
    }
};

}  // namespace hover::cdr
