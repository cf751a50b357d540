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

    // An open follow-up assigned to a colleague counts too (the technician's own are read in one
    // pass, the others probed per account); a closed one does not.
    auto colleague = records_
                         ->insert_user({UserId{}, org_a_, "c@alpha.example", "Colleague",
                                        Role::kTechnician, at("2026-01-01T00:00:00Z")})
                         .value();
    auto other = account(org_a_, "Other", records::AccountStatus::kProspect, user_a_);
    auto closed = followup(org_a_, other, user_a_, std::chrono::year{2026} / 12 / 1);
    closed.id = store_->insert_followup(closed).value();
    closed.status = FollowupStatus::kDone;
    closed.closed_at = at("2026-11-22T12:00:00Z");
    closed.closed_by = user_a_;
    closed.outcome = "Nothing to do";
    closed.no_next_reason = "They are moving";
    ASSERT_THAT(store_->close_followup(closed), IsOk());
    auto has_open = [&](AccountId wanted, std::optional<UserId> technician) {
        for (const auto& a : store_->list_active_accounts(org_a_, technician).value()) {
            if (a.account_id == wanted) {
                return a.has_open_followup;
            }
        }
        ADD_FAILURE() << "account " << wanted.value << " is not listed";
        return false;
    };
    EXPECT_FALSE(has_open(other, user_a_));
    EXPECT_FALSE(has_open(other, std::nullopt));
    store_->insert_followup(followup(org_a_, other, colleague, std::chrono::year{2026} / 12 / 2))
        .value();
    EXPECT_TRUE(has_open(other, user_a_));
    EXPECT_TRUE(has_open(other, std::nullopt));
    EXPECT_TRUE(has_open(acc, user_a_));
    EXPECT_EQ(store_->count_policy_overrides(org_a_, user_a_, at("2026-11-01T00:00:00Z")).value(),
              1);
    EXPECT_EQ(store_->count_policy_overrides(org_b_, user_a_, at("2026-11-01T00:00:00Z")).value(),
              0);
}

