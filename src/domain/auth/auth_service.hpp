// File: domain/auth/auth_service.hpp
//
// AuthService: the use cases of sign-in and user management (DESIGN.md P4). Every method runs as
// one transaction and takes "now" from the injected Clock.
//
// Roles: admins and managers may add users and reset other users' passwords; technicians may not
// (kPermissionDenied). A manager may not add an admin or reset an admin's password (that would
// let a manager become an admin). A user of another organisation is kNotFound, like a missing one.
//
// Passwords: at least 10 characters, at most 1,024 bytes, not the user's own email
// (kInvalidInput, field "password"). Changing your own password needs the current one (field
// "old_password") and revokes your other sessions; a reset by an admin revokes all of theirs.
//
// Sign-in: the same kUnauthenticated message for an unknown email, a wrong password and a user
// without a password; an unknown email is verified against a dummy hash so timing does not tell.
// After 5 failures for an email or 20 for a client address within 15 minutes, sign-in is refused
// with kRateLimited, even with the right password, until the window has passed.
//
// Example:
//   SignedIn s = HOVER_TRY(auth.sign_in({.email = "pat@x.example", .password = pw}));
//   set_cookie("hover_session", s.token);   // the token is never available again
//   Actor actor = HOVER_TRY(auth.session_for_token(cookie)).actor;
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/auth/auth.hpp"
#include "domain/auth/auth_store.hpp"
#include "domain/auth/password.hpp"
#include "domain/records/record_service.hpp"

namespace hover::auth {

struct AuthOptions {
    HashCost hash_cost = HashCost::kInteractive;
    std::chrono::seconds idle_timeout = std::chrono::hours(12);
    std::chrono::seconds absolute_lifetime = std::chrono::hours(24 * 30);
    std::chrono::seconds touch_interval = std::chrono::seconds(60);  // last_seen/last_used writes
    // How long a verified session or API token is taken on trust without reading the database
    // again (0 = always read). Revocations made through this AuthService apply at once; ones
    // made by another process (the CLI, another server) within this time. See README.md.
    std::chrono::seconds verified_ttl = std::chrono::seconds(1);
    std::chrono::seconds throttle_window = std::chrono::minutes(15);
    int max_failures_per_email = 5;
    int max_failures_per_address = 20;
};

struct SignInRequest {
    std::string org_slug;  // may be empty: the email is looked up in every organisation
    std::string email;
    std::string password;
    std::string client_address;  // the peer address (or X-Forwarded-For from a trusted proxy)
};

inline constexpr std::size_t kMinPasswordLength = 10;  // characters
inline constexpr std::size_t kMaxPasswordBytes = 1024;
inline constexpr std::string_view kApiTokenPrefix = "hover_";

class AuthService {
public:
    AuthService(AuthStore& store,
                records::RecordService& records,
                const Clock& clock,
                AuthOptions options = {})
        : store_(store), records_(records), clock_(clock), options_(options) {}

    // ---- Users and passwords

    // Adds a user to the actor's organisation with a password (kPermissionDenied for a
    // technician, or a manager adding an admin; kConflict when the email is taken;
    // kInvalidInput for a bad email, name or password).
    Result<records::User> add_user(const Actor& actor,
                                   std::string_view email,
                                   std::string_view display_name,
                                   Role role,
                                   std::string_view password);

    // The organisation's users with whether each has a password, by id.
    Result<std::vector<UserAccount>> list_users(const Actor& actor);

    // A user of the actor's organisation by email (kNotFound otherwise).
    Result<records::User> find_user(const Actor& actor, std::string_view email);

    // Changes the actor's own password: `old_password` must match when one is set. Revokes the
    // actor's other sessions (all but `current_session`).
    Result<Ok> change_password(const Actor& actor,
                               std::string_view old_password,
                               std::string_view new_password,
                               std::optional<SessionId> current_session = std::nullopt);

    // An admin or manager sets another user's password; revokes all of that user's sessions.
    // For your own password use change_password (kInvalidInput, field "user").
    Result<Ok> reset_password(const Actor& actor, UserId user, std::string_view new_password);

    // Provisioning by whoever holds the database (`hover demo`, `hover init`): sets the password
    // of a user that has none. kConflict when one is set; kNotFound for an unknown email.
    Result<Ok> set_initial_password(OrgId org, std::string_view email, std::string_view password);

    // ---- Sessions

    // Signs in; see the class comment for the errors. Records the attempt.
    Result<SignedIn> sign_in(const SignInRequest& request);

    // The live session for a cookie token, with its Actor; slides last_seen_at (at most once per
    // touch_interval). kUnauthenticated when unknown, revoked, idle too long or expired.
    Result<ActiveSession> session_for_token(std::string_view token);

    // Revokes the session of this token (signing out twice is fine).
    Result<Ok> sign_out(std::string_view token);

    // ---- API tokens

    // Creates a token for `user` (yourself; admins and managers also for others). The secret,
    // "hover_" and 43 URL-safe base64 characters, is returned once. `name` is required (field
    // "name", up to 100 characters).
    Result<NewApiToken> create_api_token(const Actor& actor, UserId user, std::string_view name);
    // A user's live tokens (never their secrets), by id.
    Result<std::vector<ApiToken>> list_api_tokens(const Actor& actor, UserId user);
    // Revokes a token: your own; admins and managers any of the organisation's.
    Result<Ok> revoke_api_token(const Actor& actor, ApiTokenId id);
    // The Actor of a Bearer secret; kUnauthenticated when unknown or revoked. Updates
    // last_used_at at most once per touch_interval.
    Result<Actor> actor_for_token(std::string_view secret);

private:
    Result<Ok> check_password(std::string_view password, std::string_view email) const;
    Result<Ok> check_may_manage(const Actor& actor, Role target_role) const;
    Result<Credential> credential_in_org(const Actor& actor, UserId user);

    // Recently verified credentials, by the SHA-256 of their secret ("s:" sessions, "t:" API
    // tokens): a busy client costs the database two reads a second, not two per request.
    struct Verified {
        Timestamp at;
        Actor actor;
        std::optional<Session> session;
    };
    std::optional<Verified> recall_verified(const std::string& key, Timestamp now);
    void remember_verified(std::string key, Verified verified);
    void forget_verified();  // after any change to users, passwords, sessions or tokens

    AuthStore& store_;
    records::RecordService& records_;
    const Clock& clock_;
    AuthOptions options_;
    std::mutex verified_mutex_;
    std::unordered_map<std::string, Verified> verified_;
};

}  // namespace hover::auth
