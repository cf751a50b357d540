// `hover user ...` run as a real process (DESIGN P4, P5): adding users, passwords from stdin,
// API tokens, roles, and the demo users' documented passwords. Sign-in is checked through the
// App on the same database file.
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/app.hpp"
#include "support/hover_process.hpp"

namespace hover::testing {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

std::string dump(const CommandResult& r) {
    return "exit " + std::to_string(r.exit_code) + "\n--- stdout\n" + r.out + "--- stderr\n" +
           r.err;
}

// One demo database for the suite (loading it hashes five passwords).
class UserCli : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        db_ = std::make_unique<TempFile>(".db");
        demo_ = run_hover({"demo", "--db", db_->path(), "--accounts", "2"}, kNoEnvDb);
    }
    static void TearDownTestSuite() { db_.reset(); }

    void SetUp() override { ASSERT_EQ(demo_.exit_code, 0) << dump(demo_); }

    static CommandResult hover(std::vector<std::string> args, const std::string& input = {}) {
        args.push_back("--db");
        args.push_back(db_->path());
        return run_hover(args, kNoEnvDb, input);
    }

    // Signs in through the service on the same file: the CLI's passwords really work.
    static Result<auth::SignedIn> sign_in(const std::string& email, const std::string& password) {
        auto app = App::open({.url = db_->path()});
        if (!app) {
            return std::move(app).error();
        }
        return app.value()->auth().sign_in({"red-dirt", email, password, "cli-test"});
    }

    static std::unique_ptr<TempFile> db_;
    static CommandResult demo_;
};

std::unique_ptr<TempFile> UserCli::db_;
CommandResult UserCli::demo_;

// REQ: P4
TEST_F(UserCli, DemoPrintsEveryUserWithRoleAndDemoPassword) {
    EXPECT_THAT(demo_.out,
                AllOf(HasSubstr("wade@reddirt.example"), HasSubstr("demo-admin-2026"),
                      HasSubstr("darlene@reddirt.example"), HasSubstr("demo-manager-2026"),
                      HasSubstr("dale@reddirt.example"), HasSubstr("demo-tech-2026")));
    EXPECT_TRUE(std::regex_search(demo_.out, std::regex("darlene@reddirt\\.example +manager")));
    EXPECT_TRUE(sign_in("wade@reddirt.example", "demo-admin-2026").has_value());
    EXPECT_TRUE(sign_in("darlene@reddirt.example", "demo-manager-2026").has_value());
    EXPECT_TRUE(sign_in("rosa@reddirt.example", "demo-tech-2026").has_value());
}

// REQ: P4
TEST_F(UserCli, AddReadsThePasswordFromStdinAndListShowsTheUser) {
    auto added =
        hover({"user", "add", "pat@reddirt.example", "--name", "Pat Quinn", "--role", "manager"},
              "pat-password-2026\n");
    ASSERT_EQ(added.exit_code, 0) << dump(added);
    EXPECT_THAT(added.out, HasSubstr("pat@reddirt.example"));
    EXPECT_THAT(added.out, Not(HasSubstr("pat-password-2026")));
    auto list = hover({"user", "list"});
    ASSERT_EQ(list.exit_code, 0) << dump(list);
    EXPECT_TRUE(
        std::regex_search(list.out, std::regex("pat@reddirt\\.example +Pat Quinn +manager +set")))
        << list.out;
    EXPECT_TRUE(sign_in("pat@reddirt.example", "pat-password-2026").has_value());
}

// REQ: P4
TEST_F(UserCli, BadInputIsRefusedWithTheFieldAndNothingIsAdded) {
    auto short_pw = hover({"user", "add", "short@reddirt.example"}, "short\n");
    EXPECT_EQ(short_pw.exit_code, 65) << dump(short_pw);
    EXPECT_THAT(short_pw.err, StartsWith("hover: password: "));
    auto none = hover({"user", "add", "none@reddirt.example"}, "");
    EXPECT_EQ(none.exit_code, 65) << dump(none);
    EXPECT_THAT(none.err, HasSubstr("never taken from flags"));
    auto role =
        hover({"user", "add", "role@reddirt.example", "--role", "boss"}, "long enough password\n");
    EXPECT_EQ(role.exit_code, 65) << dump(role);
    EXPECT_THAT(role.err, HasSubstr("--role"));
    // There is no password flag.
    auto flag = hover({"user", "add", "flag@reddirt.example", "--password", "in-the-history"});
    EXPECT_EQ(flag.exit_code, 64) << dump(flag);
    auto list = hover({"user", "list"});
    EXPECT_THAT(list.out, AllOf(Not(HasSubstr("short@")), Not(HasSubstr("none@")),
                                Not(HasSubstr("role@")), Not(HasSubstr("flag@"))));
}

// REQ: P4
TEST_F(UserCli, TechniciansCannotManageUsers) {
    auto add = hover({"user", "add", "sneaky@reddirt.example", "--as", "dale@reddirt.example"},
                     "long enough password\n");
    EXPECT_EQ(add.exit_code, 77) << dump(add);
    EXPECT_THAT(add.err, HasSubstr("admin or a manager"));
    auto reset = hover({"user", "passwd", "rosa@reddirt.example", "--as", "dale@reddirt.example"},
                       "long enough password\n");
    EXPECT_EQ(reset.exit_code, 77) << dump(reset);
    EXPECT_TRUE(sign_in("rosa@reddirt.example", "demo-tech-2026").has_value());
}

