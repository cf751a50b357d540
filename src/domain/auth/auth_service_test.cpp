#include "domain/auth/auth_service.hpp"

#include <memory>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "storage/auth/sql_auth_store.hpp"
#include "storage/records/sql_record_store.hpp"
#include "support/result_matchers.hpp"
#include "support/test_database.hpp"

namespace hover::auth {
namespace {

using namespace std::chrono_literals;
using ::hover::testing::HasError;
using ::hover::testing::HasFieldError;
using ::hover::testing::IsOk;
using ::testing::HasSubstr;
using ::testing::SizeIs;

constexpr const char* kPassword = "prairie-wind-2026";

class AuthServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = hover::testing::TestDatabase::open(hover::testing::Backend::kSqlite);
        ASSERT_NE(db_, nullptr);
        record_store_ = std::make_unique<storage::SqlRecordStore>(db_->db());
        auth_store_ = std::make_unique<storage::SqlAuthStore>(db_->db());
        records_ = std::make_unique<records::RecordService>(*record_store_, clock_);
        AuthOptions options;
        options.hash_cost = HashCost::kMinimum;  // the real cost is for users, not for tests
        auth_ = std::make_unique<AuthService>(*auth_store_, *records_, clock_, options);
        admin_a_ = make_org("Cedar Telecom", "cedar");
        admin_b_ = make_org("Other Co", "other");
    }

    Actor make_org(const std::string& name, const std::string& slug) {
        records::Organisation org;
        org.name = name;
        org.slug = slug;
        auto created = records_->create_organisation(org);
        EXPECT_THAT(created, IsOk());
        records::User admin;
        admin.email = "admin@" + slug + ".example";
        admin.role = Role::kAdmin;
        EXPECT_THAT(records_->create_user(created->id, admin), IsOk());
        EXPECT_THAT(auth_->set_initial_password(created->id, admin.email, kPassword), IsOk());
        return records_->resolve_actor(slug, "").value();
    }

    Actor add(const Actor& by, const std::string& email, Role role) {
        auto user = auth_->add_user(by, email, "Pat", role, kPassword);
        EXPECT_THAT(user, IsOk());
        Actor a = by;
        a.user_id = user->id;
        a.role = role;
        return a;
    }

    Result<SignedIn> sign_in(const std::string& email,
                             const std::string& password,
                             const std::string& address = "192.0.2.1",
                             const std::string& org = "") {
        return auth_->sign_in({org, email, password, address});
    }

    FixedClock clock_{parse_timestamp("2026-11-22T09:00:00Z", "now").value()};
    std::unique_ptr<hover::testing::TestDatabase> db_;
    std::unique_ptr<storage::SqlRecordStore> record_store_;
    std::unique_ptr<storage::SqlAuthStore> auth_store_;
    std::unique_ptr<records::RecordService> records_;
    std::unique_ptr<AuthService> auth_;
    Actor admin_a_;
    Actor admin_b_;
};

// ---- Users and passwords

// REQ: P4
TEST_F(AuthServiceTest, AdminAndManagerAddUsersTechnicianMayNot) {
    Actor manager = add(admin_a_, "mgr@cedar.example", Role::kManager);
    Actor tech = add(manager, "tech@cedar.example", Role::kTechnician);
    EXPECT_THAT(auth_->add_user(tech, "new@cedar.example", "New", Role::kTechnician, kPassword),
                HasError(ErrorCode::kPermissionDenied));
    EXPECT_THAT(auth_->add_user(manager, "boss@cedar.example", "Boss", Role::kAdmin, kPassword),
                HasError(ErrorCode::kPermissionDenied));
    EXPECT_THAT(auth_->add_user(admin_a_, "boss@cedar.example", "Boss", Role::kAdmin, kPassword),
                IsOk());
    auto users = auth_->list_users(admin_a_);
    ASSERT_THAT(users, IsOk());
    EXPECT_THAT(users.value(), SizeIs(4));
    EXPECT_TRUE(users->front().has_password);
}

