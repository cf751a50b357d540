// The storage contract of the auth module: the same tests on SQLite and on PostgreSQL
// (DESIGN.md P1, P4). PostgreSQL runs when HOVER_TEST_POSTGRES_URL is set, and must under CI=true.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "storage/auth/sql_auth_store.hpp"
#include "storage/records/sql_record_store.hpp"
#include "support/result_matchers.hpp"
#include "support/test_database.hpp"
#include "support/test_time.hpp"

namespace hover {
namespace {

using namespace auth;
using testing::Backend;
using ::testing::ElementsAre;
using testing::HasError;
using testing::IsOk;
using ::testing::SizeIs;

using hover::testing::at;

class AuthStoreContract : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        HOVER_SKIP_IF_NO_POSTGRES(GetParam());
        db_ = testing::TestDatabase::open(GetParam());
        ASSERT_NE(db_, nullptr);
        records_ = std::make_unique<storage::SqlRecordStore>(db_->db());
        store_ = std::make_unique<storage::SqlAuthStore>(db_->db());
        org_a_ = make_org("alpha");
        org_b_ = make_org("bravo");
        user_a_ = make_user(org_a_, "tech@alpha.example");
        user_b_ = make_user(org_b_, "tech@bravo.example");
    }

    OrgId make_org(const std::string& slug) {
        records::Organisation org{OrgId{}, slug + " telecom", slug, "US",
                                  at("2026-01-01T00:00:00Z")};
        return records_->insert_organisation(org).value();
    }

    UserId make_user(OrgId org, const std::string& email) {
        records::User u{
            UserId{}, org, email, "Tech", Role::kTechnician, at("2026-01-01T00:00:00Z")};
        return records_->insert_user(u).value();
    }

    Session session(OrgId org, UserId user, const std::string& hash) {
        Session s;
        s.org_id = org;
        s.user_id = user;
        s.token_hash = hash;
        s.csrf_token = "csrf-" + hash;
        s.client_address = "192.0.2.1";
        s.created_at = s.last_seen_at = at("2026-11-22T09:00:00Z");
        s.expires_at = at("2026-12-22T09:00:00Z");
        return s;
    }

    ApiToken token(OrgId org, UserId user, const std::string& hash) {
        ApiToken t;
        t.org_id = org;
        t.user_id = user;
        t.name = "script " + hash;
        t.prefix = "hover_abcdef";
        t.token_hash = hash;
        t.created_at = at("2026-11-22T09:00:00Z");
        return t;
    }

    std::unique_ptr<testing::TestDatabase> db_;
    std::unique_ptr<storage::SqlRecordStore> records_;
    std::unique_ptr<storage::SqlAuthStore> store_;
    OrgId org_a_;
    OrgId org_b_;
    UserId user_a_;
    UserId user_b_;
};

