// File: http/api/calendar_api.hpp
//
// The calendar feed (DESIGN F5): the signed-in user's own feed address, and the feed itself.
//   GET    /api/v1/me/calendar-feed   {"active": bool, "prefix", "created_at", "last_used_at"}
//   POST   /api/v1/me/calendar-feed   201 {"url", "path", "prefix", "created_at"}: a new address
//                                      (the old one stops working); the url is shown only here
//   DELETE /api/v1/me/calendar-feed   204; 404 when there is no feed
//   GET    /calendar/{secret}.ics     no session: text/calendar; 404 like any unknown page for an
//                                      unknown or revoked secret (calendar_feed_response)
#pragma once

#include <nlohmann/json.hpp>

#include "domain/calendar/calendar_feed_service.hpp"
#include "http/api/api_call.hpp"

namespace hover::http {

class CalendarApi {
public:
    explicit CalendarApi(calendar::CalendarFeedService& calendar) : calendar_(calendar) {}
    Result<Response> get(const ApiCall& call);
    Result<Response> create(const ApiCall& call);
    Result<Response> revoke(const ApiCall& call);

private:
    calendar::CalendarFeedService& calendar_;
};

// The public feed route's handler: `segment` is "<secret>.ics".
Response calendar_feed_response(calendar::CalendarFeedService& calendar,
                                const Request& request,
                                std::string_view segment);

}  // namespace hover::http
