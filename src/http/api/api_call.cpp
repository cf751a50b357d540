#include "http/api/api_call.hpp"

#include <charconv>

#include "io/json/records_json.hpp"

namespace hover::http {
namespace {

// Digits only (an optional leading '-'), fitting in int64.
std::optional<std::int64_t> parse_integer(std::string_view text) {
    if (text.empty() || text.size() > 20) {
        return std::nullopt;
    }
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

}  // namespace

Response json_response(int status, const nlohmann::json& body) {
    Response response;
    response.status = status;
    response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return response;
}

Response json_response(int status, io::JsonText body) {
    Response response;
    response.status = status;
    response.body = std::move(body.text);
    return response;
}

Response created_response(std::string location, const nlohmann::json& body) {
    Response response = json_response(201, body);
    response.headers.set("Location", std::move(location));
    return response;
}

Response created_response(std::string location, io::JsonText body) {
    Response response = json_response(201, std::move(body));
    response.headers.set("Location", std::move(location));
    return response;
}

Result<std::optional<int>> int_from_query(const Request& request,
                                          std::string_view name,
                                          int min,
                                          int max) {
    auto text = request.query_param(name);
    if (!text || text->empty()) {
        return std::optional<int>{};
    }
    auto value = parse_integer(*text);
    if (!value || *value < min || *value > max) {
        return Error::invalid(std::string(name),
                              std::string(name) + " must be a whole number from " +
                                  std::to_string(min) + " to " + std::to_string(max) + ".");
    }
    return std::optional<int>{static_cast<int>(*value)};
}

Result<std::optional<std::int64_t>> id_from_query(const Request& request, std::string_view name) {
    auto text = request.query_param(name);
    if (!text || text->empty()) {
        return std::optional<std::int64_t>{};
    }
    auto value = parse_positive_id(*text);
    if (!value) {
        return Error::invalid(std::string(name),
                              std::string(name) + " must be a positive whole number (an id).");
    }
    return std::optional<std::int64_t>{*value};
}

Result<records::Page> page_from_query(const Request& request) {
    records::Page page;
    auto number = HOVER_TRY(int_from_query(request, "page", 1, 1'000'000));
    auto size = HOVER_TRY(int_from_query(request, "per_page", 1, 500));
    if (number) {
        page.number = *number;
    }
    if (size) {
        page.size = *size;
    }
    return page;
}

Result<nlohmann::json> json_object_body(const Request& request) {
    nlohmann::json body = HOVER_TRY(io::parse_json_body(request.body));
    if (!body.is_object()) {
        return Error::invalid("body", "The request body must be a JSON object ({...}).");
    }
    return body;
}

}  // namespace hover::http
