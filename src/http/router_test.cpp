#include "http/router.hpp"

#include <stdexcept>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http/pipeline.hpp"
#include "http/request.hpp"

namespace hover::http {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

Request make_request(Method method, std::string path) {
    Request r;
    r.method = method;
    r.path = std::move(path);
    r.request_id = "test-id";
    return r;
}

Response text(std::string body) {
    Response r;
    r.body = std::move(body);
    r.content_type = "text/plain";
    return r;
}

Router sample_router() {
    Router router;
    router.add(Method::kGet, "/api/v1/accounts",
               [](const Request&, const PathParams&) { return text("list"); });
    router.add(Method::kPost, "/api/v1/accounts",
               [](const Request&, const PathParams&) { return text("create"); });
    router.add(Method::kGet, "/api/v1/accounts/{id}", [](const Request&, const PathParams& p) {
        return text("account " + std::to_string(p.id()));
    });
    router.add(Method::kPatch, "/api/v1/accounts/{id}", [](const Request&, const PathParams& p) {
        return text("patch " + std::to_string(p.id()));
    });
    router.add(Method::kGet, "/api/v1/accounts/{id}/sites",
               [](const Request&, const PathParams& p) {
                   return text("sites of " + std::to_string(p.id()));
               });
    router.add(Method::kGet, "/api/v1/orgs/{org}/users/{user}",
               [](const Request&, const PathParams& p) {
                   return text(std::to_string(p.id("org")) + "/" + std::to_string(p.id("user")));
               });
    router.add(Method::kGet, "/boom", [](const Request&, const PathParams&) -> Response {
        throw std::runtime_error("SELECT secret FROM /var/lib/hover.db");
    });
    return router;
}

nlohmann::json error_of(const Response& response) {
    auto body = nlohmann::json::parse(response.body);
    return body.at("error");
}

// REQ: P3
TEST(Router, DispatchesLiteralRoutes) {
    Router router = sample_router();
    EXPECT_EQ(router.dispatch(make_request(Method::kGet, "/api/v1/accounts")).body, "list");
    EXPECT_EQ(router.dispatch(make_request(Method::kPost, "/api/v1/accounts")).body, "create");
}

TEST(Router, ParsesTypedIdSegments) {
    Router router = sample_router();
    EXPECT_EQ(router.dispatch(make_request(Method::kGet, "/api/v1/accounts/42")).body,
              "account 42");
    EXPECT_EQ(router.dispatch(make_request(Method::kPatch, "/api/v1/accounts/7")).body, "patch 7");
    EXPECT_EQ(router.dispatch(make_request(Method::kGet, "/api/v1/accounts/9/sites")).body,
              "sites of 9");
    EXPECT_EQ(
        router.dispatch(make_request(Method::kGet, "/api/v1/accounts/9223372036854775807")).body,
        "account 9223372036854775807");
}

TEST(Router, NamesSeveralParameters) {
    Router router = sample_router();
    EXPECT_EQ(router.dispatch(make_request(Method::kGet, "/api/v1/orgs/3/users/5")).body, "3/5");
    auto m = router.match(Method::kGet, "/api/v1/orgs/3/users/5");
    ASSERT_EQ(m.kind, Router::MatchKind::kFound);
    EXPECT_THAT(m.params.values(), ElementsAre(Pair("org", 3), Pair("user", 5)));
}

TEST(Router, UnknownPathIsNotFoundInTheErrorShape) {
    Router router = sample_router();
    Response r = router.dispatch(make_request(Method::kGet, "/api/v1/nothing"));
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.content_type, "application/json");
    auto error = error_of(r);
    EXPECT_EQ(error.at("code"), "not_found");
    EXPECT_EQ(error.at("request_id"), "test-id");
    EXPECT_FALSE(error.at("message").get<std::string>().empty());
}

TEST(Router, IdsThatAreNotPositiveIntegersAreNotFound) {
    Router router = sample_router();
    for (const char* path : {"/api/v1/accounts/abc", "/api/v1/accounts/0", "/api/v1/accounts/-1",
                             "/api/v1/accounts/+5", "/api/v1/accounts/1.5", "/api/v1/accounts/1e3",
                             "/api/v1/accounts/ 1", "/api/v1/accounts/9223372036854775808",
                             "/api/v1/accounts/99999999999999999999", "/api/v1/accounts/",
                             "/api/v1/accounts/%31", "/api/v1/accounts/0x10"}) {
        SCOPED_TRACE(path);
        EXPECT_EQ(router.dispatch(make_request(Method::kGet, path)).status, 404);
        // Not a 405 either: the path itself is unknown.
        EXPECT_EQ(router.dispatch(make_request(Method::kDelete, path)).status, 404);
    }
}

