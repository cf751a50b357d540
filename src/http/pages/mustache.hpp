// File: http/pages/mustache.hpp
//
// The page templates' renderer: Mustache templates parsed once, rendered over a ViewNode view
// (view.hpp, decision 0018). It renders what mstch 1.0.2 renders for the
// features Hover's templates use, byte for byte (mustache_test.cpp compares the two):
//   {{name}} escaped as mstch escapes (& ' " < > /), {{{name}}} and {{&name}} as they are;
//   {{#name}}...{{/name}} once for a true value, a map or a non-empty string or number, once per
//   item of a list; {{^name}}...{{/name}} when the value is missing, false, 0, "" or an empty
//   list; {{> partial}}; {{! comments}}; "a.b" names and "." for the current item;
//   a line holding only section, comment or partial tags (and white space) leaves no line behind.
// Not supported (refused by parse): delimiter changes ({{=<% %>=}}), mstch lambdas and objects.
//
// Why not mstch::render: it parses the template and every partial on each call and copies the
// view's maps for every section it enters; that was 46 % of the account page (docs/benchmarks.md,
// issue 3; decision 0016). Here the templates are parsed once and the view is only pointed to.
// mstch itself is only linked into that test, as the reference.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "http/pages/view.hpp"

namespace hover::http::pages {

class MustacheTemplate;

// The template of a partial by name; nullptr renders nothing (as mstch does).
using PartialLookup = std::function<const MustacheTemplate*(std::string_view name)>;

class MustacheTemplate {
public:
    struct Node;  // a text, variable, section or partial (mustache.cpp)

    // kInvalidInput naming the problem: an unclosed or mismatched section, a delimiter change.
    static Result<MustacheTemplate> parse(std::string_view text);

    MustacheTemplate(MustacheTemplate&&) noexcept;
    MustacheTemplate& operator=(MustacheTemplate&&) noexcept;
    ~MustacheTemplate();

    // Appends the rendering of the template over `view` to `out`. A page's view is a map: the
    // map overload reads it where it is (an ViewNode made from it would be a deep copy).
    void render(const ViewMap& view, const PartialLookup& partials, std::string& out) const;
    void render(const ViewNode& view, const PartialLookup& partials, std::string& out) const;

    // The parsed template (for the renderer of a partial).
    const std::vector<Node>& nodes() const { return *nodes_; }

private:
    MustacheTemplate();
    std::unique_ptr<std::vector<Node>> nodes_;
};

}  // namespace hover::http::pages
