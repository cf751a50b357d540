// File: http/context.hpp
//
// RequestContext: who a request acts for. Handlers never decide that themselves: they take the
// Actor from the context, which one function fills per request (a ContextResolver).
//
// session_resolver() is the one the server uses (DESIGN P4):
//   - `Authorization: Bearer hover_...` is an API token (scripts). A malformed or revoked token
//     is kUnauthenticated; a cookie is not consulted then.
//   - otherwise the `hover_session` cookie is a browser session. State-changing requests of a
//     session must present its CSRF token (form field `csrf_token`, or header X-CSRF-Token for
//     htmx and API calls): see csrf_matches().
//   - neither: kUnauthenticated. The API answers 401; pages redirect to /login.
// fixed_actor() acts as one actor without credentials, for tests of handlers.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "http/request.hpp"

namespace hover::auth {
class AuthService;
}

namespace hover::http {

inline constexpr std::string_view kSessionCookie = "hover_session";
// The sign-in form's CSRF token lives in this cookie before a session exists (double submit).
inline constexpr std::string_view kLoginCsrfCookie = "hover_login_csrf";

enum class AuthKind { kFixed, kSession, kApiToken };

struct RequestContext {
    Actor actor;
    AuthKind auth = AuthKind::kFixed;
    std::string csrf_token;     // the session's, for forms; empty unless auth == kSession
    std::string session_token;  // the cookie value, for sign-out and password change
    std::int64_t session_id = 0;
};

using ContextResolver = std::function<Result<RequestContext>(const Request&)>;

// Every request acts as `actor`.
ContextResolver fixed_actor(Actor actor);

// Sessions and API tokens through `auth`, which must outlive the resolver.
ContextResolver session_resolver(auth::AuthService& auth);

// The value of cookie `name` from the Cookie header(s), if present.
std::optional<std::string> cookie_value(const Request& request, std::string_view name);

// True when `presented` equals the context's CSRF token (constant-time), or when the context
// needs none (API tokens and fixed actors are not sent by browsers on their own).
bool csrf_matches(const RequestContext& context, std::string_view presented);

// True for methods that change state (POST, PUT, PATCH, DELETE).
bool changes_state(Method method);

// Whether the client reached us over TLS (directly or through a proxy that says so with
// X-Forwarded-Proto: https): cookies are then marked Secure.
bool is_tls(const Request& request);

// "https://hover.example.com" from the request (the scheme by is_tls, the Host header), for
// addresses Hover hands out (the calendar feed). Empty when the Host header is missing or holds
// anything but a host name or address and a port.
std::string base_url(const Request& request);

// A Set-Cookie value: HttpOnly, SameSite=Lax, Path=/, Secure when `secure`. `max_age` < 0 omits
// Max-Age (a browser-session cookie); 0 deletes the cookie.
std::string set_cookie(std::string_view name, std::string_view value, bool secure, long max_age);

}  // namespace hover::http
