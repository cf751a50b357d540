#include "http/context.hpp"

#include <sodium.h>

#include "core/text.hpp"
#include "domain/auth/auth_service.hpp"

namespace hover::http {
namespace {

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) {
        return false;
    }
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char a = text[i];
        char b = prefix[i];
        if (a >= 'A' && a <= 'Z') {
            a = static_cast<char>(a - 'A' + 'a');
        }
        if (b >= 'A' && b <= 'Z') {
            b = static_cast<char>(b - 'A' + 'a');
        }
        if (a != b) {
            return false;
        }
    }
    return true;
}

}  // namespace

ContextResolver fixed_actor(Actor actor) {
    return [actor = std::move(actor)](const Request&) -> Result<RequestContext> {
        return RequestContext{.actor = actor};
    };
}

ContextResolver session_resolver(auth::AuthService& auth) {
    return [&auth](const Request& request) -> Result<RequestContext> {
        if (auto authorization = request.header("Authorization")) {
            std::string_view value = trim_blanks(*authorization);
            if (!starts_with_ignoring_case(value, "Bearer ")) {
                return Error{ErrorCode::kUnauthenticated,
                             "Send an API token as: Authorization: Bearer hover_..."};
            }
            Actor actor = HOVER_TRY(auth.actor_for_token(trim_blanks(value.substr(7))));
            return RequestContext{.actor = actor, .auth = AuthKind::kApiToken};
        }
        if (auto token = cookie_value(request, kSessionCookie)) {
            auth::ActiveSession active = HOVER_TRY(auth.session_for_token(*token));
            return RequestContext{.actor = active.actor,
                                  .auth = AuthKind::kSession,
                                  .csrf_token = active.session.csrf_token,
                                  .session_token = *token,
                                  .session_id = active.session.id.value};
        }
        return Error{ErrorCode::kUnauthenticated,
                     "Sign in first, or send an API token (Authorization: Bearer hover_...)."};
    };
}

std::optional<std::string> cookie_value(const Request& request, std::string_view name) {
    for (const auto& [field, value] : request.headers.fields()) {
        if (field.size() != 6 || !starts_with_ignoring_case(field, "cookie")) {
            continue;
        }
        std::string_view rest = value;
        while (!rest.empty()) {
            std::size_t end = rest.find(';');
            std::string_view pair = trim_blanks(rest.substr(0, end));
            rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
            std::size_t eq = pair.find('=');
            if (eq != std::string_view::npos && trim_blanks(pair.substr(0, eq)) == name) {
                std::string_view v = trim_blanks(pair.substr(eq + 1));
                if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
                    v = v.substr(1, v.size() - 2);
                }
                return std::string(v);
            }
        }
    }
    return std::nullopt;
}

bool csrf_matches(const RequestContext& context, std::string_view presented) {
    if (context.auth != AuthKind::kSession) {
        return true;
    }
    if (context.csrf_token.empty() || presented.size() != context.csrf_token.size()) {
        return false;
    }
    return sodium_memcmp(presented.data(), context.csrf_token.data(), presented.size()) == 0;
}

bool changes_state(Method method) {
    return method == Method::kPost || method == Method::kPut || method == Method::kPatch ||
           method == Method::kDelete;
}

bool is_tls(const Request& request) {
    auto proto = request.header("X-Forwarded-Proto");
    return proto && starts_with_ignoring_case(trim_blanks(*proto), "https");
}

std::string base_url(const Request& request) {
    auto host = request.header("Host");
    if (!host) {
        return {};
    }
    std::string_view h = trim_blanks(*host);
    if (h.empty() || h.size() > 255) {
        return {};
    }
    for (char c : h) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
        if (!ok) {
            return {};
        }
    }
    return std::string(is_tls(request) ? "https://" : "http://") + std::string(h);
}

std::string set_cookie(std::string_view name, std::string_view value, bool secure, long max_age) {
    std::string cookie;
    cookie.append(name).append("=").append(value).append("; Path=/; HttpOnly; SameSite=Lax");
    if (max_age >= 0) {
        cookie.append("; Max-Age=").append(std::to_string(max_age));
    }
    if (secure) {
        cookie.append("; Secure");
    }
    return cookie;
}

}  // namespace hover::http