// REQ: P4
TEST_F(AuthServiceTest, AddUserValidatesEmailPasswordAndDuplicates) {
    EXPECT_THAT(auth_->add_user(admin_a_, "not-an-email", "X", Role::kTechnician, kPassword),
                HasFieldError(ErrorCode::kInvalidInput, "email"));
    EXPECT_THAT(auth_->add_user(admin_a_, "x@cedar.example", "X", Role::kTechnician, "short"),
                HasFieldError(ErrorCode::kInvalidInput, "password"));
    EXPECT_THAT(auth_->add_user(admin_a_, "longname@cedar.example", "X", Role::kTechnician,
                                "LongName@Cedar.example"),
                HasFieldError(ErrorCode::kInvalidInput, "password"));
    add(admin_a_, "x@cedar.example", Role::kTechnician);
    EXPECT_THAT(auth_->add_user(admin_a_, "X@cedar.example", "X", Role::kTechnician, kPassword),
                HasError(ErrorCode::kConflict));
    // Nothing half-done: the failed adds left no user behind.
    EXPECT_THAT(auth_->list_users(admin_a_).value(), SizeIs(2));
}

// REQ: P4
TEST_F(AuthServiceTest, UserWithoutPasswordCannotSignIn) {
    records::User u;
    u.email = "nopass@cedar.example";
    ASSERT_THAT(records_->create_user(admin_a_.org_id, u), IsOk());
    auto r = sign_in("nopass@cedar.example", kPassword);
    EXPECT_THAT(r, HasError(ErrorCode::kUnauthenticated));
    EXPECT_EQ(r.error().user_message, "The email or password is wrong.");
}

// REQ: P4
TEST_F(AuthServiceTest, ChangingYourOwnPasswordNeedsTheOldOneAndRevokesOtherSessions) {
    auto first = sign_in("admin@cedar.example", kPassword);
    auto second = sign_in("admin@cedar.example", kPassword);
    ASSERT_THAT(first, IsOk());
    ASSERT_THAT(second, IsOk());
    EXPECT_THAT(auth_->change_password(admin_a_, "wrong-old-password", "a brand new secret"),
                HasFieldError(ErrorCode::kInvalidInput, "old_password"));
    EXPECT_THAT(auth_->change_password(admin_a_, kPassword, "admin@cedar.example"),
                HasFieldError(ErrorCode::kInvalidInput, "password"));
    ASSERT_THAT(
        auth_->change_password(admin_a_, kPassword, "a brand new secret", second->session.id),
        IsOk());
    EXPECT_THAT(auth_->session_for_token(first->token), HasError(ErrorCode::kUnauthenticated));
    EXPECT_THAT(auth_->session_for_token(second->token), IsOk());
    EXPECT_THAT(sign_in("admin@cedar.example", kPassword), HasError(ErrorCode::kUnauthenticated));
    EXPECT_THAT(sign_in("admin@cedar.example", "a brand new secret"), IsOk());
}

// REQ: P4
TEST_F(AuthServiceTest, ResetPasswordByRoleAndNeverAcrossOrganisations) {
    Actor manager = add(admin_a_, "mgr@cedar.example", Role::kManager);
    Actor tech = add(admin_a_, "tech@cedar.example", Role::kTechnician);
    Actor other_tech = add(admin_b_, "tech@other.example", Role::kTechnician);
    auto session = sign_in("tech@cedar.example", kPassword);
    ASSERT_THAT(session, IsOk());

    EXPECT_THAT(auth_->reset_password(tech, manager.user_id, "someone elses pw"),
                HasError(ErrorCode::kPermissionDenied));
    EXPECT_THAT(auth_->reset_password(manager, admin_a_.user_id, "taking over admin"),
                HasError(ErrorCode::kPermissionDenied));
    EXPECT_THAT(auth_->reset_password(admin_a_, other_tech.user_id, "cross tenant pw"),
                HasError(ErrorCode::kNotFound));
    EXPECT_THAT(auth_->reset_password(admin_a_, admin_a_.user_id, "no old password"),
                HasFieldError(ErrorCode::kInvalidInput, "user"));
    ASSERT_THAT(auth_->reset_password(manager, tech.user_id, "reset by manager"), IsOk());
    // The reset revokes every session of the user.
    EXPECT_THAT(auth_->session_for_token(session->token), HasError(ErrorCode::kUnauthenticated));
    EXPECT_THAT(sign_in("tech@cedar.example", "reset by manager"), IsOk());
    // The other organisation's technician is untouched.
    EXPECT_THAT(sign_in("tech@other.example", kPassword), IsOk());
}