// REQ: P4
TEST_F(UserCli, PasswdResetsAnotherUsersPasswordAndChangesYourOwnWithTheOldOne) {
    auto reset = hover({"user", "passwd", "tyler@reddirt.example"}, "tyler-new-password\n");
    ASSERT_EQ(reset.exit_code, 0) << dump(reset);
    EXPECT_TRUE(sign_in("tyler@reddirt.example", "tyler-new-password").has_value());
    EXPECT_FALSE(sign_in("tyler@reddirt.example", "demo-tech-2026").has_value());

    auto wrong =
        hover({"user", "passwd", "darlene@reddirt.example", "--as", "darlene@reddirt.example"},
              "not-my-password\ndarlene-new-password\n");
    EXPECT_EQ(wrong.exit_code, 65) << dump(wrong);
    EXPECT_THAT(wrong.err, HasSubstr("old_password"));
    auto own =
        hover({"user", "passwd", "darlene@reddirt.example", "--as", "darlene@reddirt.example"},
              "demo-manager-2026\ndarlene-new-password\n");
    ASSERT_EQ(own.exit_code, 0) << dump(own);
    EXPECT_TRUE(sign_in("darlene@reddirt.example", "darlene-new-password").has_value());

    auto unknown = hover({"user", "passwd", "ghost@reddirt.example"}, "long enough password\n");
    EXPECT_EQ(unknown.exit_code, 66) << dump(unknown);
}

// REQ: P4
TEST_F(UserCli, TokenCreateShowsTheSecretOnceListHidesItRevokeEndsIt) {
    auto created =
        hover({"user", "token", "create", "rosa@reddirt.example", "--name", "nightly export"});
    ASSERT_EQ(created.exit_code, 0) << dump(created);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(created.out, m, std::regex("(hover_[A-Za-z0-9_-]{43})\n")))
        << created.out;
    std::string secret = m[1];
    ASSERT_TRUE(std::regex_search(created.out, m, std::regex("API token (\\d+)")));
    std::string id = m[1];

    auto app = App::open({.url = db_->path()});
    ASSERT_TRUE(app.has_value());
    auto actor = app.value()->auth().actor_for_token(secret);
    ASSERT_TRUE(actor.has_value());
    EXPECT_EQ(actor->role, Role::kTechnician);

    auto list = hover({"user", "token", "list", "rosa@reddirt.example"});
    ASSERT_EQ(list.exit_code, 0) << dump(list);
    EXPECT_THAT(list.out, AllOf(HasSubstr("nightly export"), HasSubstr(secret.substr(0, 12)),
                                Not(HasSubstr(secret))));

    auto revoke = hover({"user", "token", "revoke", id});
    ASSERT_EQ(revoke.exit_code, 0) << dump(revoke);
    // A server that verified the token a moment ago trusts it for up to a second more
    // (AuthServiceTest.VerifiedCredentialsAreTrustedForOneSecondUnlessChangedHere); a fresh one
    // refuses it at once.
    auto fresh = App::open({.url = db_->path()});
    ASSERT_TRUE(fresh.has_value());
    EXPECT_FALSE(fresh.value()->auth().actor_for_token(secret).has_value());
    auto again = hover({"user", "token", "revoke", id});
    EXPECT_EQ(again.exit_code, 66) << dump(again);
    auto nameless = hover({"user", "token", "create", "rosa@reddirt.example"});
    EXPECT_EQ(nameless.exit_code, 64) << dump(nameless);
}

// REQ: F5 (hover user calendar-feed: the address once, then only its state; revoked for good)
TEST_F(UserCli, CalendarFeedIsCreatedShownAndRevoked) {
    auto none = hover({"user", "calendar-feed", "show", "dale@reddirt.example"});
    EXPECT_EQ(none.exit_code, 0) << dump(none);
    EXPECT_THAT(none.out, HasSubstr("has no calendar feed"));
    auto created = hover({"user", "calendar-feed", "create", "dale@reddirt.example", "--base-url",
                          "https://hover.example.com/"});
    ASSERT_EQ(created.exit_code, 0) << dump(created);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(
        created.out, m,
        std::regex("https://hover\\.example\\.com/calendar/(hcal_[A-Za-z0-9_-]{43})\\.ics\n")))
        << created.out;
    std::string secret = m[1];
    {
        auto app = App::open({.url = db_->path()});
        ASSERT_TRUE(app);
        EXPECT_TRUE(app.value()->calendar().content_for_secret(secret, ""));
    }
    auto shown = hover({"user", "calendar-feed", "show", "dale@reddirt.example"});
    EXPECT_THAT(shown.out, AllOf(HasSubstr(secret.substr(0, 10)), Not(HasSubstr(secret))));
    auto bad = hover({"user", "calendar-feed", "create", "dale@reddirt.example", "--base-url",
                      "hover.example.com"});
    EXPECT_EQ(bad.exit_code, 65) << dump(bad);
    EXPECT_THAT(bad.err, HasSubstr("--base-url"));
    auto revoked = hover({"user", "calendar-feed", "revoke", "dale@reddirt.example"});
    EXPECT_EQ(revoked.exit_code, 0) << dump(revoked);
    auto app = App::open({.url = db_->path()});
    ASSERT_TRUE(app);
    EXPECT_FALSE(app.value()->calendar().content_for_secret(secret, ""));
    auto again = hover({"user", "calendar-feed", "revoke", "dale@reddirt.example"});
    EXPECT_NE(again.exit_code, 0);
    EXPECT_THAT(again.err, HasSubstr("no calendar feed"));
}

}  // namespace
}  // namespace hover::testing
