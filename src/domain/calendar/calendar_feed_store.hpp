// File: domain/calendar/calendar_feed_store.hpp
//
// CalendarFeedStore: what the calendar module needs from storage. Implemented for SQLite and
// PostgreSQL by storage::SqlCalendarFeedStore (src/storage/calendar/). Every method takes the
// caller's OrgId, except find_feed_by_hash: the hash of a 256-bit secret is how a calendar app's
// request finds its organisation (as for API tokens).
//
// Errors: kNotFound, kConflict (a second live feed for a user), kUnavailable, kDataCorrupt.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "domain/calendar/calendar_feed.hpp"
#include "domain/records/record.hpp"

namespace hover::calendar {

// Who a feed belongs to, as the feed request needs it (it has no session).
struct FeedOwner {
    Actor actor;
    std::string display_name;
    std::string org_name;
    std::string org_slug;
};

class CalendarFeedStore {
public:
    virtual ~CalendarFeedStore() = default;

    // One transaction; nested calls join the outer one.
    virtual Result<Ok> transaction(const std::function<Result<Ok>()>& work) = 0;

    virtual Result<CalendarFeedId> insert_feed(const CalendarFeed& feed) = 0;
    // The user's live (not revoked) feed, if any.
    virtual Result<std::optional<CalendarFeed>> find_live_feed(OrgId org, UserId user) = 0;
    // Not org-scoped (see above). kNotFound when no feed, live or revoked, has this hash.
    virtual Result<CalendarFeed> find_feed_by_hash(std::string_view secret_hash) = 0;
    virtual Result<Ok> revoke_feed(OrgId org, CalendarFeedId id, Timestamp at) = 0;
    virtual Result<Ok> touch_feed(OrgId org, CalendarFeedId id, Timestamp used_at) = 0;

    // The user with their role and organisation (kNotFound otherwise).
    virtual Result<FeedOwner> find_owner(OrgId org, UserId user) = 0;
    // Visits the user logged at or after `since`, oldest first (at most 500).
    virtual Result<std::vector<records::Interaction>> list_visits(OrgId org,
                                                                  UserId user,
                                                                  Timestamp since) = 0;
};

}  // namespace hover::calendar
