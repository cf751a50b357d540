// File: io/ical/calendar_feed_ical.hpp
//
// The calendar feed (DESIGN.md F5) as iCalendar text: one VCALENDAR with a VTODO per open
// follow-up and a VEVENT per planned or logged visit. What each property holds, and why, is in
// docs/calendar-feed.md. Times are UTC ("...Z") or whole days (VALUE=DATE), so the feed needs no
// VTIMEZONE. UIDs are stable: "followup-<id>@<org-slug>.hover" and "visit-<id>@<org-slug>.hover".
//
// Example:
//   std::string ics = ical::write_feed(HOVER_TRY(calendar.content_for_secret(secret, base)));
#pragma once

#include <string>

#include "domain/calendar/calendar_feed.hpp"

namespace hover::ical {

inline constexpr std::string_view kProductId = "-//Hover//Hover calendar feed 0.1//EN";

std::string write_feed(const calendar::FeedContent& content);

}  // namespace hover::ical