// REQ: P4
TEST_F(AuthServiceTest, InitialPasswordIsSetOnce) {
    EXPECT_THAT(auth_->set_initial_password(admin_a_.org_id, "admin@cedar.example", kPassword),
                HasError(ErrorCode::kConflict));
    EXPECT_THAT(auth_->set_initial_password(admin_a_.org_id, "admin@other.example", kPassword),
                HasError(ErrorCode::kNotFound));
}

// ---- Sessions

// REQ: P4
TEST_F(AuthServiceTest, SignInGivesATokenWhoseHashIsStored) {
    auto r = sign_in("  Admin@Cedar.example ", kPassword);
    ASSERT_THAT(r, IsOk());
    EXPECT_EQ(r->token.size(), 43U);
    EXPECT_EQ(r->session.token_hash, sha256_hex(r->token));
    EXPECT_NE(r->session.token_hash.find_first_not_of("0123456789abcdef"), 0U);
    EXPECT_EQ(r->session.csrf_token.size(), 43U);
    EXPECT_EQ(r->actor.org_id, admin_a_.org_id);
    EXPECT_EQ(r->actor.role, Role::kAdmin);
    auto stored = auth_store_->find_session_by_hash(sha256_hex(r->token));
    ASSERT_THAT(stored, IsOk());
    EXPECT_NE(stored->token_hash, r->token);
    auto active = auth_->session_for_token(r->token);
    ASSERT_THAT(active, IsOk());
    EXPECT_EQ(active->actor.user_id, admin_a_.user_id);
    EXPECT_EQ(active->session.csrf_token, r->session.csrf_token);
}

// REQ: P4
TEST_F(AuthServiceTest, UnknownEmailAndWrongPasswordGetTheSameMessage) {
    auto unknown = sign_in("nobody@cedar.example", kPassword);
    auto wrong = sign_in("admin@cedar.example", "not the password");
    ASSERT_THAT(unknown, HasError(ErrorCode::kUnauthenticated));
    ASSERT_THAT(wrong, HasError(ErrorCode::kUnauthenticated));
    EXPECT_EQ(unknown.error().user_message, wrong.error().user_message);
    EXPECT_EQ(unknown.error().field, wrong.error().field);
    EXPECT_THAT(sign_in("", kPassword), HasFieldError(ErrorCode::kInvalidInput, "email"));
    EXPECT_THAT(sign_in("admin@cedar.example", ""),
                HasFieldError(ErrorCode::kInvalidInput, "password"));
}

// REQ: P4
TEST_F(AuthServiceTest, OrgSlugChoosesBetweenOrganisationsWithTheSameEmail) {
    auto same = auth_->add_user(admin_b_, "admin@cedar.example", "Twin", Role::kTechnician,
                                "the other password");
    ASSERT_THAT(same, IsOk());
    auto in_b = sign_in("admin@cedar.example", "the other password", "192.0.2.1", "other");
    ASSERT_THAT(in_b, IsOk());
    EXPECT_EQ(in_b->actor.org_id, admin_b_.org_id);
    EXPECT_THAT(sign_in("admin@cedar.example", kPassword, "192.0.2.1", "other"),
                HasError(ErrorCode::kUnauthenticated));
    // Without a slug, the password decides which account it is.
    auto in_a = sign_in("admin@cedar.example", kPassword);
    ASSERT_THAT(in_a, IsOk());
    EXPECT_EQ(in_a->actor.org_id, admin_a_.org_id);
}

