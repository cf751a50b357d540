// File: http/router.hpp
//
// Router: method + path pattern -> handler. A pattern is a list of segments; "{name}" matches a
// positive 64-bit integer (a row id: "1" to "9223372036854775807", digits only), "{name:secret}"
// matches 1 to 200 URL-safe characters (A-Z a-z 0-9 - _ .) that are a secret (the calendar feed's
// address): the request log then shows the pattern, never the path. Anything else matches itself.
// Dispatch answers:
//   - 404 (not_found) when no pattern matches the path, including ids that are not positive
//     integers ("/api/v1/accounts/abc", "/api/v1/accounts/0", "/api/v1/accounts/-1"),
//   - 405 (method_not_allowed) with an Allow header when the path matches but not the method,
//   - 204 with Allow for OPTIONS on a known path.
// Trailing slashes and empty segments are not normalised: "/api/v1/accounts/" is a 404.
//
// Example:
//   Router router;
//   router.add(Method::kGet, "/api/v1/accounts/{id}",
//              [](const Request&, const PathParams& p) { ... p.id("id") ... });
//   Response r = router.dispatch(request);
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/request.hpp"

namespace hover::http {

// The typed segments of a matched path, by name.
class PathParams {
public:
    void add(std::string name, std::int64_t value) { values_.emplace_back(std::move(name), value); }
    void add_text(std::string name, std::string value) {
        texts_.emplace_back(std::move(name), std::move(value));
    }
    // The value of "{name}"; asserts that the pattern has that segment (a bug otherwise).
    std::int64_t id(std::string_view name = "id") const;
    // The value of "{name:secret}"; asserts likewise.
    const std::string& text(std::string_view name) const;
    const std::vector<std::pair<std::string, std::int64_t>>& values() const { return values_; }

private:
    std::vector<std::pair<std::string, std::int64_t>> values_;
    std::vector<std::pair<std::string, std::string>> texts_;
};

using Handler = std::function<Response(const Request&, const PathParams&)>;

// Parses a path segment as a row id: digits only, > 0, fits in int64.
std::optional<std::int64_t> parse_positive_id(std::string_view segment);

class Router {
public:
    // Adds a route; adding the same method and pattern twice is a bug (asserts).
    void add(Method method, std::string_view pattern, Handler handler);

    enum class MatchKind { kFound, kNotFound, kMethodNotAllowed };
    struct Match {
        MatchKind kind = MatchKind::kNotFound;
        const Handler* handler = nullptr;
        PathParams params;
        std::string allow;  // "GET, PATCH" when the path is known
        std::string pattern;
        bool has_secret = false;
    };
    Match match(Method method, std::string_view path) const;

    // Runs the matching handler, or answers 404 / 405 / OPTIONS in the API error shape. Sets
    // Response::log_route to the matched pattern.
    Response dispatch(const Request& request) const;

    // Answers paths that match no pattern instead of the API's 404 (pages answer in HTML).
    void set_not_found(Handler handler) { not_found_ = std::move(handler); }

    // Every (method, pattern), in the order added: for tests that walk the whole route table.
    std::vector<std::pair<Method, std::string>> routes() const;

private:
    struct Segment {
        std::string text;  // the literal, or the parameter name for a typed segment
        bool is_id = false;
        bool is_secret = false;
    };
    struct Route {
        std::string pattern;
        std::vector<Segment> segments;
        bool has_secret = false;
        std::vector<std::pair<Method, Handler>> handlers;
    };
    std::vector<Route> routes_;
    Handler not_found_;
};

}  // namespace hover::http