TEST(Router, TrailingSlashesAndOddPathsAreNotFound) {
    Router router = sample_router();
    for (const char* path : {"/api/v1/accounts/", "/api/v1//accounts", "api/v1/accounts", "",
                             "/api/v1/accounts/1/", "/API/V1/ACCOUNTS", "/api/v1/accounts/1/x"}) {
        SCOPED_TRACE(path);
        EXPECT_EQ(router.dispatch(make_request(Method::kGet, path)).status, 404);
    }
}

TEST(Router, KnownPathWithAnotherMethodIs405WithAllow) {
    Router router = sample_router();
    Response r = router.dispatch(make_request(Method::kDelete, "/api/v1/accounts/5"));
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(r.headers.get("Allow"), "GET, PATCH");
    EXPECT_EQ(error_of(r).at("code"), "method_not_allowed");

    Response put = router.dispatch(make_request(Method::kPut, "/api/v1/accounts"));
    EXPECT_EQ(put.status, 405);
    EXPECT_EQ(put.headers.get("allow"), "GET, POST");

    Response other = router.dispatch(make_request(Method::kOther, "/api/v1/accounts/5/sites"));
    EXPECT_EQ(other.status, 405);
    EXPECT_EQ(other.headers.get("Allow"), "GET");
}

TEST(Router, OptionsListsTheAllowedMethods) {
    Router router = sample_router();
    Response r = router.dispatch(make_request(Method::kOptions, "/api/v1/accounts/5"));
    EXPECT_EQ(r.status, 204);
    EXPECT_EQ(r.headers.get("Allow"), "GET, PATCH");
    EXPECT_TRUE(r.body.empty());
}

TEST(Router, ParsePositiveId) {
    EXPECT_EQ(parse_positive_id("1"), 1);
    EXPECT_EQ(parse_positive_id("007"), 7);
    EXPECT_EQ(parse_positive_id("9223372036854775807"), 9223372036854775807);
    EXPECT_EQ(parse_positive_id("0"), std::nullopt);
    EXPECT_EQ(parse_positive_id(""), std::nullopt);
    EXPECT_EQ(parse_positive_id("-3"), std::nullopt);
    EXPECT_EQ(parse_positive_id("9223372036854775808"), std::nullopt);
    EXPECT_EQ(parse_positive_id("12a"), std::nullopt);
}

TEST(RouterDeathTest, AddingARouteTwiceIsABug) {
    Router router = sample_router();
    EXPECT_DEATH(router.add(Method::kGet, "/api/v1/accounts",
                            [](const Request&, const PathParams&) { return text("again"); }),
                 "assertion failed");
}

TEST(Request, QueryStringIsPercentDecoded) {
    auto q = parse_query_string("q=Prairie+Feed%20%26+Seed&page=2&&empty=&flag&bad=%zz%4");
    EXPECT_THAT(q, ElementsAre(Pair("q", "Prairie Feed & Seed"), Pair("page", "2"),
                               Pair("empty", ""), Pair("flag", ""), Pair("bad", "%zz%4")));
    Request r;
    r.query = parse_query_string("a=1&a=2");
    EXPECT_EQ(r.query_param("a"), "1");
    EXPECT_EQ(r.query_param("b"), std::nullopt);
}

TEST(Request, HeadersIgnoreCase) {
    Headers h;
    h.add("Content-Type", "application/json");
    EXPECT_EQ(h.get("content-type"), "application/json");
    h.set("CONTENT-TYPE", "text/plain");
    EXPECT_EQ(h.fields().size(), 1u);
    EXPECT_EQ(h.get("Content-Type"), "text/plain");
}

TEST(Request, JsonContentType) {
    EXPECT_TRUE(is_json_content_type("application/json"));
    EXPECT_TRUE(is_json_content_type("Application/JSON; charset=utf-8"));
    EXPECT_FALSE(is_json_content_type(std::nullopt));
    EXPECT_FALSE(is_json_content_type("text/plain"));
    EXPECT_FALSE(is_json_content_type("application/x-www-form-urlencoded"));
    EXPECT_FALSE(is_json_content_type("application/jsonp"));
}

TEST(Request, ErrorShapeNamesTheField) {
    Response r = error_response(Error::invalid("phones[0].number", "Not a phone number."), "r1");
    EXPECT_EQ(r.status, 422);
    auto error = error_of(r);
    EXPECT_EQ(error.at("code"), "invalid_input");
    EXPECT_EQ(error.at("message"), "Not a phone number.");
    EXPECT_EQ(error.at("field"), "phones[0].number");
    EXPECT_EQ(error.at("request_id"), "r1");

    Response missing = error_response(Error::not_found("account"), "r2");
    EXPECT_EQ(missing.status, 404);
    EXPECT_FALSE(error_of(missing).contains("field"));
}