// REQ: P4
TEST_F(AuthServiceTest, SessionEndsAfterIdleTimeoutAndAbsoluteExpiry) {
    auto r = sign_in("admin@cedar.example", kPassword);
    ASSERT_THAT(r, IsOk());
    clock_.advance(11h);
    EXPECT_THAT(auth_->session_for_token(r->token), IsOk());  // slides last_seen
    clock_.advance(11h);
    EXPECT_THAT(auth_->session_for_token(r->token), IsOk());
    clock_.advance(std::chrono::seconds(12h) + 1s);
    EXPECT_THAT(auth_->session_for_token(r->token), HasError(ErrorCode::kUnauthenticated));

    auto busy = sign_in("admin@cedar.example", kPassword);
    ASSERT_THAT(busy, IsOk());
    // Used every 10 hours, it lives exactly 30 days (720 hours).
    for (int i = 1; i < 72; ++i) {
        clock_.advance(10h);
        ASSERT_THAT(auth_->session_for_token(busy->token), IsOk()) << "after " << i * 10 << " h";
    }
    clock_.advance(10h);
    EXPECT_THAT(auth_->session_for_token(busy->token), HasError(ErrorCode::kUnauthenticated));
}

// REQ: P4
TEST_F(AuthServiceTest, LastSeenSlidesAtMostOnceAMinute) {
    auto r = sign_in("admin@cedar.example", kPassword);
    ASSERT_THAT(r, IsOk());
    Timestamp signed_in_at = clock_.now();
    clock_.advance(30s);
    EXPECT_EQ(auth_->session_for_token(r->token)->session.last_seen_at, signed_in_at);
    EXPECT_EQ(auth_store_->find_session_by_hash(r->session.token_hash)->last_seen_at, signed_in_at);
    clock_.advance(31s);
    EXPECT_EQ(auth_->session_for_token(r->token)->session.last_seen_at, clock_.now());
    EXPECT_EQ(auth_store_->find_session_by_hash(r->session.token_hash)->last_seen_at, clock_.now());
}

// REQ: P4
TEST_F(AuthServiceTest, SignOutRevokesTheSession) {
    auto r = sign_in("admin@cedar.example", kPassword);
    ASSERT_THAT(r, IsOk());
    EXPECT_THAT(auth_->sign_out(r->token), IsOk());
    EXPECT_THAT(auth_->session_for_token(r->token), HasError(ErrorCode::kUnauthenticated));
    EXPECT_THAT(auth_->sign_out(r->token), IsOk());
    EXPECT_THAT(auth_->sign_out("no-such-token"), IsOk());
    EXPECT_THAT(auth_->session_for_token(""), HasError(ErrorCode::kUnauthenticated));
    EXPECT_THAT(auth_->session_for_token("made-up"), HasError(ErrorCode::kUnauthenticated));
}

// REQ: P4, P3 (a busy client is verified once a second, not once per request)
TEST_F(AuthServiceTest, VerifiedCredentialsAreTrustedForOneSecondUnlessChangedHere) {
    auto created = auth_->create_api_token(admin_a_, admin_a_.user_id, "dashboard");
    ASSERT_THAT(created, IsOk());
    auto r = sign_in("admin@cedar.example", kPassword);
    ASSERT_THAT(r, IsOk());
    ASSERT_THAT(auth_->actor_for_token(created->secret), IsOk());
    ASSERT_THAT(auth_->session_for_token(r->token), IsOk());

    // Revoked by another process (the CLI, a second server): straight through the store.
    ASSERT_THAT(auth_store_->revoke_api_token(admin_a_.org_id, created->token.id, clock_.now()),
                IsOk());
    ASSERT_THAT(auth_store_->revoke_session(admin_a_.org_id, r->session.id, clock_.now()), IsOk());
    EXPECT_THAT(auth_->actor_for_token(created->secret), IsOk());  // within the second
    EXPECT_THAT(auth_->session_for_token(r->token), IsOk());
    clock_.advance(1s);
    EXPECT_THAT(auth_->actor_for_token(created->secret), HasError(ErrorCode::kUnauthenticated));
    EXPECT_THAT(auth_->session_for_token(r->token), HasError(ErrorCode::kUnauthenticated));

    // Changed through this service: at once, with no time passing.
    auto second = auth_->create_api_token(admin_a_, admin_a_.user_id, "second");
    auto r2 = sign_in("admin@cedar.example", kPassword);
    ASSERT_THAT(auth_->actor_for_token(second->secret), IsOk());
    ASSERT_THAT(auth_->session_for_token(r2->token), IsOk());
    ASSERT_THAT(auth_->revoke_api_token(admin_a_, second->token.id), IsOk());
    ASSERT_THAT(auth_->sign_out(r2->token), IsOk());
    EXPECT_THAT(auth_->actor_for_token(second->secret), HasError(ErrorCode::kUnauthenticated));
    EXPECT_THAT(auth_->session_for_token(r2->token), HasError(ErrorCode::kUnauthenticated));
}

