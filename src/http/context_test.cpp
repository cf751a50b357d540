#include "http/context.hpp"

#include <gtest/gtest.h>

namespace hover::http {
namespace {

Request with_cookie(std::string cookie) {
    Request request;
    request.headers.add("Cookie", std::move(cookie));
    return request;
}

// REQ: P4
TEST(Cookies, FindsOneCookieAmongSeveral) {
    Request request = with_cookie("theme=dark; hover_session=abc123 ; other=\"q\"");
    EXPECT_EQ(cookie_value(request, "hover_session"), "abc123");
    EXPECT_EQ(cookie_value(request, "other"), "q");
    EXPECT_EQ(cookie_value(request, "hover"), std::nullopt);
    EXPECT_EQ(cookie_value(Request{}, "hover_session"), std::nullopt);
}

// REQ: P4
TEST(Cookies, SessionCookiesAreHttpOnlyLaxAndSecureOverTls) {
    std::string plain = set_cookie("hover_session", "t", false, 60);
    EXPECT_EQ(plain, "hover_session=t; Path=/; HttpOnly; SameSite=Lax; Max-Age=60");
    std::string tls = set_cookie("hover_session", "t", true, -1);
    EXPECT_EQ(tls, "hover_session=t; Path=/; HttpOnly; SameSite=Lax; Secure");
    Request proxied;
    proxied.headers.add("X-Forwarded-Proto", "https");
    EXPECT_TRUE(is_tls(proxied));
    EXPECT_FALSE(is_tls(Request{}));
}

// REQ: P4
TEST(Csrf, SessionsNeedTheirOwnTokenOthersNeedNone) {
    RequestContext session{.auth = AuthKind::kSession, .csrf_token = "0123456789abcdef"};
    EXPECT_TRUE(csrf_matches(session, "0123456789abcdef"));
    EXPECT_FALSE(csrf_matches(session, "0123456789abcdeX"));
    EXPECT_FALSE(csrf_matches(session, ""));
    EXPECT_FALSE(csrf_matches(session, "0123456789abcdef0"));
    RequestContext empty_token{.auth = AuthKind::kSession};
    EXPECT_FALSE(csrf_matches(empty_token, ""));
    EXPECT_TRUE(csrf_matches(RequestContext{.auth = AuthKind::kApiToken}, ""));
    EXPECT_TRUE(changes_state(Method::kPost));
    EXPECT_TRUE(changes_state(Method::kPatch));
    EXPECT_FALSE(changes_state(Method::kGet));
}

}  // namespace
}  // namespace hover::http
