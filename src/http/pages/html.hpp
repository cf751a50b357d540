// File: http/pages/html.hpp
//
// Server-rendered pages (DESIGN P2): mstch templates from pages/templates/, embedded at build
// time, rendered inside layout.html. `{{x}}` escapes & < > " ' / (STACK.md); `{{{x}}}` is raw
// and used only for HTML this code rendered itself (a page body inside the layout).
//
// Example:
//   mstch::map view{{"name", account.name}};
//   return html_page(layout, "account", std::move(view));
//
// Building views: reserve an mstch::array before pushing into it. A map inside a node sits in a
// boost::recursive_wrapper, whose move allocates and is not noexcept, so a growing std::vector
// of nodes copies every map it holds, nested lists and all (a third of a million instructions
// on the account page before its arrays were reserved). For the same reason a nested list is
// emplaced after the braces of its map, not written inside them: an initializer list copies.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <mstch/mstch.hpp>

#include "http/context.hpp"
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
                   const mstch::map& view,
                   std::initializer_list<std::string_view> partials = {});

// A text/html response.
Response html_response(int status, std::string body);
Response html_page(const Layout& layout,
                   std::string_view name,
                   const mstch::map& view,
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
