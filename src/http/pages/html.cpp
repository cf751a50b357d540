#include "http/pages/html.hpp"

#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include "core/log.hpp"

namespace hover::embedded {
const std::vector<std::pair<std::string_view, std::string_view>>& templates();
const std::vector<std::pair<std::string_view, std::string_view>>& static_files();
}  // namespace hover::embedded

namespace hover::http::pages {
namespace {

std::string_view find(const std::vector<std::pair<std::string_view, std::string_view>>& files,
                      std::string_view name) {
    for (const auto& [file_name, text] : files) {
        if (file_name == name) {
            return text;
        }
    }
    return {};
}

const std::string& template_text(std::string_view name) {
    // Copied once into std::strings, the type mstch takes.
    static const std::map<std::string, std::string, std::less<>> texts = [] {
        std::map<std::string, std::string, std::less<>> out;
        for (const auto& [file_name, text] : embedded::templates()) {
            out.emplace(std::string(file_name), std::string(text));
        }
        return out;
    }();
    auto it = texts.find(name);
    HOVER_ASSERT(it != texts.end());
    return it->second;
}

}  // namespace

Layout layout_for(const RequestContext& context, std::string title) {
    Layout layout;
    layout.title = std::move(title);
    layout.signed_in = context.actor.user_id.value != 0;
    layout.can_manage_users =
        context.actor.role == Role::kAdmin || context.actor.role == Role::kManager;
    layout.csrf_token = context.csrf_token;
    return layout;
}

std::string render(const Layout& layout,
                   std::string_view name,
                   const mstch::map& view,
                   std::initializer_list<std::string_view> partials) {
    std::map<std::string, std::string> partial_texts;
    for (std::string_view partial : partials) {
        partial_texts.emplace(std::string(partial), template_text(partial));
    }
    std::string body = mstch::render(template_text(name), view, partial_texts);
    mstch::map frame{
        {"title", layout.title},
        {"signed_in", layout.signed_in},
        {"can_manage_users", layout.can_manage_users},
        {"csrf_token", layout.csrf_token},
        {"flash", layout.flash},
        {"refresh", layout.refresh_seconds > 0 ? std::to_string(layout.refresh_seconds)
                                               : std::string()},
        {"body", std::move(body)},
    };
    return mstch::render(template_text("layout"), frame);
}

Response html_response(int status, std::string body) {
    Response response;
    response.status = status;
    response.content_type = "text/html; charset=utf-8";
    response.body = std::move(body);
    return response;
}

Response html_page(const Layout& layout,
                   std::string_view name,
                   const mstch::map& view,
                   std::initializer_list<std::string_view> partials,
                   int status) {
    return html_response(status, render(layout, name, view, partials));
}

Response redirect(std::string location) {
    Response response;
    response.status = 303;
    response.content_type.clear();
    response.headers.set("Location", std::move(location));
    return response;
}

Response error_page(const Error& error,
                    const RequestContext* context,
                    std::string_view request_id) {
    const ErrorPolicy& policy = error_policy(error.code);
    if (policy.http_status >= 500) {
        log_error(error, request_id);
    }
    Layout layout =
        context != nullptr ? layout_for(*context, "Problem") : Layout{.title = "Problem"};
    std::string message = error.user_message;
    if (error.code == ErrorCode::kNotFound) {
        message = "There is nothing here, or it belongs to another organisation.";
    }
    mstch::map view{{"status", policy.http_status},
                    {"is_404", policy.http_status == 404},
                    {"message", message},
                    {"request_id", std::string(request_id)}};
    return html_page(layout, "error", view, {}, policy.http_status);
}

std::optional<Response> static_file(std::string_view name) {
    std::string_view text = find(embedded::static_files(), name);
    if (text.empty() || name == "openapi.json") {
        return std::nullopt;
    }
    Response response;
    response.body = std::string(text);
    response.content_type =
        name.ends_with(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
    response.headers.set("Cache-Control", "public, max-age=86400");
    return response;
}

std::string_view openapi_document() {
    return find(embedded::static_files(), "openapi.json");
}

std::string form_value(const QueryParams& form, std::string_view name) {
    for (const auto& [key, value] : form) {
        if (key == name) {
            return value;
        }
    }
    return {};
}

std::string safe_next(std::string_view next) {
    // Only a path of this site: "/x", never "//host" or "/\host" (browsers treat both as hosts).
    if (next.size() < 1 || next.front() != '/' ||
        (next.size() > 1 && (next[1] == '/' || next[1] == '\\'))) {
        return "/";
    }
    for (char c : next) {
        if (static_cast<unsigned char>(c) < 0x20) {
            return "/";
        }
    }
    return std::string(next);
}

}  // namespace hover::http::pages
