// File: domain/calendar/calendar_feed.hpp
//
// The calendar feed (DESIGN.md F5): a secret, revocable address per user that a calendar app
// (Google Calendar, Outlook, Thunderbird, a phone) subscribes to. Plain value types: the feed's
// stored row (only the SHA-256 of its secret, as for API tokens), and the feed's content as the
// service builds it for io/ical to write. No SQL, no iCalendar text here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "core/time.hpp"
#include "domain/records/enums.hpp"

namespace hover::calendar {

using CalendarFeedId = Id<struct CalendarFeedTag>;

// One user's feed address. At most one per user is live (not revoked).
struct CalendarFeed {
    CalendarFeedId id;
    OrgId org_id;
    UserId user_id;
    std::string prefix;       // the first characters of the secret, to recognise it
    std::string secret_hash;  // hex SHA-256 of the secret
    Timestamp created_at{};
    std::optional<Timestamp> last_used_at;
    std::optional<Timestamp> revoked_at;
};

// What create returns: the secret is given out here once and never again.
struct NewCalendarFeed {
    CalendarFeed feed;
    std::string secret;
    std::string path;  // "/calendar/<secret>.ics"
};

// When an item happens: a whole day, or an instant (UTC) when a time of day was planned.
struct When {
    Date day{};
    std::optional<Timestamp> at;
};

// An open follow-up that is not a visit: a VTODO.
struct FeedTodo {
    std::int64_t followup_id = 0;
    AccountId account_id;
    std::string account_name;
    records::Channel channel = records::Channel::kPhone;
    std::string summary;      // "Call Acme Corp: ask how the new handsets work out"
    std::string description;  // several lines
    std::string contact;      // "Pat Doe, +1 405 555 0100", or empty
    When due;
    Timestamp created_at{};
};

// A planned visit (an open follow-up whose channel is a visit) or a logged visit: a VEVENT.
struct FeedEvent {
    enum class Kind { kPlannedVisit, kLoggedVisit };
    Kind kind = Kind::kPlannedVisit;
    std::int64_t source_id = 0;  // the follow-up's or the interaction's id
    AccountId account_id;
    std::string account_name;
    std::string summary;
    std::string description;
    std::string location;  // the site's address, or empty
    std::optional<double> latitude;
    std::optional<double> longitude;
    std::string contact;
    When start;
    int duration_minutes = 60;  // for a timed event
    Timestamp created_at{};
};

// Everything one feed shows, as of `generated_at`.
struct FeedContent {
    std::string org_slug;  // UIDs are "followup-<id>@<org_slug>.hover"
    std::string org_name;  // the calendar's name: "Hover: Pat Doe (Cedar Telecom)"
    std::string user_name;
    Timestamp generated_at{};
    std::string base_url;  // "https://hover.example.com", or empty: no URL properties
    std::vector<FeedTodo> todos;
    std::vector<FeedEvent> events;
};

}  // namespace hover::calendar
