// File: domain/auth/auth_store.hpp
//
// AuthStore: what the auth module needs from storage. Implemented by storage::SqlAuthStore
// (src/storage/auth/) for SQLite and PostgreSQL. Methods that take an OrgId never read or write
// another organisation's rows: such a row is kNotFound, like a missing one.
//
// Three lookups are not org-scoped, because they are how the organisation is found: a
// credential by email (sign-in), a session by token hash and an API token by hash. The hash
// is of a 256-bit random secret, so knowing it is the proof.
//
// Errors: kNotFound, kConflict (a unique key is taken), kUnavailable, kDataCorrupt, kInternal.
#pragma once

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "domain/auth/auth.hpp"

namespace hover::auth {

class AuthStore {
public:
    virtual ~AuthStore() = default;

    // Runs `work` in one transaction (nested calls join the outer one).
    virtual Result<Ok> transaction(const std::function<Result<Ok>()>& work) = 0;

    // Credentials. By email: across organisations, ordered by org id (email is lower-cased).
    virtual Result<std::vector<Credential>> find_credentials_by_email(std::string_view email) = 0;
    virtual Result<Credential> find_credential(OrgId org, UserId user) = 0;
    // Ordered by user id.
    virtual Result<std::vector<Credential>> list_credentials(OrgId org) = 0;
    virtual Result<Ok> set_password_hash(OrgId org,
                                         UserId user,
                                         const std::optional<std::string>& hash) = 0;

    // Sessions.
    virtual Result<SessionId> insert_session(const Session& session) = 0;
    virtual Result<Session> find_session_by_hash(std::string_view token_hash) = 0;
    // Live (not revoked) sessions of a user, newest first.
    virtual Result<std::vector<Session>> list_sessions(OrgId org, UserId user) = 0;
    virtual Result<Ok> touch_session(OrgId org, SessionId id, Timestamp last_seen_at) = 0;
    virtual Result<Ok> revoke_session(OrgId org, SessionId id, Timestamp at) = 0;
    // Revokes every live session of the user except `keep`; returns how many.
    virtual Result<int> revoke_user_sessions(OrgId org,
                                             UserId user,
                                             std::optional<SessionId> keep,
                                             Timestamp at) = 0;

    // API tokens.
    virtual Result<ApiTokenId> insert_api_token(const ApiToken& token) = 0;
    virtual Result<ApiToken> find_api_token(OrgId org, ApiTokenId id) = 0;
    virtual Result<ApiToken> find_api_token_by_hash(std::string_view token_hash) = 0;
    // Not revoked, ordered by id.
    virtual Result<std::vector<ApiToken>> list_api_tokens(OrgId org, UserId user) = 0;
    virtual Result<Ok> touch_api_token(OrgId org, ApiTokenId id, Timestamp used_at) = 0;
    virtual Result<Ok> revoke_api_token(OrgId org, ApiTokenId id, Timestamp at) = 0;

    // Sign-in attempts.
    virtual Result<Ok> insert_login_attempt(const LoginAttempt& attempt) = 0;
    // Times of failed attempts after `since`, oldest first (at most 1,000).
    virtual Result<std::vector<Timestamp>> failures_for_email(std::string_view email,
                                                              Timestamp since) = 0;
    virtual Result<std::vector<Timestamp>> failures_for_address(std::string_view client_address,
                                                                Timestamp since) = 0;
    // Forgets attempts before `before` (they no longer count).
    virtual Result<Ok> delete_login_attempts_before(Timestamp before) = 0;
};

}  // namespace hover::auth
