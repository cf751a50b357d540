// File: storage/auth/sql_auth_store.hpp
//
// SqlAuthStore: the AuthStore on SQLite and PostgreSQL (SOCI). Every statement binds its values;
// every statement on users, sessions and api_tokens filters on org_id, except the three lookups
// that find the organisation (credential by email, session and API token by hash).
#pragma once

#include "domain/auth/auth_store.hpp"
#include "storage/database.hpp"

namespace hover::storage {

class SqlAuthStore final : public auth::AuthStore {
public:
    explicit SqlAuthStore(Database& db) : db_(db) {}

    Result<Ok> transaction(const std::function<Result<Ok>()>& work) override;

    Result<std::vector<auth::Credential>> find_credentials_by_email(
        std::string_view email) override;
    Result<auth::Credential> find_credential(OrgId org, UserId user) override;
    Result<std::vector<auth::Credential>> list_credentials(OrgId org) override;
    Result<Ok> set_password_hash(OrgId org,
                                 UserId user,
                                 const std::optional<std::string>& hash) override;

    Result<auth::SessionId> insert_session(const auth::Session& session) override;
    Result<auth::Session> find_session_by_hash(std::string_view token_hash) override;
    Result<std::vector<auth::Session>> list_sessions(OrgId org, UserId user) override;
    Result<Ok> touch_session(OrgId org, auth::SessionId id, Timestamp last_seen_at) override;
    Result<Ok> revoke_session(OrgId org, auth::SessionId id, Timestamp at) override;
    Result<int> revoke_user_sessions(OrgId org,
                                     UserId user,
                                     std::optional<auth::SessionId> keep,
                                     Timestamp at) override;

    Result<auth::ApiTokenId> insert_api_token(const auth::ApiToken& token) override;
    Result<auth::ApiToken> find_api_token(OrgId org, auth::ApiTokenId id) override;
    Result<auth::ApiToken> find_api_token_by_hash(std::string_view token_hash) override;
    Result<std::vector<auth::ApiToken>> list_api_tokens(OrgId org, UserId user) override;
    Result<Ok> touch_api_token(OrgId org, auth::ApiTokenId id, Timestamp used_at) override;
    Result<Ok> revoke_api_token(OrgId org, auth::ApiTokenId id, Timestamp at) override;

    Result<Ok> insert_login_attempt(const auth::LoginAttempt& attempt) override;
    Result<std::vector<Timestamp>> failures_for_email(std::string_view email,
                                                      Timestamp since) override;
    Result<std::vector<Timestamp>> failures_for_address(std::string_view client_address,
                                                        Timestamp since) override;
    Result<Ok> delete_login_attempts_before(Timestamp before) override;

private:
    Database& db_;
};

}  // namespace hover::storage
