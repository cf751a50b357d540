#include "storage/auth/sql_auth_store.hpp"

#include <fmt/format.h>

#include "domain/records/enums.hpp"
#include "storage/soci_support.hpp"
#include "storage/statement_cache.hpp"

namespace hover::storage {

using namespace hover::auth;

namespace {

// ---------------------------------------------------------------------------------------------
// Queries. Each constant is used by one method below.

constexpr const char* kCredentialSelect =
    "SELECT u.id, u.org_id, o.slug, o.phone_region, u.email, u.display_name, u.role, "
    "u.password_hash FROM users u JOIN organisations o ON o.id = u.org_id";
constexpr const char* kSessionColumns =
    "id, org_id, user_id, token_hash, csrf_token, client_address, created_at, last_seen_at, "
    "expires_at, revoked_at";
constexpr const char* kApiTokenColumns =
    "id, org_id, user_id, name, prefix, token_hash, created_at, last_used_at, revoked_at";

Credential read_credential(const RowReader& r) {
    Credential c;
    c.user_id = UserId{r.i64(0)};
    c.org_id = OrgId{r.i64(1)};
    c.org_slug = r.str(2);
    c.phone_region = r.str(3);
    c.email = r.str(4);
    c.display_name = r.str(5);
    c.role = r.enum_value<Role>(6, "users.role");
    c.password_hash = r.opt_str(7);
    return c;
}

Session read_session(const RowReader& r) {
    Session s;
    s.id = SessionId{r.i64(0)};
    s.org_id = OrgId{r.i64(1)};
    s.user_id = UserId{r.i64(2)};
    s.token_hash = r.str(3);
    s.csrf_token = r.str(4);
    s.client_address = r.str(5);
    s.created_at = r.timestamp(6);
    s.last_seen_at = r.timestamp(7);
    s.expires_at = r.timestamp(8);
    s.revoked_at = r.opt_timestamp(9);
    return s;
}

ApiToken read_api_token(const RowReader& r) {
    ApiToken t;
    t.id = ApiTokenId{r.i64(0)};
    t.org_id = OrgId{r.i64(1)};
    t.user_id = UserId{r.i64(2)};
    t.name = r.str(3);
    t.prefix = r.str(4);
    t.token_hash = r.str(5);
    t.created_at = r.timestamp(6);
    t.last_used_at = r.opt_timestamp(7);
    t.revoked_at = r.opt_timestamp(8);
    return t;
}

template <typename T, typename Reader>
std::vector<T> read_all(soci::rowset<soci::row>& rows, Reader reader) {
    std::vector<T> out;
    for (const auto& row : rows) {
        out.push_back(reader(RowReader(row)));
    }
    return out;
}

std::vector<Timestamp> read_times(soci::rowset<soci::row>& rows) {
    std::vector<Timestamp> out;
    for (const auto& row : rows) {
        out.push_back(RowReader(row).timestamp(0));
    }
    return out;
}

}  // namespace

Result<Ok> SqlAuthStore::transaction(const std::function<Result<Ok>()>& work) {
    return db_.transaction(work);
}

// Credentials ----------------------------------------------------------------------------------

Result<std::vector<Credential>> SqlAuthStore::find_credentials_by_email(std::string_view email) {
    return guarded("find_credentials_by_email", [&]() -> Result<std::vector<Credential>> {
        auto s = db_.session();
        std::string key(email);
        // Not org-scoped: this is how sign-in finds the organisation.
        soci::rowset<soci::row> rows =
            (s->prepare << fmt::format("{} WHERE u.email = lower(:e) ORDER BY u.org_id, u.id",
                                       kCredentialSelect),
             soci::use(key));
        return read_all<Credential>(rows, read_credential);
    });
}

Result<Credential> SqlAuthStore::find_credential(OrgId org, UserId user) {
    return guarded("find_credential", [&]() -> Result<Credential> {
        auto s = db_.session();
        // Per request (sign-in by session or token): a statement prepared once per session.
        auto found =
            s.statements()
                .sql(fmt::format("{} WHERE u.org_id = :o AND u.id = :i", kCredentialSelect))
                .bind(org.value, user.value)
                .first(read_credential);
        if (!found) {
            return not_found_row("user", user.value);
        }
        return std::move(*found);
    });
}

Result<std::vector<Credential>> SqlAuthStore::list_credentials(OrgId org) {
    return guarded("list_credentials", [&]() -> Result<std::vector<Credential>> {
        auto s = db_.session();
        soci::rowset<soci::row> rows =
            (s->prepare << fmt::format("{} WHERE u.org_id = :o ORDER BY u.id", kCredentialSelect),
             soci::use(org.value));
        return read_all<Credential>(rows, read_credential);
    });
}

Result<Ok> SqlAuthStore::set_password_hash(OrgId org,
                                           UserId user,
                                           const std::optional<std::string>& hash) {
    return guarded("set_password_hash", [&]() -> Result<Ok> {
        auto s = db_.session();
        soci::statement st =
            (s->prepare << "UPDATE users SET password_hash = :h WHERE org_id = :o AND id = :i",
             soci::use(hash), soci::use(org.value), soci::use(user.value));
        st.execute(true);
        if (st.get_affected_rows() == 0) {
            return not_found_row("user", user.value);
        }
        return Ok{};
    });
}

// Sessions -------------------------------------------------------------------------------------

Result<SessionId> SqlAuthStore::insert_session(const Session& session) {
    return guarded("insert_session", [&]() -> Result<SessionId> {
        auto s = db_.session();
        long long id = 0;
        std::string created = format_timestamp(session.created_at);
        std::string seen = format_timestamp(session.last_seen_at);
        std::string expires = format_timestamp(session.expires_at);
        std::optional<std::string> revoked;
        if (session.revoked_at) {
            revoked = format_timestamp(*session.revoked_at);
        }
        *s << "INSERT INTO sessions (org_id, user_id, token_hash, csrf_token, client_address, "
              "created_at, last_seen_at, expires_at, revoked_at) VALUES (:o, :u, :h, :c, :a, "
              ":cr, :ls, :ex, :rv) RETURNING id",
            soci::use(session.org_id.value), soci::use(session.user_id.value),
            soci::use(session.token_hash), soci::use(session.csrf_token),
            soci::use(session.client_address), soci::use(created), soci::use(seen),
            soci::use(expires), soci::use(revoked), soci::into(id);
        return SessionId{id};
    });
}

Result<Session> SqlAuthStore::find_session_by_hash(std::string_view token_hash) {
    return guarded("find_session_by_hash", [&]() -> Result<Session> {
        auto s = db_.session();
        std::string key(token_hash);
        // Not org-scoped: the hash of a 256-bit secret is the proof of who this is.
        auto found =
            s.statements()
                .sql(fmt::format("SELECT {} FROM sessions WHERE token_hash = :h", kSessionColumns))
                .bind(key)
                .first(read_session);
        if (!found) {
            return Error::not_found("session", "unknown session hash");
        }
        return std::move(*found);
    });
}

Result<std::vector<Session>> SqlAuthStore::list_sessions(OrgId org, UserId user) {
    return guarded("list_sessions", [&]() -> Result<std::vector<Session>> {
        auto s = db_.session();
        soci::rowset<soci::row> rows =
            (s->prepare << fmt::format("SELECT {} FROM sessions WHERE org_id = :o AND user_id = "
                                       ":u AND revoked_at IS NULL ORDER BY id DESC",
                                       kSessionColumns),
             soci::use(org.value), soci::use(user.value));
        return read_all<Session>(rows, read_session);
    });
}

Result<Ok> SqlAuthStore::touch_session(OrgId org, SessionId id, Timestamp last_seen_at) {
    return guarded("touch_session", [&]() -> Result<Ok> {
        auto s = db_.session();
        std::string seen = format_timestamp(last_seen_at);
        soci::statement st =
            (s->prepare << "UPDATE sessions SET last_seen_at = :t WHERE org_id = :o AND id = :i",
             soci::use(seen), soci::use(org.value), soci::use(id.value));
        st.execute(true);
        if (st.get_affected_rows() == 0) {
            return not_found_row("session", id.value);
        }
        return Ok{};
    });
}

Result<Ok> SqlAuthStore::revoke_session(OrgId org, SessionId id, Timestamp at) {
    return guarded("revoke_session", [&]() -> Result<Ok> {
        auto s = db_.session();
        std::string when = format_timestamp(at);
        soci::statement st =
            (s->prepare << "UPDATE sessions SET revoked_at = :t WHERE org_id = :o AND id = :i "
                           "AND revoked_at IS NULL",
             soci::use(when), soci::use(org.value), soci::use(id.value));
        st.execute(true);
        if (st.get_affected_rows() == 0) {
            return not_found_row("session", id.value);
        }
        return Ok{};
    });
}

Result<int> SqlAuthStore::revoke_user_sessions(OrgId org,
                                               UserId user,
                                               std::optional<SessionId> keep,
                                               Timestamp at) {
    return guarded("revoke_user_sessions", [&]() -> Result<int> {
        auto s = db_.session();
        std::string when = format_timestamp(at);
        long long kept = keep ? keep->value : 0;  // ids start at 1
        soci::statement st =
            (s->prepare << "UPDATE sessions SET revoked_at = :t WHERE org_id = :o AND user_id = "
                           ":u AND id <> :k AND revoked_at IS NULL",
             soci::use(when), soci::use(org.value), soci::use(user.value), soci::use(kept));
        st.execute(true);
        return static_cast<int>(st.get_affected_rows());
    });
}

// API tokens -----------------------------------------------------------------------------------

Result<ApiTokenId> SqlAuthStore::insert_api_token(const ApiToken& token) {
    return guarded("insert_api_token", [&]() -> Result<ApiTokenId> {
        auto s = db_.session();
        long long id = 0;
        std::string created = format_timestamp(token.created_at);
        *s << "INSERT INTO api_tokens (org_id, user_id, name, prefix, token_hash, created_at) "
              "VALUES (:o, :u, :n, :p, :h, :c) RETURNING id",
            soci::use(token.org_id.value), soci::use(token.user_id.value), soci::use(token.name),
            soci::use(token.prefix), soci::use(token.token_hash), soci::use(created),
            soci::into(id);
        return ApiTokenId{id};
    });
}

Result<ApiToken> SqlAuthStore::find_api_token(OrgId org, ApiTokenId id) {
    return guarded("find_api_token", [&]() -> Result<ApiToken> {
        auto s = db_.session();
        soci::rowset<soci::row> rows =
            (s->prepare << fmt::format("SELECT {} FROM api_tokens WHERE org_id = :o AND id = :i",
                                       kApiTokenColumns),
             soci::use(org.value), soci::use(id.value));
        for (const auto& row : rows) {
            return read_api_token(RowReader(row));
        }
        return not_found_row("API token", id.value);
    });
}

Result<ApiToken> SqlAuthStore::find_api_token_by_hash(std::string_view token_hash) {
    return guarded("find_api_token_by_hash", [&]() -> Result<ApiToken> {
        auto s = db_.session();
        std::string key(token_hash);
        // Not org-scoped: the hash of a 256-bit secret is the proof of who this is.
        auto found = s.statements()
                         .sql(fmt::format("SELECT {} FROM api_tokens WHERE token_hash = :h",
                                          kApiTokenColumns))
                         .bind(key)
                         .first(read_api_token);
        if (!found) {
            return Error::not_found("API token", "unknown API token hash");
        }
        return std::move(*found);
    });
}

Result<std::vector<ApiToken>> SqlAuthStore::list_api_tokens(OrgId org, UserId user) {
    return guarded("list_api_tokens", [&]() -> Result<std::vector<ApiToken>> {
        auto s = db_.session();
        soci::rowset<soci::row> rows =
            (s->prepare << fmt::format("SELECT {} FROM api_tokens WHERE org_id = :o AND user_id "
                                       "= :u AND revoked_at IS NULL ORDER BY id",
                                       kApiTokenColumns),
             soci::use(org.value), soci::use(user.value));
        return read_all<ApiToken>(rows, read_api_token);
    });
}

Result<Ok> SqlAuthStore::touch_api_token(OrgId org, ApiTokenId id, Timestamp used_at) {
    return guarded("touch_api_token", [&]() -> Result<Ok> {
        auto s = db_.session();
        std::string used = format_timestamp(used_at);
        soci::statement st =
            (s->prepare << "UPDATE api_tokens SET last_used_at = :t WHERE org_id = :o AND id = :i",
             soci::use(used), soci::use(org.value), soci::use(id.value));
        st.execute(true);
        if (st.get_affected_rows() == 0) {
            return not_found_row("API token", id.value);
        }
        return Ok{};
    });
}

Result<Ok> SqlAuthStore::revoke_api_token(OrgId org, ApiTokenId id, Timestamp at) {
    return guarded("revoke_api_token", [&]() -> Result<Ok> {
        auto s = db_.session();
        std::string when = format_timestamp(at);
        soci::statement st =
            (s->prepare << "UPDATE api_tokens SET revoked_at = :t WHERE org_id = :o AND id = :i "
                           "AND revoked_at IS NULL",
             soci::use(when), soci::use(org.value), soci::use(id.value));
        st.execute(true);
        if (st.get_affected_rows() == 0) {
            return not_found_row("API token", id.value);
        }
        return Ok{};
    });
}

// Sign-in attempts -----------------------------------------------------------------------------

Result<Ok> SqlAuthStore::insert_login_attempt(const LoginAttempt& attempt) {
    return guarded("insert_login_attempt", [&]() -> Result<Ok> {
        auto s = db_.session();
        std::string when = format_timestamp(attempt.attempted_at);
        int succeeded = attempt.succeeded ? 1 : 0;
        *s << "INSERT INTO login_attempts (email, client_address, attempted_at, succeeded) "
              "VALUES (:e, :a, :t, :s)",
            soci::use(attempt.email), soci::use(attempt.client_address), soci::use(when),
            soci::use(succeeded);
        return Ok{};
    });
}

Result<std::vector<Timestamp>> SqlAuthStore::failures_for_email(std::string_view email,
                                                                Timestamp since) {
    return guarded("failures_for_email", [&]() -> Result<std::vector<Timestamp>> {
        auto s = db_.session();
        std::string key(email);
        std::string after = format_timestamp(since);
        soci::rowset<soci::row> rows =
            (s->prepare << "SELECT attempted_at FROM login_attempts WHERE email = :e AND "
                           "attempted_at > :t AND succeeded = 0 ORDER BY attempted_at LIMIT 1000",
             soci::use(key), soci::use(after));
        return read_times(rows);
    });
}

Result<std::vector<Timestamp>> SqlAuthStore::failures_for_address(std::string_view client_address,
                                                                  Timestamp since) {
    return guarded("failures_for_address", [&]() -> Result<std::vector<Timestamp>> {
        auto s = db_.session();
        std::string key(client_address);
        std::string after = format_timestamp(since);
        soci::rowset<soci::row> rows =
            (s->prepare << "SELECT attempted_at FROM login_attempts WHERE client_address = :a "
                           "AND attempted_at > :t AND succeeded = 0 ORDER BY attempted_at "
                           "LIMIT 1000",
             soci::use(key), soci::use(after));
        return read_times(rows);
    });
}

Result<Ok> SqlAuthStore::delete_login_attempts_before(Timestamp before) {
    return guarded("delete_login_attempts_before", [&]() -> Result<Ok> {
        auto s = db_.session();
        std::string when = format_timestamp(before);
        *s << "DELETE FROM login_attempts WHERE attempted_at < :t", soci::use(when);
        return Ok{};
    });
}

}  // namespace hover::storage
