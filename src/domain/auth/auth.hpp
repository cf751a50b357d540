// File: domain/auth/auth.hpp
//
// The value types of sign-in (DESIGN.md P4): a user's credential, browser sessions, API tokens
// and the sign-in attempts that throttling counts. Plain value types: no SQL, no HTTP.
// Secrets (session tokens, API token secrets) are never stored: only their SHA-256, in hex.
#pragma once

#include <optional>
#include <string>

#include "core/actor.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "domain/records/record.hpp"

namespace hover::auth {

using SessionId = Id<struct SessionTag>;
using ApiTokenId = Id<struct ApiTokenTag>;

// A user as sign-in sees it: who, in which organisation, with which role and password hash.
struct Credential {
    UserId user_id;
    OrgId org_id;
    std::string org_slug;
    std::string phone_region;  // the organisation's, for the Actor
    std::string email;
    std::string display_name;
    Role role = Role::kTechnician;
    std::optional<std::string> password_hash;  // argon2id string; none: cannot sign in
};

// A signed-in browser. The cookie holds the token; the row holds its SHA-256.
struct Session {
    SessionId id;
    OrgId org_id;
    UserId user_id;
    std::string token_hash;  // hex SHA-256 of the token
    std::string csrf_token;  // sent with every form of this session
    std::string client_address;
    Timestamp created_at{};
    Timestamp last_seen_at{};
    Timestamp expires_at{};  // absolute expiry, whatever the activity
    std::optional<Timestamp> revoked_at;
};

// What sign_in returns: the token is given out here once and never again.
struct SignedIn {
    Session session;
    std::string token;
    Actor actor;
};

// What session_for_token returns for a live session.
struct ActiveSession {
    Session session;
    Actor actor;
};

// An API token for scripts (Authorization: Bearer hover_...).
struct ApiToken {
    ApiTokenId id;
    OrgId org_id;
    UserId user_id;
    std::string name;
    std::string prefix;      // the first characters of the secret, to recognise it in a list
    std::string token_hash;  // hex SHA-256 of the secret
    Timestamp created_at{};
    std::optional<Timestamp> last_used_at;
    std::optional<Timestamp> revoked_at;
};

// What create_api_token returns: the secret is given out here once and never again.
struct NewApiToken {
    ApiToken token;
    std::string secret;
};

// One sign-in attempt, for throttling. Keyed by the email as typed (lower-cased) and the client
// address, not by user: unknown emails are throttled exactly like known ones.
struct LoginAttempt {
    std::string email;
    std::string client_address;
    Timestamp attempted_at{};
    bool succeeded = false;
};

// A user with whether a password is set (for `hover user list`).
struct UserAccount {
    records::User user;
    bool has_password = false;
};

}  // namespace hover::auth
