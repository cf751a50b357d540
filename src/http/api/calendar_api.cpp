#include "http/api/calendar_api.hpp"

#include "core/log.hpp"
#include "http/pages/html.hpp"
#include "io/ical/calendar_feed_ical.hpp"

namespace hover::http {

using nlohmann::json;

namespace {

json optional_time(const std::optional<Timestamp>& t) {
    return t ? json(format_timestamp(*t)) : json(nullptr);
}

}  // namespace

// REQ: F5
Result<Response> CalendarApi::get(const ApiCall& call) {
    auto live = HOVER_TRY(calendar_.live_feed(call.actor(), call.actor().user_id));
    if (!live) {
        return json_response(200, json{{"active", false},
                                       {"prefix", nullptr},
                                       {"created_at", nullptr},
                                       {"last_used_at", nullptr}});
    }
    return json_response(200, json{{"active", true},
                                   {"prefix", live->prefix},
                                   {"created_at", format_timestamp(live->created_at)},
                                   {"last_used_at", optional_time(live->last_used_at)}});
}

// REQ: F5
Result<Response> CalendarApi::create(const ApiCall& call) {
    auto created = HOVER_TRY(calendar_.create(call.actor(), call.actor().user_id));
    return json_response(201, json{{"url", base_url(call.request) + created.path},
                                   {"path", created.path},
                                   {"prefix", created.feed.prefix},
                                   {"created_at", format_timestamp(created.feed.created_at)}});
}

Result<Response> CalendarApi::revoke(const ApiCall& call) {
    HOVER_TRY(calendar_.revoke(call.actor(), call.actor().user_id));
    Response response;
    response.status = 204;
    response.content_type.clear();
    return response;
}

// REQ: F5
Response calendar_feed_response(calendar::CalendarFeedService& calendar,
                                const Request& request,
                                std::string_view segment) {
    // Whatever is wrong with the address, the answer is the site's ordinary 404 page: it tells
    // nothing about whether a feed ever existed there.
    auto not_found = [&] {
        return pages::error_page(Error::not_found("page"), nullptr, request.request_id);
    };
    constexpr std::string_view kSuffix = ".ics";
    if (!segment.ends_with(kSuffix)) {
        return not_found();
    }
    segment.remove_suffix(kSuffix.size());
    auto content = calendar.content_for_secret(segment, base_url(request));
    if (!content) {
        if (content.error().code == ErrorCode::kNotFound) {
            return not_found();
        }
        log_error(content.error(), request.request_id);
        return pages::error_page(content.error(), nullptr, request.request_id);
    }
    Response response;
    response.content_type = "text/calendar; charset=utf-8";
    response.headers.set("Content-Disposition", "inline; filename=\"hover.ics\"");
    response.body = ical::write_feed(*content);
    return response;
}

}  // namespace hover::http
