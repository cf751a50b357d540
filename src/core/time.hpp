// File: core/time.hpp
//
// Times are UTC instants with second precision (Timestamp); calendar dates (Date) have no time
// zone. Both are stored and exchanged as ISO 8601 text ("2026-11-22T10:20:00Z", "2026-11-22"),
// whose lexical order is their time order on every database (see docs/decisions/0003).
//
// Example:
//   Timestamp t = HOVER_TRY(parse_timestamp("2026-11-22T10:20:00Z", "occurred_at"));
//   format_timestamp(t) == "2026-11-22T10:20:00Z"
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace hover {

using Timestamp = std::chrono::sys_seconds;
using Date = std::chrono::year_month_day;

std::string format_timestamp(Timestamp t);
std::string format_date(Date d);

// Accepts "YYYY-MM-DDTHH:MM[:SS][.fff](Z|±HH:MM)" (a space may replace the T) and a bare date
// "YYYY-MM-DD", read as midnight UTC. `field` names the input in the error.
Result<Timestamp> parse_timestamp(std::string_view text, std::string_view field);

// Accepts "YYYY-MM-DD" only and checks that the day exists.
Result<Date> parse_date(std::string_view text, std::string_view field);

Date date_of(Timestamp t);
Timestamp start_of(Date d);

}  // namespace hover