// REQ: P4
TEST_P(AuthStoreContract, PasswordHashIsNullableAndOrgScoped) {
    auto c = store_->find_credential(org_a_, user_a_);
    ASSERT_THAT(c, IsOk());
    EXPECT_FALSE(c->password_hash.has_value());
    EXPECT_EQ(c->org_slug, "alpha");
    EXPECT_EQ(c->phone_region, "US");
    EXPECT_EQ(c->role, Role::kTechnician);
    ASSERT_THAT(store_->set_password_hash(org_a_, user_a_, std::string("$argon2id$x")), IsOk());
    EXPECT_EQ(store_->find_credential(org_a_, user_a_)->password_hash, "$argon2id$x");
    // Org B cannot set or read org A's user.
    EXPECT_THAT(store_->set_password_hash(org_b_, user_a_, std::string("$argon2id$evil")),
                HasError(ErrorCode::kNotFound));
    EXPECT_THAT(store_->find_credential(org_b_, user_a_), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(store_->list_credentials(org_b_).value(), SizeIs(1));
    ASSERT_THAT(store_->set_password_hash(org_a_, user_a_, std::nullopt), IsOk());
    EXPECT_FALSE(store_->find_credential(org_a_, user_a_)->password_hash.has_value());
}

// REQ: P4
TEST_P(AuthStoreContract, CredentialsByEmailSpanOrganisationsInOrgOrder) {
    make_user(org_b_, "tech@alpha.example");
    auto found = store_->find_credentials_by_email("TECH@alpha.example");
    ASSERT_THAT(found, IsOk());
    ASSERT_THAT(found.value(), SizeIs(2));
    EXPECT_EQ(found.value()[0].org_id, org_a_);
    EXPECT_EQ(found.value()[1].org_id, org_b_);
    EXPECT_THAT(store_->find_credentials_by_email("nobody@alpha.example").value(), SizeIs(0));
}

// REQ: P4
TEST_P(AuthStoreContract, SessionRoundTripsAndIsFoundByHash) {
    Session s = session(org_a_, user_a_, "aaaa");
    auto id = store_->insert_session(s);
    ASSERT_THAT(id, IsOk());
    auto found = store_->find_session_by_hash("aaaa");
    ASSERT_THAT(found, IsOk());
    EXPECT_EQ(found->id, id.value());
    EXPECT_EQ(found->org_id, org_a_);
    EXPECT_EQ(found->user_id, user_a_);
    EXPECT_EQ(found->csrf_token, "csrf-aaaa");
    EXPECT_EQ(found->client_address, "192.0.2.1");
    EXPECT_EQ(found->created_at, s.created_at);
    EXPECT_EQ(found->expires_at, s.expires_at);
    EXPECT_FALSE(found->revoked_at.has_value());
    EXPECT_THAT(store_->find_session_by_hash("bbbb"), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(store_->insert_session(session(org_a_, user_a_, "aaaa")),
                HasError(ErrorCode::kConflict));

    ASSERT_THAT(store_->touch_session(org_a_, id.value(), at("2026-11-22T10:00:00Z")), IsOk());
    EXPECT_EQ(store_->find_session_by_hash("aaaa")->last_seen_at, at("2026-11-22T10:00:00Z"));
    ASSERT_THAT(store_->revoke_session(org_a_, id.value(), at("2026-11-22T11:00:00Z")), IsOk());
    EXPECT_EQ(store_->find_session_by_hash("aaaa")->revoked_at, at("2026-11-22T11:00:00Z"));
    EXPECT_THAT(store_->list_sessions(org_a_, user_a_).value(), SizeIs(0));
}

// REQ: P4
TEST_P(AuthStoreContract, RevokeUserSessionsKeepsTheCurrentOne) {
    SessionId one = store_->insert_session(session(org_a_, user_a_, "s1")).value();
    SessionId two = store_->insert_session(session(org_a_, user_a_, "s2")).value();
    SessionId three = store_->insert_session(session(org_a_, user_a_, "s3")).value();
    store_->insert_session(session(org_b_, user_b_, "s4")).value();
    auto revoked = store_->revoke_user_sessions(org_a_, user_a_, two, at("2026-11-22T12:00:00Z"));
    ASSERT_THAT(revoked, IsOk());
    EXPECT_EQ(revoked.value(), 2);
    auto live = store_->list_sessions(org_a_, user_a_);
    ASSERT_THAT(live, IsOk());
    ASSERT_THAT(live.value(), SizeIs(1));
    EXPECT_EQ(live->front().id, two);
    EXPECT_TRUE(store_->find_session_by_hash("s1")->revoked_at.has_value());
    EXPECT_TRUE(store_->find_session_by_hash("s3")->revoked_at.has_value());
    EXPECT_FALSE(store_->find_session_by_hash("s4")->revoked_at.has_value());
    (void)one;
    (void)three;
    EXPECT_EQ(
        store_->revoke_user_sessions(org_a_, user_a_, std::nullopt, at("2026-11-22T12:00:00Z"))
            .value(),
        1);
}

// REQ: P4
TEST_P(AuthStoreContract, OrgBNeverSeesOrgASessions) {
    SessionId id = store_->insert_session(session(org_a_, user_a_, "secret-a")).value();
    EXPECT_THAT(store_->list_sessions(org_b_, user_a_).value(), SizeIs(0));
    EXPECT_THAT(store_->touch_session(org_b_, id, at("2026-11-22T10:00:00Z")),
                HasError(ErrorCode::kNotFound));
    EXPECT_THAT(store_->revoke_session(org_b_, id, at("2026-11-22T10:00:00Z")),
                HasError(ErrorCode::kNotFound));
    EXPECT_EQ(
        store_->revoke_user_sessions(org_b_, user_a_, std::nullopt, at("2026-11-22T10:00:00Z"))
            .value(),
        0);
    auto still = store_->find_session_by_hash("secret-a");
    ASSERT_THAT(still, IsOk());
    EXPECT_FALSE(still->revoked_at.has_value());
    EXPECT_EQ(still->last_seen_at, at("2026-11-22T09:00:00Z"));
}

// REQ: P4
TEST_P(AuthStoreContract, ApiTokensRoundTripAndListOnlyLiveOnes) {
    ApiTokenId first = store_->insert_api_token(token(org_a_, user_a_, "h1")).value();
    ApiTokenId second = store_->insert_api_token(token(org_a_, user_a_, "h2")).value();
    auto found = store_->find_api_token_by_hash("h1");
    ASSERT_THAT(found, IsOk());
    EXPECT_EQ(found->id, first);
    EXPECT_EQ(found->name, "script h1");
    EXPECT_EQ(found->prefix, "hover_abcdef");
    EXPECT_FALSE(found->last_used_at.has_value());
    EXPECT_THAT(store_->insert_api_token(token(org_a_, user_a_, "h1")),
                HasError(ErrorCode::kConflict));
    ASSERT_THAT(store_->touch_api_token(org_a_, first, at("2026-11-22T10:00:00Z")), IsOk());
    EXPECT_EQ(store_->find_api_token(org_a_, first)->last_used_at, at("2026-11-22T10:00:00Z"));
    ASSERT_THAT(store_->revoke_api_token(org_a_, second, at("2026-11-22T11:00:00Z")), IsOk());
    EXPECT_THAT(store_->revoke_api_token(org_a_, second, at("2026-11-22T11:00:00Z")),
                HasError(ErrorCode::kNotFound));
    auto live = store_->list_api_tokens(org_a_, user_a_);
    ASSERT_THAT(live, IsOk());
    ASSERT_THAT(live.value(), SizeIs(1));
    EXPECT_EQ(live->front().id, first);
}

// REQ: P4
TEST_P(AuthStoreContract, OrgBNeverSeesOrgATokens) {
    ApiTokenId id = store_->insert_api_token(token(org_a_, user_a_, "token-a")).value();
    EXPECT_THAT(store_->find_api_token(org_b_, id), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(store_->list_api_tokens(org_b_, user_a_).value(), SizeIs(0));
    EXPECT_THAT(store_->touch_api_token(org_b_, id, at("2026-11-22T10:00:00Z")),
                HasError(ErrorCode::kNotFound));
    EXPECT_THAT(store_->revoke_api_token(org_b_, id, at("2026-11-22T10:00:00Z")),
                HasError(ErrorCode::kNotFound));
    auto still = store_->find_api_token(org_a_, id);
    ASSERT_THAT(still, IsOk());
    EXPECT_FALSE(still->revoked_at.has_value());
    EXPECT_FALSE(still->last_used_at.has_value());
}

// REQ: P4
TEST_P(AuthStoreContract, LoginFailuresAreCountedInTheWindowAndPruned) {
    auto attempt = [&](const char* email, const char* address, const char* when, bool ok) {
        ASSERT_THAT(store_->insert_login_attempt({email, address, at(when), ok}), IsOk());
    };
    attempt("pat@alpha.example", "192.0.2.1", "2026-11-22T08:00:00Z", false);
    attempt("pat@alpha.example", "192.0.2.1", "2026-11-22T09:01:00Z", false);
    attempt("pat@alpha.example", "192.0.2.2", "2026-11-22T09:02:00Z", true);
    attempt("pat@alpha.example", "192.0.2.2", "2026-11-22T09:03:00Z", false);
    attempt("sam@alpha.example", "192.0.2.1", "2026-11-22T09:04:00Z", false);

    auto by_email = store_->failures_for_email("pat@alpha.example", at("2026-11-22T09:00:00Z"));
    ASSERT_THAT(by_email, IsOk());
    EXPECT_THAT(by_email.value(),
                ElementsAre(at("2026-11-22T09:01:00Z"), at("2026-11-22T09:03:00Z")));
    auto by_address = store_->failures_for_address("192.0.2.1", at("2026-11-22T09:00:00Z"));
    ASSERT_THAT(by_address, IsOk());
    EXPECT_THAT(by_address.value(),
                ElementsAre(at("2026-11-22T09:01:00Z"), at("2026-11-22T09:04:00Z")));

    ASSERT_THAT(store_->delete_login_attempts_before(at("2026-11-22T09:02:00Z")), IsOk());
    EXPECT_THAT(store_->failures_for_email("pat@alpha.example", at("2026-11-22T00:00:00Z")).value(),
                ElementsAre(at("2026-11-22T09:03:00Z")));
}

INSTANTIATE_TEST_SUITE_P(Sqlite,
                         AuthStoreContract,
                         ::testing::Values(Backend::kSqlite),
                         testing::backend_name);
INSTANTIATE_TEST_SUITE_P(Postgres,
                         AuthStoreContract,
                         ::testing::Values(Backend::kPostgres),
                         testing::backend_name);

}  // namespace
}  // namespace hover
