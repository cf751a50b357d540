// The storage contract of the followups module: the same tests on SQLite and on PostgreSQL
// (DESIGN.md F1, P1, P4).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "storage/followups/sql_followup_store.hpp"
#include "storage/records/sql_record_store.hpp"
#include "support/result_matchers.hpp"
#include "support/test_database.hpp"
#include "support/test_time.hpp"

namespace hover {
namespace {

using namespace followups;
using testing::Backend;
using testing::HasError;
using ::testing::IsEmpty;
using testing::IsOk;
using ::testing::SizeIs;

using hover::testing::at;

class FollowupStoreContract : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        HOVER_SKIP_IF_NO_POSTGRES(GetParam());
        db_ = testing::TestDatabase::open(GetParam());
        ASSERT_NE(db_, nullptr);
        records_ = std::make_unique<storage::SqlRecordStore>(db_->db());
        store_ = std::make_unique<storage::SqlFollowupStore>(db_->db());
        org_a_ =
            records_
                ->insert_organisation({OrgId{}, "alpha", "alpha", "US", at("2026-01-01T00:00:00Z")})
                .value();
        org_b_ =
            records_
                ->insert_organisation({OrgId{}, "bravo", "bravo", "US", at("2026-01-01T00:00:00Z")})
                .value();
        user_a_ = records_
                      ->insert_user({UserId{}, org_a_, "t@alpha.example", "Tech", Role::kTechnician,
                                     at("2026-01-01T00:00:00Z")})
                      .value();
        user_b_ = records_
                      ->insert_user({UserId{}, org_b_, "t@bravo.example", "Tech", Role::kTechnician,
                                     at("2026-01-01T00:00:00Z")})
                      .value();
    }

    AccountId account(OrgId org,
                      const std::string& name,
                      records::AccountStatus status,
                      std::optional<UserId> technician = std::nullopt) {
        records::Account a;
        a.org_id = org;
        a.name = name;
        a.status = status;
        a.technician_id = technician;
        a.created_at = a.updated_at = at("2026-01-01T00:00:00Z");
        return records_->insert_account(a).value();
    }

    Followup followup(OrgId org, AccountId account, UserId user, Date due) {
        Followup f;
        f.org_id = org;
        f.account_id = account;
        f.assigned_to = user;
        f.created_by = user;
        f.due_on = due;
        f.channel = records::Channel::kVisit;
        f.reason = "Check the UPS batteries";
        f.created_at = at("2026-11-22T09:00:00Z");
        return f;
    }

    std::unique_ptr<testing::TestDatabase> db_;
    std::unique_ptr<storage::SqlRecordStore> records_;
    std::unique_ptr<storage::SqlFollowupStore> store_;
    OrgId org_a_, org_b_;
    UserId user_a_, user_b_;
};

// REQ: F1
TEST_P(FollowupStoreContract, RoundTripsAFollowupAndClosesItOnce) {
    auto acc = account(org_a_, "Prairie", records::AccountStatus::kCustomer);
    auto f = followup(org_a_, acc, user_a_, std::chrono::year{2026} / 12 / 1);
    auto id = store_->insert_followup(f);
    ASSERT_THAT(id, IsOk());
    auto found = store_->find_followup(org_a_, *id);
    ASSERT_THAT(found, IsOk());
    EXPECT_EQ(found->due_on, f.due_on);
    EXPECT_EQ(found->channel, records::Channel::kVisit);
    EXPECT_EQ(found->reason, f.reason);
    EXPECT_EQ(found->status, FollowupStatus::kOpen);
    EXPECT_FALSE(found->closed_at.has_value());

    auto next =
        store_->insert_followup(followup(org_a_, acc, user_a_, std::chrono::year{2027} / 1 / 5))
            .value();
    Followup closed = *found;
    closed.status = FollowupStatus::kDone;
    closed.closed_at = at("2026-11-30T10:00:00Z");
    closed.closed_by = user_a_;
    closed.outcome = "Batteries swapped";
    closed.next_id = next;
    ASSERT_THAT(store_->close_followup(closed), IsOk());
    EXPECT_THAT(store_->close_followup(closed), HasError(ErrorCode::kConflict));
    auto reread = store_->find_followup(org_a_, *id).value();
    EXPECT_EQ(reread.status, FollowupStatus::kDone);
    EXPECT_EQ(reread.outcome, "Batteries swapped");
    EXPECT_EQ(reread.next_id, next);
    EXPECT_EQ(reread.closed_at, closed.closed_at);

    auto list = store_->list_followups(org_a_, {.account = acc}).value();
    ASSERT_THAT(list, SizeIs(2));
    EXPECT_EQ(list[0].id, next);  // open first
    EXPECT_THAT(store_->list_followups(org_a_, {.status = FollowupStatus::kOpen}).value(),
                SizeIs(1));
}