// REQ: F4, P4 (the agenda's set-based reads: due follow-ups with their accounts' names and
// contacts' overrides, call outcomes, birthdays, anniversaries; never another organisation's)
TEST_P(FollowupStoreContract, TheAgendaReadsAreSetBasedAndStayInTheOrganisation) {
    using std::chrono::February;
    using std::chrono::November;
    auto acc = account(org_a_, "Prairie", records::AccountStatus::kCustomer, user_a_);
    auto prospect = account(org_a_, "apex", records::AccountStatus::kProspect, user_a_);
    auto former = account(org_a_, "Former", records::AccountStatus::kFormer, user_a_);
    auto theirs = account(org_b_, "Bravo", records::AccountStatus::kCustomer, user_b_);
    auto contact = [&](OrgId org, const char* first, std::optional<Date> birthday,
                       std::vector<AccountId> accounts, bool dnc = false) {
        records::Contact c;
        c.org_id = org;
        c.first_name = first;
        c.last_name = "Reyes";
        c.birthday = birthday;
        c.do_not_contact = dnc;
        c.created_at = c.updated_at = at("2026-01-01T00:00:00Z");
        for (auto a : accounts) {
            c.accounts.push_back({.account_id = a});
        }
        return records_->insert_contact(c).value();
    };
    Date nov23 = std::chrono::year{1980} / November / 23;
    auto dana = contact(org_a_, "Dana", nov23, {acc, prospect});  // on two accounts
    contact(org_a_, "Quiet", nov23, {acc}, true);                 // do not contact
    contact(org_a_, "Old", nov23, {former});                      // a former customer's
    auto leap = contact(org_a_, "Leap", std::chrono::year{1984} / February / 29, {acc});
    contact(org_a_, "Other day", std::chrono::year{1980} / November / 24, {acc});
    contact(org_b_, "Bravo", nov23, {theirs});

    MonthDayRange nov{November / 23, November / 23};
    auto birthdays = store_->list_birthdays(org_a_, user_a_, nov).value();
    ASSERT_THAT(birthdays, SizeIs(2));  // Dana under apex, then under Prairie
    EXPECT_EQ(birthdays[0].contact_id, dana);
    EXPECT_EQ(birthdays[0].account_id, prospect);
    EXPECT_EQ(birthdays[0].account_name, "apex");
    EXPECT_EQ(birthdays[0].birthday, nov23);
    EXPECT_EQ(birthdays[1].account_id, acc);
    auto feb = store_->list_birthdays(org_a_, user_a_, {February / 28, February / 29}).value();
    ASSERT_THAT(feb, SizeIs(1));
    EXPECT_EQ(feb[0].contact_id, leap);
    EXPECT_THAT(store_->list_birthdays(org_b_, user_a_, nov).value(), IsEmpty());
    EXPECT_THAT(store_->list_birthdays(org_a_, user_b_, nov).value(), IsEmpty());

    // Anniversaries: customers created on the day (all were created on 1 January).
    auto created = store_
                       ->list_customers_created_on(
                           org_a_, user_a_, {std::chrono::January / 1, std::chrono::January / 1})
                       .value();
    ASSERT_THAT(created, SizeIs(1));  // not the prospect, not the former customer
    EXPECT_EQ(created[0].account_id, acc);
    EXPECT_THAT(store_->list_customers_created_on(org_a_, user_a_, nov).value(), IsEmpty());
    EXPECT_THAT(store_
                    ->list_customers_created_on(
                        org_b_, user_a_, {std::chrono::January / 1, std::chrono::January / 1})
                    .value(),
                IsEmpty());

    // Due follow-ups: open, assigned to the user, due on or before the day.
    Date day = std::chrono::year{2026} / November / 23;
    auto call = followup(org_a_, acc, user_a_, std::chrono::year{2026} / November / 20);
    call.channel = records::Channel::kPhone;
    call.contact_id = dana;
    auto call_id = store_->insert_followup(call).value();
    auto today = store_->insert_followup(followup(org_a_, prospect, user_a_, day)).value();
    store_->insert_followup(followup(org_a_, acc, user_a_, std::chrono::year{2026} / 12 / 1))
        .value();  // later: not due
    store_->insert_followup(followup(org_b_, theirs, user_b_, day)).value();
    ASSERT_THAT(store_->put_policy(org_a_, PolicyScope::kContact, dana.value,
                                   {.time_zone = "America/Denver"}, at("2026-11-22T09:00:00Z")),
                IsOk());
    auto due = store_->list_due_followups(org_a_, user_a_, day).value();
    ASSERT_THAT(due, SizeIs(2));
    EXPECT_EQ(due[0].followup.id, call_id);
    EXPECT_EQ(due[0].account_name, "Prairie");
    EXPECT_EQ(due[0].contact_policy.time_zone, "America/Denver");
    EXPECT_EQ(due[1].followup.id, today);
    EXPECT_EQ(due[1].account_name, "apex");
    EXPECT_EQ(due[1].contact_policy, PolicySettings{});
    EXPECT_THAT(store_->list_due_followups(org_b_, user_a_, day).value(), IsEmpty());
    EXPECT_THAT(store_->list_due_followups(org_a_, user_b_, day).value(), IsEmpty());

    // Call outcomes of the contacts named on due phone follow-ups, oldest first.
    auto log_call = [&](OrgId org, AccountId a, ContactId c, const char* when,
                        records::Outcome outcome) {
        records::Interaction i;
        i.org_id = org;
        i.account_id = a;
        i.contact_id = c;
        i.user_id = org == org_a_ ? user_a_ : user_b_;
        i.kind = records::InteractionKind::kCall;
        i.direction = records::Direction::kOutbound;
        i.outcome = outcome;
        i.occurred_at = at(when);
        i.created_at = i.occurred_at;
        records_->insert_interaction(i).value();
    };
    log_call(org_a_, acc, dana, "2026-11-10T16:00:00Z", records::Outcome::kVoicemail);
    log_call(org_a_, acc, dana, "2026-11-03T16:00:00Z", records::Outcome::kReached);
    log_call(org_a_, acc, leap, "2026-11-04T16:00:00Z", records::Outcome::kReached);  // no call due
    auto outcomes = store_->list_due_call_outcomes(org_a_, user_a_, day).value();
    ASSERT_THAT(outcomes, SizeIs(2));
    EXPECT_EQ(outcomes[0].first, dana);
    EXPECT_EQ(outcomes[0].second.outcome, records::Outcome::kReached);
    EXPECT_EQ(outcomes[1].second.at, at("2026-11-10T16:00:00Z"));
    EXPECT_THAT(store_->list_due_call_outcomes(org_b_, user_a_, day).value(), IsEmpty());

    // REQ: F6 (an account's page: the calls to every contact linked to it, by contact, oldest
    // first; a contact on two accounts brings all its calls; nothing of another organisation)
    log_call(org_a_, prospect, dana, "2026-11-12T15:00:00Z", records::Outcome::kNoAnswer);
    auto bravo_contact = contact(org_b_, "Bravo two", std::nullopt, {theirs});
    log_call(org_b_, theirs, bravo_contact, "2026-11-05T16:00:00Z", records::Outcome::kReached);
    auto on_page = store_->list_account_call_outcomes(org_a_, acc).value();
    ASSERT_THAT(on_page, SizeIs(4));
    ContactId first = std::min(dana, leap);
    EXPECT_EQ(on_page[0].first, first);
    EXPECT_EQ(on_page[3].first, std::max(dana, leap));
    std::vector<Timestamp> danas;
    for (const auto& [who, logged] : on_page) {
        if (who == dana) {
            danas.push_back(logged.at);
        }
    }
    EXPECT_EQ(danas, (std::vector<Timestamp>{at("2026-11-03T16:00:00Z"), at("2026-11-10T16:00:00Z"),
                                             at("2026-11-12T15:00:00Z")}));
    EXPECT_THAT(store_->list_account_call_outcomes(org_a_, former).value(), IsEmpty());
    EXPECT_THAT(store_->list_account_call_outcomes(org_b_, acc).value(), IsEmpty());
    EXPECT_THAT(store_->list_account_call_outcomes(org_a_, theirs).value(), IsEmpty());
    EXPECT_THAT(store_->list_account_call_outcomes(org_b_, theirs).value(), SizeIs(1));

    // The page's contact policies: the own settings of each contact linked to the account, in one
    // read; contacts without any are left out, and another organisation's never come.
    ASSERT_THAT(store_->put_policy(org_a_, PolicyScope::kContact, leap.value,
                                   {.quiet_from_minute = 1080}, at("2026-11-22T09:00:00Z")),
                IsOk());
    ASSERT_THAT(store_->put_policy(org_b_, PolicyScope::kContact, bravo_contact.value,
                                   {.time_zone = "Europe/Paris"}, at("2026-11-22T09:00:00Z")),
                IsOk());
    auto own = store_->list_contact_policies_of_account(org_a_, acc).value();
    ASSERT_THAT(own, SizeIs(2));  // Dana and Leap, by contact id; not Quiet nor Other day
    EXPECT_EQ(own[0].first, std::min(dana, leap));
    EXPECT_EQ(own[1].first, std::max(dana, leap));
    for (const auto& [who, settings] : own) {
        if (who == dana) {
            EXPECT_EQ(settings.time_zone, "America/Denver");
        } else {
            EXPECT_EQ(settings.quiet_from_minute, 1080);
        }
    }
    EXPECT_THAT(store_->list_contact_policies_of_account(org_a_, prospect).value(),
                SizeIs(1));  // Dana is on both
    EXPECT_THAT(store_->list_contact_policies_of_account(org_b_, acc).value(), IsEmpty());
    EXPECT_THAT(store_->list_contact_policies_of_account(org_a_, theirs).value(), IsEmpty());
    EXPECT_THAT(store_->list_contact_policies_of_account(org_b_, theirs).value(), SizeIs(1));

    // Active accounts come with their own override.
    ASSERT_THAT(store_->put_policy(org_a_, PolicyScope::kAccount, acc.value,
                                   {.ideal_interval_days = 7}, at("2026-11-22T09:00:00Z")),
                IsOk());
    auto active = store_->list_active_accounts(org_a_, user_a_).value();
    ASSERT_THAT(active, SizeIs(2));  // by name whatever the case: "apex", then "Prairie"
    EXPECT_EQ(active[0].account_id, prospect);
    EXPECT_EQ(active[0].policy, PolicySettings{});
    EXPECT_EQ(active[1].policy.ideal_interval_days, 7);
    // The whole organisation's list (its own SQL text, sorted by the database) in the same order.
    auto everyone = store_->list_active_accounts(org_a_, std::nullopt).value();
    ASSERT_THAT(everyone, SizeIs(2));
    EXPECT_EQ(everyone[0].account_id, prospect);
    EXPECT_EQ(everyone[1].account_id, acc);
    EXPECT_EQ(store_->read_snapshot([] { return Result<Ok>(Ok{}); }).has_value(), true);
}

