// File: http/request.hpp
//
// Hover's own HTTP request and response: what routes and handlers see instead of RESTinio's
// types (only server.cpp includes RESTinio). Plain values, so handlers and the router can be
// tested without a socket.
//
// Header names compare case-insensitively; query parameters are percent-decoded ('+' is a
// space) and the first occurrence of a name wins.
//
// Example:
//   Request r;
//   r.method = Method::kGet;
//   r.path = "/api/v1/accounts";
//   r.query = parse_query_string("status=customer&q=Prairie+Feed");
//   r.query_param("q") == "Prairie Feed"
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace hover::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

// "GET", "POST", ...; "OTHER" for kOther.
std::string_view method_name(Method method);
// The method for its upper-case name; kOther for anything else.
Method parse_method(std::string_view name);

// Name/value pairs in arrival order; lookups ignore the case of the name.
class Headers {
public:
    void add(std::string name, std::string value);
    // Replaces every field of that name with one.
    void set(std::string name, std::string value);
    std::optional<std::string_view> get(std::string_view name) const;
    const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }

private:
    std::vector<std::pair<std::string, std::string>> fields_;
};

using QueryParams = std::vector<std::pair<std::string, std::string>>;

struct Request {
    Method method = Method::kGet;
    std::string path;  // as sent, without the query string ("/api/v1/accounts/42")
    QueryParams query;
    Headers headers;
    std::string body;
    std::string request_id;  // set by the pipeline before routing
    std::string peer;        // the client's address, for sign-in throttling

    std::optional<std::string_view> header(std::string_view name) const {
        return headers.get(name);
    }
    std::optional<std::string_view> query_param(std::string_view name) const;
};

struct Response {
    int status = 200;
    Headers headers;
    std::string body;
    std::string content_type = "application/json";
    // For the request log line and metrics only (never sent): the organisation and user the
    // request acted for, and the route pattern that matched.
    std::string log_org;
    std::string log_user;
    std::string log_route;
    std::string log_path;  // logged instead of the path when set (a path holding a secret)
};

// Splits "a=1&b=x+y%21" into {{"a","1"},{"b","x y!"}}. Malformed escapes are kept as typed.
QueryParams parse_query_string(std::string_view query);

// "%2F" -> "/"; with PlusIsSpace::kYes also "+" -> " ". Malformed escapes are kept as typed.
enum class PlusIsSpace { kNo, kYes };
std::string percent_decode(std::string_view text, PlusIsSpace plus);

// Escapes everything but unreserved characters (RFC 3986): for building query strings.
std::string percent_encode(std::string_view text);

// The standard reason phrase for a status code ("Not Found"), or "Unknown".
std::string_view reason_phrase(int status);

// True for "application/json" with or without parameters ("; charset=utf-8"), any case.
bool is_json_content_type(std::optional<std::string_view> content_type);

// The error shape of the API (DESIGN P3):
//   {"error":{"code":"<slug>","message":"...","field":"<when any>","request_id":"..."}}
// error_response(Error) takes the status and slug from error_policy(); the other form is for
// protocol errors that have no ErrorCode (405, 413, 415).
Response error_response(const Error& error, std::string_view request_id);
Response error_response(int status,
                        std::string_view slug,
                        std::string_view message,
                        std::string_view request_id);

// The client's X-Request-Id when it is sane (1-64 characters of [A-Za-z0-9._:-]), else a
// fresh random id (16 hex digits).
std::string choose_request_id(std::optional<std::string_view> client_value);

}  // namespace hover::http
