#include "domain/auth/auth_service.hpp"

#include <algorithm>
#include <utility>
#include <variant>

#include <fmt/format.h>

namespace hover::auth {
namespace {

constexpr std::size_t kTokenNameMax = 100;
constexpr int kMaxAccountsPerEmail = 10;

// Runs `body` in one store transaction and hands back its value.
template <typename T, typename F>
Result<T> in_transaction(AuthStore& store, F&& body) {
    std::optional<T> value;
    HOVER_TRY(store.transaction([&]() -> Result<Ok> {
        value = HOVER_TRY(body());
        return Ok{};
    }));
    return std::move(*value);
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::string trimmed_lower(std::string_view s) {
    while (!s.empty() && is_space(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && is_space(s.back())) {
        s.remove_suffix(1);
    }
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

std::size_t utf8_length(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
    }));
}

Error unauthenticated(std::string message, std::string detail) {
    Error e;
    e.code = ErrorCode::kUnauthenticated;
    e.user_message = std::move(message);
    e.detail = std::move(detail);
    return e;
}

Error bad_sign_in(std::string detail) {
    // One message for every failure, so that a sign-in form does not tell who has an account.
    return unauthenticated("The email or password is wrong.", std::move(detail));
}

Error permission_denied(std::string message, std::string detail) {
    Error e;
    e.code = ErrorCode::kPermissionDenied;
    e.user_message = std::move(message);
    e.detail = std::move(detail);
    return e;
}

Actor actor_of(const Credential& c) {
    Actor actor;
    actor.org_id = c.org_id;
    actor.user_id = c.user_id;
    actor.role = c.role;
    actor.phone_region = c.phone_region.empty() ? std::string("US") : c.phone_region;
    return actor;
}

bool manages_users(Role role) {
    return role == Role::kAdmin || role == Role::kManager;
}

// When `failures` (oldest first) reach `limit` within the window, the time the oldest counted
// one leaves the window; otherwise nothing.
std::optional<Timestamp> blocked_until(const std::vector<Timestamp>& failures,
                                       int limit,
                                       std::chrono::seconds window) {
    if (limit <= 0 || failures.size() < static_cast<std::size_t>(limit)) {
        return std::nullopt;
    }
    // Once failures.size() - limit + 1 of them have aged out, fewer than `limit` remain.
    return failures[failures.size() - static_cast<std::size_t>(limit)] + window;
}

}  // namespace

// ---- Users and passwords -----------------------------------------------------------------------

Result<Ok> AuthService::check_password(std::string_view password, std::string_view email) const {
    std::size_t length = utf8_length(password);
    if (length < kMinPasswordLength) {
        return Error::invalid("password",
                              fmt::format("The password is too short ({} characters). Use at "
                                          "least {} characters; a few words make a good one.",
                                          length, kMinPasswordLength));
    }
    if (password.size() > kMaxPasswordBytes) {
        return Error::invalid(
            "password",
            fmt::format("The password is too long. Use at most {} characters.", kMaxPasswordBytes));
    }
    if (!email.empty() && trimmed_lower(password) == trimmed_lower(email)) {
        return Error::invalid("password",
                              "The password cannot be your email address. Choose another one.");
    }
    return Ok{};
}

Result<Ok> AuthService::check_may_manage(const Actor& actor, Role target_role) const {
    if (!manages_users(actor.role)) {
        return permission_denied("Only an admin or a manager can manage users.",
                                 "technician tried to manage users");
    }
    if (actor.role == Role::kManager && target_role == Role::kAdmin) {
        return permission_denied("Only an admin can add an admin or set an admin's password.",
                                 "manager tried to manage an admin");
    }
    return Ok{};
}

Result<Credential> AuthService::credential_in_org(const Actor& actor, UserId user) {
    return store_.find_credential(actor.org_id, user);
}

Result<records::User> AuthService::add_user(const Actor& actor,
                                            std::string_view email,
                                            std::string_view display_name,
                                            Role role,
                                            std::string_view password) {
    forget_verified();
    HOVER_TRY(check_may_manage(actor, role));
    HOVER_TRY(check_password(password, email));
    std::string hash = HOVER_TRY(hash_password(password, options_.hash_cost));
    return in_transaction<records::User>(store_, [&]() -> Result<records::User> {
        records::User user;
        user.email = std::string(email);
        user.display_name = std::string(display_name);
        user.role = role;
        // RecordService validates the email and name and checks that the email is free.
        user = HOVER_TRY(records_.create_user(actor.org_id, user));
        HOVER_TRY(store_.set_password_hash(actor.org_id, user.id, hash));
        return user;
    });
}

Result<std::vector<UserAccount>> AuthService::list_users(const Actor& actor) {
    return in_transaction<std::vector<UserAccount>>(
        store_, [&]() -> Result<std::vector<UserAccount>> {
            std::vector<UserAccount> out;
            for (auto& c : HOVER_TRY(store_.list_credentials(actor.org_id))) {
                UserAccount account;
                account.user.id = c.user_id;
                account.user.org_id = c.org_id;
                account.user.email = c.email;
                account.user.display_name = c.display_name;
                account.user.role = c.role;
                account.has_password = c.password_hash.has_value();
                out.push_back(std::move(account));
            }
            return out;
        });
}

Result<records::User> AuthService::find_user(const Actor& actor, std::string_view email) {
    std::string key = trimmed_lower(email);
    auto found = HOVER_TRY(store_.find_credentials_by_email(key));
    for (const auto& c : found) {
        if (c.org_id == actor.org_id) {
            records::User user;
            user.id = c.user_id;
            user.org_id = c.org_id;
            user.email = c.email;
            user.display_name = c.display_name;
            user.role = c.role;
            return user;
        }
    }
    Error e = Error::not_found("user", "no user " + key);
    e.user_message = fmt::format("No user with the email {} in this organisation.", key);
    e.field = "email";
    return e;
}

Result<Ok> AuthService::change_password(const Actor& actor,
                                        std::string_view old_password,
                                        std::string_view new_password,
                                        std::optional<SessionId> current_session) {
    forget_verified();
    return store_.transaction([&]() -> Result<Ok> {
        Credential me = HOVER_TRY(credential_in_org(actor, actor.user_id));
        if (me.password_hash && !verify_password(*me.password_hash, old_password)) {
            return Error::invalid("old_password",
                                  "The current password is wrong. Type it again, or ask an admin "
                                  "to reset your password.");
        }
        HOVER_TRY(check_password(new_password, me.email));
        std::string hash = HOVER_TRY(hash_password(new_password, options_.hash_cost));
        HOVER_TRY(store_.set_password_hash(actor.org_id, actor.user_id, hash));
        HOVER_TRY(store_.revoke_user_sessions(actor.org_id, actor.user_id, current_session,
                                              clock_.now()));
        return Ok{};
    });
}

Result<Ok> AuthService::reset_password(const Actor& actor,
                                       UserId user,
                                       std::string_view new_password) {
    forget_verified();
    if (user == actor.user_id) {
        return Error::invalid("user",
                              "To change your own password, give your current password as well "
                              "(change password).");
    }
    if (!manages_users(actor.role)) {
        return check_may_manage(actor, Role::kTechnician);
    }
    return store_.transaction([&]() -> Result<Ok> {
        Credential target = HOVER_TRY(credential_in_org(actor, user));
        HOVER_TRY(check_may_manage(actor, target.role));
        HOVER_TRY(check_password(new_password, target.email));
        std::string hash = HOVER_TRY(hash_password(new_password, options_.hash_cost));
        HOVER_TRY(store_.set_password_hash(actor.org_id, user, hash));
        HOVER_TRY(store_.revoke_user_sessions(actor.org_id, user, std::nullopt, clock_.now()));
        return Ok{};
    });
}

Result<Ok> AuthService::set_initial_password(OrgId org,
                                             std::string_view email,
                                             std::string_view password) {
    forget_verified();
    std::string key = trimmed_lower(email);
    return store_.transaction([&]() -> Result<Ok> {
        for (const auto& c : HOVER_TRY(store_.find_credentials_by_email(key))) {
            if (c.org_id != org) {
                continue;
            }
            if (c.password_hash) {
                Error e;
                e.code = ErrorCode::kConflict;
                e.user_message = fmt::format("{} already has a password.", key);
                e.detail = "initial password set twice";
                return e;
            }
            HOVER_TRY(check_password(password, c.email));
            std::string hash = HOVER_TRY(hash_password(password, options_.hash_cost));
            return store_.set_password_hash(org, c.user_id, hash);
        }
        return Error::not_found("user", "no user " + key);
    });
}

// ---- Sessions ----------------------------------------------------------------------------------

Result<SignedIn> AuthService::sign_in(const SignInRequest& request) {
    const Timestamp now = clock_.now();
    const std::string email = trimmed_lower(request.email);
    const std::string slug = trimmed_lower(request.org_slug);
    if (email.empty()) {
        return Error::invalid("email", "Enter your email address.");
    }
    if (request.password.empty()) {
        return Error::invalid("password", "Enter your password.");
    }
    // A failed attempt must be recorded even though sign-in fails, so the transaction commits
    // with the outcome inside and the error is returned after it.
    std::variant<SignedIn, Error> outcome = Error::internal("sign-in did not run");
    HOVER_TRY(store_.transaction([&]() -> Result<Ok> {
        const Timestamp since = now - options_.throttle_window;
        auto by_email = HOVER_TRY(store_.failures_for_email(email, since));
        auto by_address = HOVER_TRY(store_.failures_for_address(request.client_address, since));
        std::optional<Timestamp> until =
            blocked_until(by_email, options_.max_failures_per_email, options_.throttle_window);
        std::optional<Timestamp> until_address =
            blocked_until(by_address, options_.max_failures_per_address, options_.throttle_window);
        if (until_address && (!until || *until_address > *until)) {
            until = until_address;
        }
        if (until) {
            auto minutes = std::max<std::int64_t>(
                1,
                (std::chrono::duration_cast<std::chrono::seconds>(*until - now).count() + 59) / 60);
            Error e;
            e.code = ErrorCode::kRateLimited;
            e.user_message =
                fmt::format("Too many failed sign-ins. Try again in {} minute{} (after {}).",
                            minutes, minutes == 1 ? "" : "s", format_timestamp(*until));
            e.detail =
                fmt::format("sign-in throttled for {} from {}", email, request.client_address);
            outcome = std::move(e);
            return Ok{};
        }

        auto candidates = HOVER_TRY(store_.find_credentials_by_email(email));
        if (!slug.empty()) {
            std::erase_if(candidates, [&](const Credential& c) { return c.org_slug != slug; });
        }
        if (candidates.size() > static_cast<std::size_t>(kMaxAccountsPerEmail)) {
            candidates.resize(static_cast<std::size_t>(kMaxAccountsPerEmail));
        }
        const Credential* matched = nullptr;
        bool verified_any = false;
        for (const auto& c : candidates) {
            if (!c.password_hash) {
                continue;
            }
            verified_any = true;
            if (verify_password(*c.password_hash, request.password)) {
                matched = &c;
                break;
            }
        }
        if (!verified_any) {
            // Unknown email (or no password): spend the same time as a wrong password.
            (void)verify_password(dummy_password_hash(options_.hash_cost), request.password);
        }
        LoginAttempt attempt{email, request.client_address, now, matched != nullptr};
        HOVER_TRY(store_.insert_login_attempt(attempt));
        // Attempts older than a day count for nothing; forget them.
        HOVER_TRY(store_.delete_login_attempts_before(now - std::chrono::hours(24)));
        if (matched == nullptr) {
            outcome = bad_sign_in(
                fmt::format("failed sign-in for {} from {}", email, request.client_address));
            return Ok{};
        }
        if (needs_rehash(*matched->password_hash, options_.hash_cost)) {
            std::string hash = HOVER_TRY(hash_password(request.password, options_.hash_cost));
            HOVER_TRY(store_.set_password_hash(matched->org_id, matched->user_id, hash));
        }
        SignedIn signed_in;
        signed_in.token = random_token();
        Session& s = signed_in.session;
        s.org_id = matched->org_id;
        s.user_id = matched->user_id;
        s.token_hash = sha256_hex(signed_in.token);
        s.csrf_token = random_token();
        s.client_address = request.client_address;
        s.created_at = now;
        s.last_seen_at = now;
        s.expires_at = now + options_.absolute_lifetime;
        s.id = HOVER_TRY(store_.insert_session(s));
        signed_in.actor = actor_of(*matched);
        outcome = std::move(signed_in);
        return Ok{};
    }));
    if (auto* error = std::get_if<Error>(&outcome)) {
        return std::move(*error);
    }
    return std::get<SignedIn>(std::move(outcome));
}

Result<ActiveSession> AuthService::session_for_token(std::string_view token) {
    const Timestamp now = clock_.now();
    auto ended = [](std::string detail) {
        return unauthenticated("Your session has ended. Please sign in again.", std::move(detail));
    };
    if (token.empty() || token.size() > 100) {
        return ended("no or malformed session token");
    }
    // Every request comes here: no transaction (it would take SQLite's write lock for each
    // request). The reads need no snapshot, and the touch is one UPDATE of its own.
    std::string key = "s:" + sha256_hex(token);
    if (auto known = recall_verified(key, now); known && known->session) {
        if (now < known->session->expires_at) {
            return ActiveSession{*known->session, known->actor};
        }
    }
    return [&]() -> Result<ActiveSession> {
        auto found = store_.find_session_by_hash(key.substr(2));
        if (!found) {
            if (found.error().code == ErrorCode::kNotFound) {
                return ended("unknown session token");
            }
            return std::move(found).error();
        }
        Session s = std::move(found).value();
        if (s.revoked_at) {
            return ended(fmt::format("session {} revoked", s.id.value));
        }
        if (now >= s.expires_at) {
            return ended(fmt::format("session {} expired", s.id.value));
        }
        if (now - s.last_seen_at >= options_.idle_timeout) {
            return ended(fmt::format("session {} idle", s.id.value));
        }
        Credential who = HOVER_TRY(store_.find_credential(s.org_id, s.user_id));
        if (now - s.last_seen_at >= options_.touch_interval) {
            HOVER_TRY(store_.touch_session(s.org_id, s.id, now));
            s.last_seen_at = now;
        }
        Actor actor = actor_of(who);
        remember_verified(std::move(key), Verified{now, actor, s});
        return ActiveSession{std::move(s), std::move(actor)};
    }();
}

Result<Ok> AuthService::sign_out(std::string_view token) {
    forget_verified();
    if (token.empty() || token.size() > 100) {
        return Ok{};
    }
    return store_.transaction([&]() -> Result<Ok> {
        auto found = store_.find_session_by_hash(sha256_hex(token));
        if (!found) {
            return found.error().code == ErrorCode::kNotFound ? Result<Ok>(Ok{})
                                                              : Result<Ok>(found.error());
        }
        if (found->revoked_at) {
            return Ok{};
        }
        return store_.revoke_session(found->org_id, found->id, clock_.now());
    });
}

// ---- API tokens --------------------------------------------------------------------------------

Result<NewApiToken> AuthService::create_api_token(const Actor& actor,
                                                  UserId user,
                                                  std::string_view name) {
    std::string clean(name);
    while (!clean.empty() && is_space(clean.front())) {
        clean.erase(clean.begin());
    }
    while (!clean.empty() && is_space(clean.back())) {
        clean.pop_back();
    }
    if (clean.empty()) {
        return Error::invalid("name",
                              "Give the token a name that says where it is used, like "
                              "\"nightly export\".");
    }
    if (utf8_length(clean) > kTokenNameMax) {
        return Error::invalid("name", fmt::format("The name is too long. Use at most {} "
                                                  "characters.",
                                                  kTokenNameMax));
    }
    return in_transaction<NewApiToken>(store_, [&]() -> Result<NewApiToken> {
        Credential owner = HOVER_TRY(credential_in_org(actor, user));
        if (user != actor.user_id) {
            HOVER_TRY(check_may_manage(actor, owner.role));
        }
        NewApiToken created;
        created.secret = std::string(kApiTokenPrefix) + random_token();
        ApiToken& t = created.token;
        t.org_id = actor.org_id;
        t.user_id = user;
        t.name = clean;
        t.prefix = created.secret.substr(0, kApiTokenPrefix.size() + 6);
        t.token_hash = sha256_hex(created.secret);
        t.created_at = clock_.now();
        t.id = HOVER_TRY(store_.insert_api_token(t));
        return created;
    });
}

Result<std::vector<ApiToken>> AuthService::list_api_tokens(const Actor& actor, UserId user) {
    return in_transaction<std::vector<ApiToken>>(store_, [&]() -> Result<std::vector<ApiToken>> {
        Credential owner = HOVER_TRY(credential_in_org(actor, user));
        if (user != actor.user_id) {
            HOVER_TRY(check_may_manage(actor, owner.role));
        }
        return store_.list_api_tokens(actor.org_id, user);
    });
}

Result<Ok> AuthService::revoke_api_token(const Actor& actor, ApiTokenId id) {
    forget_verified();
    return store_.transaction([&]() -> Result<Ok> {
        ApiToken token = HOVER_TRY(store_.find_api_token(actor.org_id, id));
        if (token.revoked_at) {
            return Error::not_found("API token", fmt::format("token {} already revoked", id.value));
        }
        if (token.user_id != actor.user_id) {
            Credential owner = HOVER_TRY(credential_in_org(actor, token.user_id));
            HOVER_TRY(check_may_manage(actor, owner.role));
        }
        return store_.revoke_api_token(actor.org_id, id, clock_.now());
    });
}

Result<Actor> AuthService::actor_for_token(std::string_view secret) {
    const Timestamp now = clock_.now();
    auto refused = [](std::string detail) {
        return unauthenticated(
            "The API token is not valid. Create a new one with `hover user "
            "token create`.",
            std::move(detail));
    };
    if (secret.size() != kApiTokenPrefix.size() + 43 || !secret.starts_with(kApiTokenPrefix)) {
        return refused("malformed API token");
    }
    std::string key = "t:" + sha256_hex(secret);
    if (auto known = recall_verified(key, now)) {
        return known->actor;
    }
    // As for sessions: no transaction per request, the touch is one UPDATE of its own.
    return [&]() -> Result<Actor> {
        auto found = store_.find_api_token_by_hash(key.substr(2));
        if (!found) {
            if (found.error().code == ErrorCode::kNotFound) {
                return refused("unknown API token");
            }
            return std::move(found).error();
        }
        ApiToken token = std::move(found).value();
        if (token.revoked_at) {
            return refused(fmt::format("API token {} revoked", token.id.value));
        }
        Credential who = HOVER_TRY(store_.find_credential(token.org_id, token.user_id));
        if (!token.last_used_at || now - *token.last_used_at >= options_.touch_interval) {
            HOVER_TRY(store_.touch_api_token(token.org_id, token.id, now));
        }
        Actor actor = actor_of(who);
        remember_verified(std::move(key), Verified{now, actor, std::nullopt});
        return actor;
    }();
}

std::optional<AuthService::Verified> AuthService::recall_verified(const std::string& key,
                                                                  Timestamp now) {
    if (options_.verified_ttl.count() <= 0) {
        return std::nullopt;
    }
    std::lock_guard lock(verified_mutex_);
    auto it = verified_.find(key);
    if (it == verified_.end()) {
        return std::nullopt;
    }
    if (now < it->second.at || now - it->second.at >= options_.verified_ttl) {
        verified_.erase(it);
        return std::nullopt;
    }
    return it->second;
}

void AuthService::remember_verified(std::string key, Verified verified) {
    if (options_.verified_ttl.count() <= 0) {
        return;
    }
    std::lock_guard lock(verified_mutex_);
    constexpr std::size_t kMaxRemembered = 10'000;  // many clients: start again rather than grow
    if (verified_.size() >= kMaxRemembered) {
        verified_.clear();
    }
    verified_.insert_or_assign(std::move(key), std::move(verified));
}

void AuthService::forget_verified() {
    std::lock_guard lock(verified_mutex_);
    verified_.clear();
}

}  // namespace hover::auth