// ---- Throttling

// REQ: P4
TEST_F(AuthServiceTest, FiveFailuresPerAccountBlockEvenTheRightPassword) {
    for (int i = 0; i < 5; ++i) {
        EXPECT_THAT(sign_in("admin@cedar.example", "wrong password!", "192.0.2.1"),
                    HasError(ErrorCode::kUnauthenticated));
        clock_.advance(1min);
    }
    // From another address too: the limit is per account.
    auto blocked = sign_in("admin@cedar.example", kPassword, "198.51.100.7");
    ASSERT_THAT(blocked, HasError(ErrorCode::kRateLimited));
    EXPECT_THAT(blocked.error().user_message, HasSubstr("Try again in 10 minutes"));
    EXPECT_THAT(blocked.error().user_message, HasSubstr("2026-11-22T09:15:00Z"));
    // Other accounts are not affected.
    EXPECT_THAT(sign_in("admin@other.example", kPassword, "198.51.100.7"), IsOk());
    clock_.set(parse_timestamp("2026-11-22T09:15:00Z", "t").value());
    EXPECT_THAT(sign_in("admin@cedar.example", kPassword), IsOk());
}

// REQ: P4
TEST_F(AuthServiceTest, UnknownEmailsAreThrottledLikeKnownOnes) {
    for (int i = 0; i < 5; ++i) {
        EXPECT_THAT(sign_in("ghost@cedar.example", "wrong password!"),
                    HasError(ErrorCode::kUnauthenticated));
    }
    EXPECT_THAT(sign_in("ghost@cedar.example", "wrong password!"),
                HasError(ErrorCode::kRateLimited));
}

// REQ: P4
TEST_F(AuthServiceTest, TwentyFailuresPerAddressBlockThatAddress) {
    for (int i = 0; i < 20; ++i) {
        EXPECT_THAT(sign_in("guess" + std::to_string(i) + "@cedar.example", "wrong password!",
                            "203.0.113.9"),
                    HasError(ErrorCode::kUnauthenticated));
    }
    EXPECT_THAT(sign_in("admin@cedar.example", kPassword, "203.0.113.9"),
                HasError(ErrorCode::kRateLimited));
    EXPECT_THAT(sign_in("admin@cedar.example", kPassword, "192.0.2.1"), IsOk());
    clock_.advance(15min);
    EXPECT_THAT(sign_in("admin@cedar.example", kPassword, "203.0.113.9"), IsOk());
}

// ---- API tokens

