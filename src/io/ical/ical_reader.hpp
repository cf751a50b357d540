// File: io/ical/ical_reader.hpp
//
// Reads iCalendar text with libical (libical-dev, STACK.md): the parser Hover uses for calendar
// files it is given (imports, and the tests that check what the feed writer makes). libical does
// the unfolding, unescaping and value typing; this wrapper turns its tree into plain values and
// owns every libical allocation, so callers never touch the C API.
//
// What it accepts: a VCALENDAR, several, or a bare component (a VEVENT without a wrapper, as some
// exports are); CRLF, LF or mixed line endings. Lines libical cannot read become X-LIC-ERROR
// properties in libical; they are counted in `errors` and left out of the properties.
// kInvalidInput (field = `source`) when the text holds no component at all or contains a NUL.
//
// Example:
//   auto parsed = HOVER_TRY(ical::read(text, "feed.ics"));
//   for (const auto& c : parsed.components) if (c.name == "VCALENDAR") ...
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace hover::ical {

struct ReadProperty {
    std::string name;  // upper-case: "SUMMARY", "X-WR-CALNAME"
    // TEXT values unescaped ("a, b; c\nd"); other values as written ("20261120T150000Z").
    std::string value;
    std::vector<std::pair<std::string, std::string>> params;  // ("VALUE", "DATE")
};

struct ReadComponent {
    std::string name;  // "VCALENDAR", "VTODO", "VEVENT", "VTIMEZONE", ...
    std::vector<ReadProperty> properties;
    std::vector<ReadComponent> children;

    // The first property of that name, or nullptr.
    const ReadProperty* find(std::string_view property) const;
    // How many components of that name are in this one, at any depth (not counting itself).
    int count(std::string_view component) const;
};

struct ReadCalendar {
    std::vector<ReadComponent> components;  // top level
    int errors = 0;                         // X-LIC-ERROR properties libical added

    int count(std::string_view component) const;  // at any depth, top level included
};

Result<ReadCalendar> read(std::string_view text, std::string_view source);

}  // namespace hover::ical
