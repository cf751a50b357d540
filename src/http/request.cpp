#include "http/request.hpp"

#include <array>
#include <cstdio>
#include <random>
#include <thread>

#include <nlohmann/json.hpp>

namespace hover::http {
namespace {

char ascii_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (ascii_lower(a[i]) != ascii_lower(b[i])) {
            return false;
        }
    }
    return true;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

constexpr std::array<std::pair<Method, std::string_view>, 7> kMethodNames{{
    {Method::kGet, "GET"},
    {Method::kHead, "HEAD"},
    {Method::kPost, "POST"},
    {Method::kPut, "PUT"},
    {Method::kPatch, "PATCH"},
    {Method::kDelete, "DELETE"},
    {Method::kOptions, "OPTIONS"},
}};

}  // namespace

std::string_view method_name(Method method) {
    for (const auto& [m, name] : kMethodNames) {
        if (m == method) {
            return name;
        }
    }
    return "OTHER";
}

Method parse_method(std::string_view name) {
    for (const auto& [m, n] : kMethodNames) {
        if (n == name) {
            return m;
        }
    }
    return Method::kOther;
}

void Headers::add(std::string name, std::string value) {
    fields_.emplace_back(std::move(name), std::move(value));
}

void Headers::set(std::string name, std::string value) {
    std::erase_if(fields_, [&](const auto& f) { return iequals(f.first, name); });
    add(std::move(name), std::move(value));
}

std::optional<std::string_view> Headers::get(std::string_view name) const {
    for (const auto& [n, v] : fields_) {
        if (iequals(n, name)) {
            return std::string_view(v);
        }
    }
    return std::nullopt;
}

std::optional<std::string_view> Request::query_param(std::string_view name) const {
    for (const auto& [n, v] : query) {
        if (n == name) {
            return std::string_view(v);
        }
    }
    return std::nullopt;
}

std::string percent_decode(std::string_view text, PlusIsSpace plus) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%' && i + 2 < text.size()) {
            int hi = hex_value(text[i + 1]);
            int lo = hex_value(text[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        if (c == '+' && plus == PlusIsSpace::kYes) {
            out += ' ';
            continue;
        }
        out += c;
    }
    return out;
}

QueryParams parse_query_string(std::string_view query) {
    QueryParams params;
    while (!query.empty()) {
        auto amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (pair.empty()) {
            continue;
        }
        auto eq = pair.find('=');
        std::string_view name = pair.substr(0, eq);
        std::string_view value =
            eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
        params.emplace_back(percent_decode(name, PlusIsSpace::kYes),
                            percent_decode(value, PlusIsSpace::kYes));
    }
    return params;
}

std::string percent_encode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') ||
            u == '-' || u == '.' || u == '_' || u == '~') {
            out.push_back(c);
        } else {
            out.push_back('%');
            out.push_back(kHex[u >> 4]);
            out.push_back(kHex[u & 15]);
        }
    }
    return out;
}

std::string_view reason_phrase(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 204:
            return "No Content";
        case 303:
            return "See Other";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 409:
            return "Conflict";
        case 413:
            return "Payload Too Large";
        case 415:
            return "Unsupported Media Type";
        case 422:
            return "Unprocessable Entity";
        case 500:
            return "Internal Server Error";
        case 503:
            return "Service Unavailable";
        default:
            return "Unknown";
    }
}

bool is_json_content_type(std::optional<std::string_view> content_type) {
    if (!content_type) {
        return false;
    }
    std::string_view media = content_type->substr(0, content_type->find(';'));
    while (!media.empty() && (media.back() == ' ' || media.back() == '\t')) {
        media.remove_suffix(1);
    }
    while (!media.empty() && (media.front() == ' ' || media.front() == '\t')) {
        media.remove_prefix(1);
    }
    return iequals(media, "application/json");
}

// Error messages may quote what the user sent (a query parameter is not checked for UTF-8), so
// invalid bytes are replaced instead of making dump() throw.
Response error_response(int status,
                        std::string_view slug,
                        std::string_view message,
                        std::string_view request_id) {
    nlohmann::json error = {{"code", slug}, {"message", message}, {"request_id", request_id}};
    Response response;
    response.status = status;
    response.body = nlohmann::json{{"error", std::move(error)}}.dump(
        -1, ' ', false, nlohmann::json::error_handler_t::replace);
    return response;
}

Response error_response(const Error& error, std::string_view request_id) {
    const ErrorPolicy& policy = error_policy(error.code);
    std::string_view message = error.user_message;
    if (message.empty()) {
        // A service forgot its user message: say something true and generic, never the detail.
        message = "The request could not be completed.";
    }
    nlohmann::json body = {{"code", policy.slug}, {"message", message}};
    if (!error.field.empty()) {
        body["field"] = error.field;
    }
    body["request_id"] = request_id;
    Response response;
    response.status = policy.http_status;
    response.body = nlohmann::json{{"error", std::move(body)}}.dump(
        -1, ' ', false, nlohmann::json::error_handler_t::replace);
    return response;
}

std::string choose_request_id(std::optional<std::string_view> client_value) {
    if (client_value && !client_value->empty() && client_value->size() <= 64) {
        bool sane = true;
        for (char c : *client_value) {
            bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '_' || c == ':' || c == '-';
            if (!ok) {
                sane = false;
                break;
            }
        }
        if (sane) {
            return std::string(*client_value);
        }
    }
    thread_local std::mt19937_64 engine{[] {
        std::random_device device;
        std::seed_seq seq{
            device(), device(), device(), device(),
            static_cast<unsigned>(std::hash<std::thread::id>{}(std::this_thread::get_id()))};
        return std::mt19937_64(seq);
    }()};
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(engine()));
    return std::string(buffer, 16);
}

}  // namespace hover::http
