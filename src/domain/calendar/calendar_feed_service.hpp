// File: domain/calendar/calendar_feed_service.hpp
//
// CalendarFeedService: a secret, revocable calendar address per user (DESIGN.md F5), and what
// that address shows. Rules (also in src/domain/calendar/README.md and docs/calendar-feed.md):
//   - The secret is "hcal_" and 43 URL-safe base64 characters (256 random bits), returned once by
//     create(); only its SHA-256 is stored, with a 10-character prefix to recognise it.
//   - One live feed per user: create() revokes the live one (rotation) in the same transaction.
//   - You manage your own feed; admins and managers also anyone's of the organisation
//     (kPermissionDenied otherwise). A user of another organisation is kNotFound.
//   - content_for_secret(): an unknown, malformed or revoked secret is kNotFound, the same error
//     for each, so the address tells nothing about why it does not work.
//   - The feed shows the owner's open follow-ups (assigned to them, as the agenda picks them):
//     visits as events, everything else as to-dos; and the visits they logged in the last 90 days
//     as events. Closed follow-ups leave the feed.
//
// Example:
//   NewCalendarFeed f = HOVER_TRY(calendar.create(actor, actor.user_id));
//   show(base_url + f.path);   // the secret is never available again
//   FeedContent c = HOVER_TRY(calendar.content_for_secret(secret, base_url));
//   std::string ics = ical::write_feed(c);
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/calendar/calendar_feed.hpp"
#include "domain/calendar/calendar_feed_store.hpp"
#include "domain/followups/followup_service.hpp"
#include "domain/records/record_service.hpp"

namespace hover::calendar {

inline constexpr std::string_view kFeedSecretPrefix = "hcal_";
inline constexpr int kLoggedVisitDays = 90;

class CalendarFeedService {
public:
    CalendarFeedService(CalendarFeedStore& store,
                        records::RecordService& records,
                        followups::FollowupService& followups,
                        const Clock& clock)
        : store_(store), records_(records), followups_(followups), clock_(clock) {}

    // A new feed address for `user`, revoking the live one (the old address stops working).
    Result<NewCalendarFeed> create(const Actor& actor, UserId user);
    // Revokes the user's live feed; kNotFound when there is none.
    Result<Ok> revoke(const Actor& actor, UserId user);
    // The user's live feed (never its secret), or nothing.
    Result<std::optional<CalendarFeed>> live_feed(const Actor& actor, UserId user);

    // What the address shows now. `base_url` ("https://hover.example.com", or empty) makes the
    // URL of each item. Records the use (at most once a minute).
    Result<FeedContent> content_for_secret(std::string_view secret, std::string_view base_url);

private:
    Result<Ok> check_may_manage(const Actor& actor, UserId user);
    Result<FeedContent> build(const FeedOwner& owner, std::string_view base_url);

    CalendarFeedStore& store_;
    records::RecordService& records_;
    followups::FollowupService& followups_;
    const Clock& clock_;
};

// "/calendar/<secret>.ics"
std::string feed_path(std::string_view secret);

}  // namespace hover::calendar
