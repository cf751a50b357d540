// File: http/pages/html.hpp
//
// Server-rendered pages (DESIGN P2): Mustache templates from pages/templates/, embedded at build
// time, rendered as mstch 1.0.2 renders them (mustache.hpp) inside layout.html. `{{x}}` escapes
// & < > " ' / (STACK.md); `{{{x}}}` is raw and used only for HTML this code rendered itself (a
// page body inside the layout). Views are ViewMaps (view.hpp, decision 0018).
//
// Example:
//   ViewMap view{{"name", account.name}};
//   return html_page(layout, "account", std::move(view));
//
// Building views: reserve a ViewList before pushing many items into it, and emplace a nested
// list after the braces of its map rather than writing it inside them: an initializer list
// copies every value it holds, nested lists and maps included.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/context.hpp"
#include "http/pages/view.hpp"
#include "http/request.hpp"

namespace hover::http::pages {

// What the layout shows around every page.
struct Layout {
    std::string title;
    bool signed_in = false;
    bool can_manage_users = false;
    std::string csrf_token;   // for forms in the layout (sign out)
    std::string flash;        // a one-line confirmation ("Saved.")
    int refresh_seconds = 0;  // > 0: the page reloads itself (a progress page; no script needed)
};

Layout layout_for(const RequestContext& context, std::string title);

// Renders template `name` with `view`, inside the layout. `partials` names the templates the
// page includes with {{> name}} (mstch parses every partial given, so only those are passed).
std::string render(const Layout& layout,
                   std::string_view name,
                   const ViewMap& view,
                   std::initializer_list<std::string_view> partials = {});

// A text/html response.
Response html_response(int status, std::string body);
Response html_page(const Layout& layout,
                   std::string_view name,
                   const ViewMap& view,
                   std::initializer_list<std::string_view> partials = {},
                   int status = 200);

// 303 See Other to `location` (a path on this site).
Response redirect(std::string location);

// An error as a page: the user message, and a way back. Never SQL, paths or stack traces.
Response error_page(const Error& error, const RequestContext* context, std::string_view request_id);

// /static/<name>: hover.css, pico.min.css, htmx.min.js; nullopt for anything else.
std::optional<Response> static_file(std::string_view name);

// The OpenAPI document (/api/openapi.json).
std::string_view openapi_document();

// "" for an absent field; the value otherwise.
std::string form_value(const QueryParams& form, std::string_view name);

// A local path safe to redirect to after sign-in ("/accounts/3"); "/" for anything else.
std::string safe_next(std::string_view next);

}  // namespace hover::http::pages