TEST(Request, ErrorMessagesWithInvalidUtf8StillRender) {
    Response r = error_response(Error::invalid("status", "\"\xff\" is not a valid value."), "r4");
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(error_of(r).at("field"), "status");
}

TEST(Request, InternalErrorsNeverShowTheirDetail) {
    Response r = error_response(Error::internal("SELECT * FROM accounts: disk I/O error"), "r3");
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(error_of(r).at("code"), "internal");
    EXPECT_EQ(r.body.find("SELECT"), std::string::npos);
}

TEST(Request, RequestIdKeepsSaneClientValuesOnly) {
    EXPECT_EQ(choose_request_id("abc-123_X.y:z"), "abc-123_X.y:z");
    const std::string too_long(65, 'a');
    for (std::optional<std::string_view> bad :
         {std::optional<std::string_view>{}, std::optional<std::string_view>{""},
          std::optional<std::string_view>{"has space"},
          std::optional<std::string_view>{"new\nline"},
          std::optional<std::string_view>{too_long}}) {
        std::string id = choose_request_id(bad);
        EXPECT_EQ(id.size(), 16u);
        EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
    }
    EXPECT_NE(choose_request_id(std::nullopt), choose_request_id(std::nullopt));
}

TEST(Pipeline, SetsTheRequestIdOnEveryResponse) {
    Router router = sample_router();
    Request with = make_request(Method::kGet, "/api/v1/accounts");
    with.headers.add("X-Request-Id", "client-chosen-1");
    Response r = handle_request(router, with);
    EXPECT_EQ(r.headers.get("X-Request-Id"), "client-chosen-1");

    Request without = make_request(Method::kGet, "/nowhere");
    Response missing = handle_request(router, without);
    EXPECT_EQ(missing.status, 404);
    auto id = missing.headers.get("X-Request-Id");
    ASSERT_TRUE(id.has_value());
    EXPECT_EQ(id->size(), 16u);
    EXPECT_EQ(error_of(missing).at("request_id"), std::string(*id));
}

TEST(Pipeline, BodiesOverOneMebibyteAre413) {
    Router router = sample_router();
    Request big = make_request(Method::kPost, "/api/v1/accounts");
    big.body.assign(kMaxBodyBytes + 1, 'x');
    Response r = handle_request(router, big);
    EXPECT_EQ(r.status, 413);
    EXPECT_EQ(error_of(r).at("code"), "payload_too_large");

    Request fits = make_request(Method::kPost, "/api/v1/accounts");
    fits.body.assign(kMaxBodyBytes, 'x');
    EXPECT_EQ(handle_request(router, fits).body, "create");
}

TEST(Pipeline, EscapingExceptionsBecomeAnInternalErrorWithoutDetail) {
    Router router = sample_router();
    Request r = make_request(Method::kGet, "/boom");
    Response response = handle_request(router, r);
    EXPECT_EQ(response.status, 500);
    EXPECT_EQ(error_of(response).at("code"), "internal");
    EXPECT_EQ(response.body.find("SELECT"), std::string::npos);
    EXPECT_EQ(response.body.find("/var/lib"), std::string::npos);
    EXPECT_TRUE(response.headers.get("X-Request-Id").has_value());
}

// A secret segment matches URL-safe text, hands it to the handler, and keeps it out of the log.
TEST(Router, SecretSegmentsAreTextAndTheLogGetsThePattern) {
    Router router;
    router.add(Method::kGet, "/calendar/{feed:secret}",
               [](const Request&, const PathParams& p) { return text(p.text("feed")); });
    Response r = router.dispatch(make_request(Method::kGet, "/calendar/hcal_Ab-9_x.ics"));
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "hcal_Ab-9_x.ics");
    EXPECT_EQ(r.log_route, "/calendar/{feed:secret}");
    EXPECT_EQ(r.log_path, "/calendar/{feed:secret}");
    EXPECT_EQ(router.dispatch(make_request(Method::kGet, "/calendar/a%20b")).status, 404);
    EXPECT_EQ(router.dispatch(make_request(Method::kGet, "/calendar/")).status, 404);
    EXPECT_EQ(
        router.dispatch(make_request(Method::kGet, "/calendar/" + std::string(201, 'a'))).status,
        404);
    Response wrong_method = router.dispatch(make_request(Method::kPost, "/calendar/x.ics"));
    EXPECT_EQ(wrong_method.status, 405);
    EXPECT_EQ(wrong_method.log_path, "/calendar/{feed:secret}");
}

}  // namespace
}  // namespace hover::http
