#include "http/pages/mustache.hpp"

#include <map>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <mstch/mstch.hpp>

#include "support/result_matchers.hpp"

namespace hover::embedded {
const std::vector<std::pair<std::string_view, std::string_view>>& templates();
}  // namespace hover::embedded

namespace hover::http::pages {
namespace {

using ::hover::testing::HasError;
using ::testing::HasSubstr;

// What our renderer gives, and what mstch::render gives, for the same template, view and
// partials.
struct Both {
    std::string ours;
    std::string theirs;
};

// The same view as mstch's nodes.
mstch::node to_mstch(const ViewNode& node) {
    return std::visit(
        [](const auto& v) -> mstch::node {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
                return mstch::node(nullptr);
            } else if constexpr (std::is_same_v<T, ViewMap>) {
                mstch::map out;
                for (const auto& [key, value] : v.entries()) {
                    out.emplace(key, to_mstch(value));
                }
                return out;
            } else if constexpr (std::is_same_v<T, ViewList>) {
                mstch::array out;
                for (const auto& item : v) {
                    out.push_back(to_mstch(item));
                }
                return out;
            } else {
                return mstch::node(v);
            }
        },
        node.value());
}

Both render_both(const std::string& tmpl,
                 const ViewNode& view,
                 const std::map<std::string, std::string>& partials = {}) {
    std::map<std::string, MustacheTemplate, std::less<>> parsed;
    for (const auto& [name, text] : partials) {
        parsed.emplace(name, MustacheTemplate::parse(text).value());
    }
    PartialLookup lookup = [&](std::string_view name) -> const MustacheTemplate* {
        auto it = parsed.find(name);
        return it == parsed.end() ? nullptr : &it->second;
    };
    Both out;
    MustacheTemplate::parse(tmpl).value().render(view, lookup, out.ours);
    out.theirs = mstch::render(tmpl, to_mstch(view), partials);
    return out;
}

#define EXPECT_SAME(...)                       \
    do {                                       \
        Both both_ = render_both(__VA_ARGS__); \
        EXPECT_EQ(both_.ours, both_.theirs);   \
    } while (false)

ViewMap sample_view() {
    return ViewMap{
        {"name", std::string("Dale <b>&</b> 'Rosa' \"/\"")},
        {"count", 3},
        {"zero", 0},
        {"ratio", 2.5},
        {"yes", true},
        {"no", false},
        {"empty", std::string()},
        {"nothing", nullptr},
        {"items", ViewList{ViewMap{{"label", std::string("one")}, {"n", 1}},
                           ViewMap{{"label", std::string("two")}, {"n", 2}}}},
        {"none", ViewList{}},
        {"words", ViewList{std::string("a"), std::string("<b>")}},
        {"nested", ViewMap{{"inner", ViewMap{{"deep", std::string("found")}}},
                           {"label", std::string("outer label")}}},
        {"label", std::string("top label")},
    };
}

// REQ: P2 (pages render exactly as before, faster)
TEST(Mustache, VariablesEscapeAsMstchDoes) {
    EXPECT_SAME("Hi {{name}}!", sample_view());
    EXPECT_SAME("Hi {{{name}}} and {{& name}}!", sample_view());
    EXPECT_SAME(
        "{{count}} {{zero}} {{ratio}} {{yes}} {{no}} [{{empty}}] [{{nothing}}] "
        "[{{missing}}] [{{items}}] [{{nested}}]",
        sample_view());
    EXPECT_SAME("{{  name  }} {{{ name }}}", sample_view());
}

TEST(Mustache, SectionsAndInvertedSections) {
    EXPECT_SAME("{{#items}}<li>{{label}}={{n}} ({{name}})</li>{{/items}}", sample_view());
    EXPECT_SAME("{{#none}}x{{/none}}{{^none}}no items{{/none}}", sample_view());
    EXPECT_SAME("{{#yes}}shown {{count}}{{/yes}}{{#no}}hidden{{/no}}{{^no}}not{{/no}}",
                sample_view());
    EXPECT_SAME("{{#zero}}z{{/zero}}{{^zero}}zero is empty{{/zero}}{{#count}}[{{.}}]{{/count}}",
                sample_view());
    EXPECT_SAME("{{#name}}[{{.}}]{{/name}}{{#empty}}e{{/empty}}{{^empty}}empty{{/empty}}",
                sample_view());
    EXPECT_SAME("{{#nothing}}n{{/nothing}}{{^nothing}}null{{/nothing}}{{^missing}}gone{{/missing}}",
                sample_view());
    EXPECT_SAME("{{#words}}<{{.}}>{{/words}}", sample_view());
    EXPECT_SAME("{{#nested}}{{label}} {{#inner}}{{deep}} {{label}}{{/inner}}{{/nested}} {{label}}",
                sample_view());
    EXPECT_SAME(
        "{{nested.inner.deep}} {{nested.label}} {{nested.missing}} {{#nested.inner}}"
        "{{deep}}{{/nested.inner}}",
        sample_view());
    EXPECT_SAME("{{#items}}{{#yes}}{{label}}{{/yes}}{{/items}}", sample_view());
}

TEST(Mustache, StandaloneLinesLeaveNothingBehind) {
    EXPECT_SAME("<ul>\n{{#items}}\n  <li>{{label}}</li>\n{{/items}}\n</ul>\n", sample_view());
    EXPECT_SAME("a\n  {{#yes}}  \nb\n\t{{/yes}}\t\nc\n{{! a comment }}\nd {{! inline }} e\n",
                sample_view());
    EXPECT_SAME("{{^none}}\nnone\n{{/none}}", sample_view());
    EXPECT_SAME("x {{#yes}}\ny\n{{/yes}} z\n", sample_view());
    EXPECT_SAME("{{#yes}}a{{/yes}}\n{{#no}}b{{/no}}\nend", sample_view());
    EXPECT_SAME("\r\n{{#yes}}\r\nwindows\r\n{{/yes}}\r\n", sample_view());
    EXPECT_SAME("", sample_view());
    EXPECT_SAME("no tags at all\nsecond line", sample_view());
    EXPECT_SAME("{{name}}", sample_view());
    EXPECT_SAME("{{#yes}}\n{{count}}\n{{/yes}}", sample_view());
}

TEST(Mustache, PartialsShareTheView) {
    std::map<std::string, std::string> partials{{"row", "<td>{{label}}</td>\n"},
                                                {"head", "<h1>{{name}}</h1>\n"}};
    EXPECT_SAME("{{> head}}\n<table>\n{{#items}}\n{{> row}}\n{{/items}}\n</table>\n", sample_view(),
                partials);
    EXPECT_SAME("before {{>head}} after {{> missing}}.", sample_view(), partials);
}

// Every page template Hover ships parses (the server parses them once, at its first page).
TEST(Mustache, EveryEmbeddedTemplateParses) {
    ASSERT_GT(hover::embedded::templates().size(), 20u);
    for (const auto& [name, text] : hover::embedded::templates()) {
        auto parsed = MustacheTemplate::parse(text);
        EXPECT_TRUE(parsed) << name << ": " << (parsed ? "" : parsed.error().user_message);
    }
}

TEST(Mustache, MalformedTemplatesAreRefused) {
    EXPECT_THAT(MustacheTemplate::parse("{{#a}}never closed"), HasError(ErrorCode::kInvalidInput));
    EXPECT_THAT(MustacheTemplate::parse("{{#a}}x{{/b}}"), HasError(ErrorCode::kInvalidInput));
    EXPECT_THAT(MustacheTemplate::parse("{{/a}}"), HasError(ErrorCode::kInvalidInput));
    auto delimiters = MustacheTemplate::parse("{{=<% %>=}}");
    ASSERT_FALSE(delimiters);
    EXPECT_THAT(delimiters.error().user_message, HasSubstr("delimiters"));
    EXPECT_TRUE(MustacheTemplate::parse("{{ unclosed tag is text"));
}

}  // namespace
}  // namespace hover::http::pages
