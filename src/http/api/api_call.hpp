// File: http/api/api_call.hpp
//
// ApiCall: what a JSON API handler gets (the request, its typed path parameters and the
// RequestContext with the Actor), and the small helpers every handler uses. Handlers return
// Result<Response>: an Error becomes the API error shape in routes.cpp (error_response), so a
// handler reads as straight-line code with HOVER_TRY.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "domain/records/record.hpp"
#include "http/context.hpp"
#include "http/request.hpp"
#include "http/router.hpp"
#include "io/json/json_writer.hpp"

namespace hover::http {

struct ApiCall {
    const Request& request;
    const PathParams& params;
    const RequestContext& context;

    const Actor& actor() const { return context.actor; }
    std::int64_t id(std::string_view name = "id") const { return params.id(name); }
};

// A JSON response with `status`.
Response json_response(int status, const nlohmann::json& body);

// The same from JSON already written as text (io::to_json_text).
Response json_response(int status, io::JsonText body);

// 201 Created with a Location header.
Response created_response(std::string location, const nlohmann::json& body);
Response created_response(std::string location, io::JsonText body);

// ?page=&per_page=: page 1..1000000 (default 1), per_page 1..500 (default 50); kInvalidInput
// naming the parameter otherwise.
Result<records::Page> page_from_query(const Request& request);

// An optional positive id from the query string; kInvalidInput naming `name` when malformed.
Result<std::optional<std::int64_t>> id_from_query(const Request& request, std::string_view name);

// An optional whole number in [min, max] from the query string.
Result<std::optional<int>> int_from_query(const Request& request,
                                          std::string_view name,
                                          int min,
                                          int max);

// The body as a JSON object (kInvalidInput otherwise). The content type was checked by the
// route adapter (415).
Result<nlohmann::json> json_object_body(const Request& request);

// {"items":[...]}, and the paged form {"items":[...],"page":1,"per_page":50,"total":N}.
template <typename T>
nlohmann::json items_json(const std::vector<T>& items);
template <typename T>
nlohmann::json page_json(const records::PageOf<T>& page, const records::Page& requested);

}  // namespace hover::http

#include "io/json/records_json.hpp"

namespace hover::http {

template <typename T>
nlohmann::json items_json(const std::vector<T>& items) {
    nlohmann::json array = nlohmann::json::array();
    for (const auto& item : items) {
        array.push_back(io::to_json(item));
    }
    return nlohmann::json{{"items", std::move(array)}};
}

template <typename T>
nlohmann::json page_json(const records::PageOf<T>& page, const records::Page& requested) {
    nlohmann::json body = items_json(page.items);
    body["page"] = requested.number;
    body["per_page"] = requested.size;
    body["total"] = page.total;
    return body;
}

}  // namespace hover::http