// REQ: F1, F2, P4 (the manager's counts: hover gaps per technician, overrides per user and per
// account over a period; another organisation's rows never counted)
TEST_P(FollowupStoreContract, CountsGapsPerTechnicianAndOverridesPerUserAndAccount) {
    auto covered = account(org_a_, "Covered", records::AccountStatus::kCustomer, user_a_);
    account(org_a_, "b gap", records::AccountStatus::kCustomer, user_a_);
    account(org_a_, "A gap", records::AccountStatus::kProspect, user_a_);
    account(org_a_, "Nobody's", records::AccountStatus::kCustomer);
    account(org_b_, "Bravo gap", records::AccountStatus::kCustomer, user_b_);
    auto f = followup(org_a_, covered, user_a_, std::chrono::year{2026} / 12 / 1);
    f.policy_override_reason = "They asked for Saturday";
    f.policy_overridden_rules = "quiet_day";
    store_->insert_followup(f).value();
    f.created_at = at("2026-10-01T09:00:00Z");  // before the period
    store_->insert_followup(f).value();

    auto counts = store_->count_hover_gaps(org_a_).value();
    ASSERT_THAT(counts, SizeIs(2));
    EXPECT_FALSE(counts[0].technician_id.has_value());  // no technician first
    EXPECT_EQ(counts[0].count, 1);
    EXPECT_EQ(counts[1].technician_id, user_a_);
    EXPECT_EQ(counts[1].count, 2);
    auto page = store_->list_hover_gaps_page(org_a_, user_a_, {.number = 2, .size = 1}).value();
    ASSERT_THAT(page, SizeIs(1));
    EXPECT_EQ(page[0].account_name, "b gap");
    EXPECT_THAT(
        store_->list_hover_gaps_page(org_a_, std::nullopt, {.number = 1, .size = 10}).value(),
        SizeIs(3));
    auto bravo = store_->count_hover_gaps(org_b_).value();
    ASSERT_THAT(bravo, SizeIs(1));
    EXPECT_EQ(bravo[0].count, 1);
    EXPECT_THAT(store_->list_hover_gaps_page(org_b_, user_a_, {.number = 1, .size = 10}).value(),
                IsEmpty());

    Timestamp from = at("2026-11-01T00:00:00Z");
    Timestamp until = at("2026-12-01T00:00:00Z");
    auto by_user = store_->count_policy_overrides_by_user(org_a_, from, until).value();
    ASSERT_THAT(by_user, SizeIs(1));
    EXPECT_EQ(by_user[0].id, user_a_.value);
    EXPECT_EQ(by_user[0].count, 1);
    auto by_account = store_->count_policy_overrides_by_account(org_a_, from, until).value();
    ASSERT_THAT(by_account, SizeIs(1));
    EXPECT_EQ(by_account[0].name, "Covered");
    EXPECT_EQ(store_->count_policy_overrides_by_account(org_a_, at("2026-09-01T00:00:00Z"), until)
                  ->at(0)
                  .count,
              2);
    auto latest = store_->list_policy_overrides(org_a_, from, until, 10).value();
    ASSERT_THAT(latest, SizeIs(1));
    EXPECT_EQ(latest[0].reason, "They asked for Saturday");
    EXPECT_EQ(latest[0].overridden_rules, "quiet_day");
    EXPECT_EQ(latest[0].account_name, "Covered");
    EXPECT_THAT(store_->count_policy_overrides_by_user(org_b_, from, until).value(), IsEmpty());
    EXPECT_THAT(store_->count_policy_overrides_by_account(org_b_, from, until).value(), IsEmpty());
    EXPECT_THAT(store_->list_policy_overrides(org_b_, from, until, 10).value(), IsEmpty());
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         FollowupStoreContract,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         testing::backend_name);

}  // namespace
}  // namespace hover
