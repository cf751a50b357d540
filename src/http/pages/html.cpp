#include "http/pages/html.hpp"

#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include "core/log.hpp"
#include "http/pages/mustache.hpp"

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

namespace {

// Every embedded template, parsed once (http/pages/mustache.hpp; decision 0016).
const MustacheTemplate* compiled(std::string_view name) {
    static const std::map<std::string, MustacheTemplate, std::less<>> parsed = [] {
        std::map<std::string, MustacheTemplate, std::less<>> out;
        for (const auto& [file_name, text] : embedded::templates()) {
            auto tmpl = MustacheTemplate::parse(text);
            if (!tmpl) {
                log_event(LogLevel::kError, "template",
                          {{"name", file_name}, {"error", tmpl.error().user_message}});
            }
            HOVER_ASSERT(tmpl);  // a broken template is a bug (mustache_test parses them all)
            out.emplace(std::string(file_name), std::move(tmpl).value());
        }
        return out;
    }();
    auto it = parsed.find(name);
    return it == parsed.end() ? nullptr : &it->second;
}

}  // namespace

std::string render(const Layout& layout,
                   std::string_view name,
                   const ViewMap& view,
                   std::initializer_list<std::string_view> partials) {
    // Only the partials named are rendered (as with mstch, which was given only those).
    PartialLookup lookup = [&partials](std::string_view partial) -> const MustacheTemplate* {
        for (std::string_view allowed : partials) {
            if (allowed == partial) {
                return compiled(partial);
            }
        }
        return nullptr;
    };
    const MustacheTemplate* page = compiled(name);
    HOVER_ASSERT(page != nullptr);
    std::string body;
    body.reserve(16 * 1024);
    page->render(view, lookup, body);
    ViewMap frame{
        {"title", layout.title},
        {"signed_in", layout.signed_in},
        {"can_manage_users", layout.can_manage_users},
        {"csrf_token", layout.csrf_token},
        {"flash", layout.flash},
        {"refresh",
         layout.refresh_seconds > 0 ? std::to_string(layout.refresh_seconds) : std::string()},
    };
    std::string out;
    out.reserve(body.size() + 4096);
    // Moved in after the braces: an initializer list would copy the whole page body.
    frame.emplace("body", std::move(body));
    compiled("layout")->render(frame, lookup, out);
    return out;
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
                   const ViewMap& view,
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
    ViewMap view{{"status", policy.http_status},
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