// REQ: P4
TEST_F(AuthServiceTest, ApiTokenSecretIsShownOnceAndResolvesToTheActor) {
    auto created = auth_->create_api_token(admin_a_, admin_a_.user_id, "nightly export");
    ASSERT_THAT(created, IsOk());
    const std::string& secret = created->secret;
    EXPECT_EQ(secret.rfind("hover_", 0), 0U);
    EXPECT_EQ(secret.size(), 6U + 43U);
    EXPECT_EQ(created->token.prefix, secret.substr(0, 12));
    auto listed = auth_->list_api_tokens(admin_a_, admin_a_.user_id);
    ASSERT_THAT(listed, IsOk());
    ASSERT_THAT(listed.value(), SizeIs(1));
    EXPECT_EQ(listed->front().name, "nightly export");
    EXPECT_EQ(listed->front().token_hash, sha256_hex(secret));
    EXPECT_FALSE(listed->front().last_used_at.has_value());

    auto actor = auth_->actor_for_token(secret);
    ASSERT_THAT(actor, IsOk());
    EXPECT_EQ(actor->org_id, admin_a_.org_id);
    EXPECT_EQ(actor->user_id, admin_a_.user_id);
    EXPECT_EQ(actor->role, Role::kAdmin);
    EXPECT_EQ(auth_->list_api_tokens(admin_a_, admin_a_.user_id)->front().last_used_at,
              clock_.now());
    Timestamp first_use = clock_.now();
    clock_.advance(20s);
    EXPECT_THAT(auth_->actor_for_token(secret), IsOk());
    EXPECT_EQ(auth_->list_api_tokens(admin_a_, admin_a_.user_id)->front().last_used_at, first_use);
    clock_.advance(41s);
    EXPECT_THAT(auth_->actor_for_token(secret), IsOk());
    EXPECT_EQ(auth_->list_api_tokens(admin_a_, admin_a_.user_id)->front().last_used_at,
              clock_.now());

    ASSERT_THAT(auth_->revoke_api_token(admin_a_, created->token.id), IsOk());
    EXPECT_THAT(auth_->actor_for_token(secret), HasError(ErrorCode::kUnauthenticated));
    EXPECT_THAT(auth_->list_api_tokens(admin_a_, admin_a_.user_id).value(), SizeIs(0));
    EXPECT_THAT(auth_->revoke_api_token(admin_a_, created->token.id),
                HasError(ErrorCode::kNotFound));
}

// REQ: P4
TEST_F(AuthServiceTest, ApiTokensNeedANameAndRejectMadeUpSecrets) {
    EXPECT_THAT(auth_->create_api_token(admin_a_, admin_a_.user_id, "  "),
                HasFieldError(ErrorCode::kInvalidInput, "name"));
    EXPECT_THAT(auth_->actor_for_token(""), HasError(ErrorCode::kUnauthenticated));
    EXPECT_THAT(auth_->actor_for_token("hover_" + std::string(43, 'A')),
                HasError(ErrorCode::kUnauthenticated));
    EXPECT_THAT(auth_->actor_for_token("Bearer something"), HasError(ErrorCode::kUnauthenticated));
}

// REQ: P4
TEST_F(AuthServiceTest, ApiTokensByRoleAndNeverAcrossOrganisations) {
    Actor tech = add(admin_a_, "tech@cedar.example", Role::kTechnician);
    Actor tech2 = add(admin_a_, "tech2@cedar.example", Role::kTechnician);
    auto own = auth_->create_api_token(tech, tech.user_id, "phone script");
    ASSERT_THAT(own, IsOk());
    EXPECT_THAT(auth_->create_api_token(tech, tech2.user_id, "not mine"),
                HasError(ErrorCode::kPermissionDenied));
    EXPECT_THAT(auth_->list_api_tokens(tech2, tech.user_id),
                HasError(ErrorCode::kPermissionDenied));
    EXPECT_THAT(auth_->revoke_api_token(tech2, own->token.id),
                HasError(ErrorCode::kPermissionDenied));
    // The admin of another organisation cannot even see it.
    EXPECT_THAT(auth_->create_api_token(admin_b_, tech.user_id, "x"),
                HasError(ErrorCode::kNotFound));
    EXPECT_THAT(auth_->list_api_tokens(admin_b_, tech.user_id), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(auth_->revoke_api_token(admin_b_, own->token.id), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(auth_->actor_for_token(own->secret), IsOk());
    // The organisation's admin may revoke it.
    EXPECT_THAT(auth_->revoke_api_token(admin_a_, own->token.id), IsOk());
}

}  // namespace
}  // namespace hover::auth
