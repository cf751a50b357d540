#include "http/router.hpp"

#include <charconv>

#include "core/result.hpp"

namespace hover::http {
namespace {

// Splits "/a/b/c" into {"a","b","c"}; nullopt when the path does not start with '/'.
// "/" is one empty segment, so "/a/" has a trailing empty segment and matches nothing.
std::optional<std::vector<std::string_view>> split_path(std::string_view path) {
    if (path.empty() || path.front() != '/') {
        return std::nullopt;
    }
    std::vector<std::string_view> segments;
    path.remove_prefix(1);
    while (true) {
        auto slash = path.find('/');
        segments.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) {
            break;
        }
        path.remove_prefix(slash + 1);
    }
    return segments;
}

}  // namespace

std::int64_t PathParams::id(std::string_view name) const {
    for (const auto& [n, v] : values_) {
        if (n == name) {
            return v;
        }
    }
    HOVER_ASSERT(false && "route pattern has no such parameter");
    return 0;
}

const std::string& PathParams::text(std::string_view name) const {
    for (const auto& [n, v] : texts_) {
        if (n == name) {
            return v;
        }
    }
    HOVER_ASSERT(false && "route pattern has no such text parameter");
    static const std::string none;
    return none;
}

namespace {

bool is_secret_segment(std::string_view segment) {
    if (segment.empty() || segment.size() > 200) {
        return false;
    }
    for (char c : segment) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_' || c == '.';
        if (!ok) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::optional<std::int64_t> parse_positive_id(std::string_view segment) {
    if (segment.empty() || segment.size() > 19) {
        return std::nullopt;
    }
    for (char c : segment) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
    }
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(segment.data(), segment.data() + segment.size(), value);
    if (ec != std::errc{} || end != segment.data() + segment.size() || value <= 0) {
        return std::nullopt;
    }
    return value;
}

void Router::add(Method method, std::string_view pattern, Handler handler) {
    auto parts = split_path(pattern);
    HOVER_ASSERT(parts.has_value());
    std::vector<Segment> segments;
    bool has_secret = false;
    constexpr std::string_view kSecretSuffix = ":secret";
    for (std::string_view part : *parts) {
        if (part.size() >= 2 && part.front() == '{' && part.back() == '}') {
            std::string_view name = part.substr(1, part.size() - 2);
            if (name.ends_with(kSecretSuffix)) {
                name.remove_suffix(kSecretSuffix.size());
                segments.push_back({std::string(name), false, true});
                has_secret = true;
            } else {
                segments.push_back({std::string(name), true, false});
            }
        } else {
            segments.push_back({std::string(part), false, false});
        }
    }
    for (auto& route : routes_) {
        if (route.pattern == pattern) {
            for (const auto& entry : route.handlers) {
                HOVER_ASSERT(entry.first != method);
            }
            route.handlers.emplace_back(method, std::move(handler));
            return;
        }
    }
    Route route;
    route.pattern = std::string(pattern);
    route.segments = std::move(segments);
    route.has_secret = has_secret;
    route.handlers.emplace_back(method, std::move(handler));
    routes_.push_back(std::move(route));
}

Router::Match Router::match(Method method, std::string_view path) const {
    Match result;
    auto parts = split_path(path);
    if (!parts) {
        return result;
    }
    for (const auto& route : routes_) {
        if (route.segments.size() != parts->size()) {
            continue;
        }
        PathParams params;
        bool matched = true;
        for (std::size_t i = 0; i < parts->size() && matched; ++i) {
            const Segment& segment = route.segments[i];
            if (segment.is_id) {
                auto id = parse_positive_id((*parts)[i]);
                if (id) {
                    params.add(segment.text, *id);
                } else {
                    matched = false;
                }
            } else if (segment.is_secret) {
                if (is_secret_segment((*parts)[i])) {
                    params.add_text(segment.text, std::string((*parts)[i]));
                } else {
                    matched = false;
                }
            } else {
                matched = segment.text == (*parts)[i];
            }
        }
        if (!matched) {
            continue;
        }
        result.pattern = route.pattern;
        result.has_secret = route.has_secret;
        for (const auto& [m, handler] : route.handlers) {
            if (!result.allow.empty()) {
                result.allow += ", ";
            }
            result.allow += method_name(m);
            if (m == method) {
                result.kind = MatchKind::kFound;
                result.handler = &handler;
            }
        }
        if (result.kind != MatchKind::kFound) {
            result.kind = MatchKind::kMethodNotAllowed;
        }
        result.params = std::move(params);
        return result;
    }
    return result;
}

Response Router::dispatch(const Request& request) const {
    Match m = match(request.method, request.path);
    switch (m.kind) {
        case MatchKind::kFound: {
            Response response = (*m.handler)(request, m.params);
            response.log_route = m.pattern;
            if (m.has_secret) {
                response.log_path = m.pattern;
            }
            return response;
        }
        case MatchKind::kMethodNotAllowed: {
            Response response;
            if (request.method == Method::kOptions) {
                response.status = 204;
                response.content_type.clear();
            } else {
                response = error_response(405, "method_not_allowed",
                                          "This address does not accept " +
                                              std::string(method_name(request.method)) + ". Use " +
                                              m.allow + ".",
                                          request.request_id);
            }
            response.headers.set("Allow", m.allow);
            response.log_route = m.pattern;
            if (m.has_secret) {
                response.log_path = m.pattern;
            }
            return response;
        }
        case MatchKind::kNotFound:
            break;
    }
    if (not_found_) {
        return not_found_(request, m.params);
    }
    return error_response(404, "not_found", "There is nothing at this address.",
                          request.request_id);
}

std::vector<std::pair<Method, std::string>> Router::routes() const {
    std::vector<std::pair<Method, std::string>> out;
    for (const auto& route : routes_) {
        for (const auto& [method, handler] : route.handlers) {
            out.emplace_back(method, route.pattern);
        }
    }
    return out;
}

}  // namespace hover::http
