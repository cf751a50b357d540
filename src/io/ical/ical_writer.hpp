// File: io/ical/ical_writer.hpp
//
// A small iCalendar (RFC 5545) writer: content lines, TEXT escaping, folding. Pure text out: no
// database, no libical (the reader in ical_reader.hpp uses libical; the writer does not need it).
//
// The rules it keeps (RFC 5545 section 3.1 and 3.3.11):
//   - every line ends with CRLF, the last one too;
//   - a content line longer than 75 octets is folded: CRLF and one space are inserted so that no
//     physical line has more than 75 octets before its CRLF (the space counts in the 75), and a
//     fold never splits a UTF-8 multi-byte sequence;
//   - TEXT values escape backslash, semicolon and comma with a backslash and write a line break
//     (CRLF, LF or CR) as \n; other control characters but TAB are dropped (TEXT forbids them);
//   - bytes that are not UTF-8 become U+FFFD, so what is written is always valid UTF-8;
//   - parameter values that contain ':' ';' or ',' are quoted; a double quote (not allowed in
//     a parameter value) becomes a single quote.
//
// Example:
//   ical::Writer w;
//   w.begin("VCALENDAR");
//   w.raw("VERSION", "2.0");
//   w.text("SUMMARY", "Call Acme, Inc.; ask about the PBX");   // SUMMARY:Call Acme\, Inc.\; ...
//   w.utc("DTSTAMP", now);                                      // DTSTAMP:20261120T150000Z
//   w.end("VCALENDAR");
//   std::string ics = w.str();
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/time.hpp"

namespace hover::ical {

inline constexpr std::size_t kMaxLineOctets = 75;

// TEXT escaping (section 3.3.11) of valid UTF-8 (see sanitize_utf8).
std::string escape_text(std::string_view text);
// The inverse of escape_text, as readers apply it: \\ \; \, \n \N; an unknown escape keeps
// the character after the backslash.
std::string unescape_text(std::string_view text);

// `text` with every byte that does not start or continue a valid UTF-8 sequence (overlong forms,
// surrogates, code points above U+10FFFF, truncated sequences) replaced by U+FFFD.
std::string sanitize_utf8(std::string_view text);

// One content line (without line break) folded into physical lines, each ending with CRLF.
std::string fold_line(std::string_view line);
// Unfolds a whole text: a line break (CRLF, or a lone LF as some writers use) followed by one
// space or tab is removed with that space or tab.
std::string unfold(std::string_view text);

// 20261120T150000Z and 20261120.
std::string format_utc(Timestamp t);
std::string format_ical_date(Date d);

struct Param {
    std::string name;
    std::string value;
};

class Writer {
public:
    void begin(std::string_view component);
    void end(std::string_view component);
    // A TEXT property: the value is escaped.
    void text(std::string_view name, std::string_view value, const std::vector<Param>& params = {});
    // A property whose value is already in its iCalendar form (DATE-TIME, URI, INTEGER...).
    void raw(std::string_view name, std::string_view value, const std::vector<Param>& params = {});
    void utc(std::string_view name, Timestamp t);
    void date(std::string_view name, Date d);  // NAME;VALUE=DATE:20261120

    const std::string& str() const { return out_; }

private:
    void line(std::string_view name, const std::vector<Param>& params, std::string_view value);
    std::string out_;
};

}  // namespace hover::ical