// REQ: F1, P4
TEST_P(FollowupStoreContract, AnotherOrganisationSeesNothing) {
    auto acc = account(org_a_, "Prairie", records::AccountStatus::kCustomer);
    auto id =
        store_->insert_followup(followup(org_a_, acc, user_a_, std::chrono::year{2026} / 12 / 1))
            .value();
    EXPECT_THAT(store_->find_followup(org_b_, id), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(store_->list_followups(org_b_, {}).value(), IsEmpty());
    EXPECT_THAT(store_->list_followups(org_b_, {.account = acc}).value(), IsEmpty());
    Followup closed = store_->find_followup(org_a_, id).value();
    closed.org_id = org_b_;
    closed.closed_at = at("2026-11-30T10:00:00Z");
    closed.outcome = "hijack";
    EXPECT_THAT(store_->close_followup(closed), HasError(ErrorCode::kNotFound));
    EXPECT_EQ(store_->find_followup(org_a_, id)->status, FollowupStatus::kOpen);
    EXPECT_THAT(store_->list_hover_gaps(org_b_, std::nullopt).value(), IsEmpty());
}

// REQ: F1 (hover gaps)
TEST_P(FollowupStoreContract, HoverGapsAreActiveAccountsWithoutAnOpenFollowup) {
    auto covered = account(org_a_, "Covered", records::AccountStatus::kCustomer, user_a_);
    auto gap = account(org_a_, "gap prospect", records::AccountStatus::kProspect, user_a_);
    account(org_a_, "Former", records::AccountStatus::kFormer, user_a_);
    auto unowned = account(org_a_, "Another gap", records::AccountStatus::kCustomer);
    account(org_b_, "Bravo gap", records::AccountStatus::kCustomer, user_b_);
    store_->insert_followup(followup(org_a_, covered, user_a_, std::chrono::year{2026} / 12 / 1))
        .value();
    records::Interaction i;
    i.org_id = org_a_;
    i.account_id = gap;
    i.user_id = user_a_;
    i.occurred_at = at("2026-10-01T15:00:00Z");
    i.created_at = i.occurred_at;
    records_->insert_interaction(i).value();

    auto all = store_->list_hover_gaps(org_a_, std::nullopt).value();
    ASSERT_THAT(all, SizeIs(2));
    EXPECT_EQ(all[0].account_id, unowned);  // by name, case-insensitive
    EXPECT_EQ(all[1].account_id, gap);
    EXPECT_EQ(all[1].last_touch_at, i.occurred_at);
    EXPECT_FALSE(all[0].last_touch_at.has_value());
    auto mine = store_->list_hover_gaps(org_a_, user_a_).value();
    ASSERT_THAT(mine, SizeIs(1));
    EXPECT_EQ(mine[0].account_id, gap);
}

// REQ: F2, F3, P4 (policy settings per level, touches, active accounts, override counts)
TEST_P(FollowupStoreContract, StoresPolicySettingsAndListsTouchesPerOrganisation) {
    auto acc = account(org_a_, "Prairie", records::AccountStatus::kCustomer, user_a_);
    EXPECT_EQ(store_->find_policy(org_a_, PolicyScope::kAccount, acc.value).value(),
              PolicySettings{});
    PolicySettings settings{.min_days_between_touches = 2,
                            .quiet_weekdays = 0b1000001,
                            .quiet_from_minute = 18 * 60,
                            .quiet_until_minute = 8 * 60,
                            .preferred_channel = records::Channel::kEmail,
                            .time_zone = "America/Denver",
                            .ideal_interval_days = 10};
    ASSERT_THAT(store_->put_policy(org_a_, PolicyScope::kAccount, acc.value, settings,
                                   at("2026-11-22T09:00:00Z")),
                IsOk());
    EXPECT_EQ(store_->find_policy(org_a_, PolicyScope::kAccount, acc.value).value(), settings);
    // Replacing a level drops what the new settings leave out.
    PolicySettings smaller{.max_touches_per_30_days = 3};
    ASSERT_THAT(store_->put_policy(org_a_, PolicyScope::kAccount, acc.value, smaller,
                                   at("2026-11-22T10:00:00Z")),
                IsOk());
    EXPECT_EQ(store_->find_policy(org_a_, PolicyScope::kAccount, acc.value).value(), smaller);
    EXPECT_EQ(store_->find_policy(org_b_, PolicyScope::kAccount, acc.value).value(),
              PolicySettings{});
    EXPECT_THAT(store_->list_account_policies(org_b_).value(), IsEmpty());
    auto listed = store_->list_account_policies(org_a_).value();
    ASSERT_THAT(listed, SizeIs(1));
    EXPECT_EQ(listed[0].first, acc);

    for (const char* when : {"2026-10-01T15:00:00Z", "2026-11-20T15:00:00Z"}) {
        records::Interaction i;
        i.org_id = org_a_;
        i.account_id = acc;
        i.user_id = user_a_;
        i.occurred_at = at(when);
        i.created_at = i.occurred_at;
        records_->insert_interaction(i).value();
    }
    auto touches = store_->list_touch_times(org_a_, acc, at("2026-11-01T00:00:00Z")).value();
    ASSERT_THAT(touches, SizeIs(1));
    EXPECT_EQ(touches[0], at("2026-11-20T15:00:00Z"));
    EXPECT_THAT(store_->list_touch_times(org_b_, acc, at("2026-01-01T00:00:00Z")).value(),
                IsEmpty());

    auto active = store_->list_active_accounts(org_a_, user_a_).value();
    ASSERT_THAT(active, SizeIs(1));
    EXPECT_EQ(active[0].last_touch_at, at("2026-11-20T15:00:00Z"));
    EXPECT_FALSE(active[0].has_open_followup);
    auto f = followup(org_a_, acc, user_a_, std::chrono::year{2026} / 12 / 1);
    f.policy_override_reason = "asked for it";
    f.policy_overridden_rules = "quiet_day";
    f.due_minute = 9 * 60 + 30;
    auto id = store_->insert_followup(f).value();
    EXPECT_EQ(store_->find_followup(org_a_, id)->due_minute, 9 * 60 + 30);
    EXPECT_TRUE(store_->list_active_accounts(org_a_, user_a_).value()[0].has_open_followup);
    EXPECT_THAT(store_->list_active_accounts(org_b_, std::nullopt).value(), IsEmpty());
    EXPECT_EQ(store_->count_policy_overrides(org_a_, user_a_, at("2026-11-01T00:00:00Z")).value(),
              1);
    EXPECT_EQ(store_->count_policy_overrides(org_b_, user_a_, at("2026-11-01T00:00:00Z")).value(),
              0);
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         FollowupStoreContract,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         testing::backend_name);

}  // namespace
}  // namespace hover
