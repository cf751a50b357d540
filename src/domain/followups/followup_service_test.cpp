#include "domain/followups/followup_service.hpp"

#include <memory>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "storage/followups/sql_followup_store.hpp"
#include "storage/records/sql_record_store.hpp"
#include "support/result_matchers.hpp"
#include "support/test_database.hpp"

namespace hover::followups {
namespace {

using ::hover::testing::HasError;
using ::hover::testing::HasFieldError;
using ::hover::testing::IsOk;
using records::AccountStatus;
using records::Channel;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr Date kDay = std::chrono::year{2026} / 11 / 25;

class FollowupServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = hover::testing::TestDatabase::open(hover::testing::Backend::kSqlite);
        ASSERT_NE(db_, nullptr);
        record_store_ = std::make_unique<storage::SqlRecordStore>(db_->db());
        records_ = std::make_unique<records::RecordService>(*record_store_, clock_);
        store_ = std::make_unique<storage::SqlFollowupStore>(db_->db());
        service_ = std::make_unique<FollowupService>(*store_, *records_, clock_);
        a_ = make_org("cedar");
        b_ = make_org("other");
    }

    Actor make_org(const std::string& slug) {
        auto org = records_->create_organisation({.name = slug, .slug = slug}).value();
        records_
            ->create_user(org.id, {.email = "admin@" + slug + ".example",
                                   .display_name = "Admin",
                                   .role = Role::kAdmin})
            .value();
        return records_->resolve_actor(slug, "").value();
    }

    records::Account account(const Actor& actor,
                             const std::string& name,
                             AccountStatus status = AccountStatus::kCustomer) {
        records::Account a;
        a.name = name;
        a.status = status;
        return records_->create_account(actor, a).value();
    }

    Followup followup(AccountId account, std::string reason = "Ask about the new handsets") {
        Followup f;
        f.account_id = account;
        f.due_on = kDay;
        f.channel = Channel::kPhone;
        f.reason = std::move(reason);
        return f;
    }

    FixedClock clock_{parse_timestamp("2026-11-22T10:00:00Z", "now").value()};
    std::unique_ptr<hover::testing::TestDatabase> db_;
    std::unique_ptr<storage::SqlRecordStore> record_store_;
    std::unique_ptr<records::RecordService> records_;
    std::unique_ptr<storage::SqlFollowupStore> store_;
    std::unique_ptr<FollowupService> service_;
    Actor a_;
    Actor b_;
};

// REQ: F1
TEST_F(FollowupServiceTest, PlanningNeedsAReasonADueDateAndAChannel) {
    auto acc = account(a_, "Prairie Feed");
    EXPECT_THAT(service_->plan(a_, followup(acc.id, "  ")),
                HasFieldError(ErrorCode::kInvalidInput, "reason"));
    auto any = followup(acc.id);
    any.channel = Channel::kAny;
    EXPECT_THAT(service_->plan(a_, any), HasFieldError(ErrorCode::kInvalidInput, "channel"));
    auto saved = service_->plan(a_, followup(acc.id, "  Ask about the new handsets "));
    ASSERT_THAT(saved, IsOk());
    EXPECT_EQ(saved->reason, "Ask about the new handsets");
    EXPECT_EQ(saved->status, FollowupStatus::kOpen);
    EXPECT_EQ(saved->assigned_to, a_.user_id);  // no technician on the account: the planner
    EXPECT_EQ(saved->created_at, clock_.now());
}

// REQ: F1, P4
TEST_F(FollowupServiceTest, AnotherOrganisationsAccountsAndFollowupsAreNotFound) {
    auto acc = account(a_, "Prairie Feed");
    auto saved = service_->plan(a_, followup(acc.id)).value();
    EXPECT_THAT(service_->plan(b_, followup(acc.id)),
                HasFieldError(ErrorCode::kNotFound, "account_id"));
    EXPECT_THAT(service_->get(b_, saved.id), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->list_for_account(b_, acc.id), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->close(b_, saved.id, {.outcome = "x", .no_next_reason = "y"}),
                HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->hover_gaps(b_, std::nullopt).value(), IsEmpty());
}

// REQ: F1
TEST_F(FollowupServiceTest, AContactMustBelongToTheAccount) {
    auto acc = account(a_, "Prairie Feed");
    auto other = account(a_, "Elsewhere");
    records::Contact c;
    c.first_name = "Dana";
    c.accounts.push_back({.account_id = other.id});
    auto contact = records_->create_contact(a_, c).value();
    auto f = followup(acc.id);
    f.contact_id = contact.id;
    EXPECT_THAT(service_->plan(a_, f), HasFieldError(ErrorCode::kInvalidInput, "contact_id"));
}

// REQ: F1 (hover gaps: active accounts without an open follow-up)
TEST_F(FollowupServiceTest, ActiveAccountsWithoutAnOpenFollowupAreHoverGaps) {
    auto customer = account(a_, "Bravo Customer");
    auto prospect = account(a_, "Alpha Prospect", AccountStatus::kProspect);
    account(a_, "Former Co", AccountStatus::kFormer);
    auto gaps = service_->hover_gaps(a_, std::nullopt).value();
    ASSERT_THAT(gaps, SizeIs(2));
    EXPECT_EQ(gaps[0].account_name, "Alpha Prospect");
    EXPECT_EQ(gaps[1].account_name, "Bravo Customer");
    ASSERT_THAT(service_->plan(a_, followup(customer.id)), IsOk());
    gaps = service_->hover_gaps(a_, std::nullopt).value();
    ASSERT_THAT(gaps, SizeIs(1));
    EXPECT_EQ(gaps[0].account_id, prospect.id);
}

// REQ: F1 (closing records the outcome and the next step in the same action)
TEST_F(FollowupServiceTest, ClosingRecordsTheOutcomeAndPlansTheNextStep) {
    auto acc = account(a_, "Prairie Feed");
    auto first = service_->plan(a_, followup(acc.id)).value();
    EXPECT_THAT(service_->close(a_, first.id, {.outcome = "Happy"}),
                HasFieldError(ErrorCode::kInvalidInput, "next"));
    EXPECT_THAT(service_->close(a_, first.id, {.no_next_reason = "moved"}),
                HasFieldError(ErrorCode::kInvalidInput, "outcome"));
    auto bad_next = followup(acc.id, "");
    EXPECT_THAT(service_->close(a_, first.id, {.outcome = "Happy", .next = bad_next}),
                HasFieldError(ErrorCode::kInvalidInput, "next.reason"));
    // The failed attempts changed nothing.
    EXPECT_EQ(service_->get(a_, first.id)->status, FollowupStatus::kOpen);
    EXPECT_THAT(service_->list_for_account(a_, acc.id).value(), SizeIs(1));

    auto next = followup(acc.id, "Check the paging zone fix");
    next.due_on = std::chrono::year{2026} / 12 / 10;
    auto closed = service_->close(a_, first.id, {.outcome = "Happy with handsets", .next = next});
    ASSERT_THAT(closed, IsOk());
    EXPECT_EQ(closed->status, FollowupStatus::kDone);
    ASSERT_TRUE(closed->next_id.has_value());
    auto list = service_->list_for_account(a_, acc.id).value();
    ASSERT_THAT(list, SizeIs(2));
    EXPECT_EQ(list[0].id, *closed->next_id);  // the open one first
    EXPECT_EQ(list[0].reason, "Check the paging zone fix");
    EXPECT_EQ(list[1].outcome, "Happy with handsets");
    EXPECT_THAT(service_->close(a_, first.id, {.outcome = "again", .no_next_reason = "x"}),
                HasError(ErrorCode::kConflict));
}

// REQ: F1 (no next step, with a written reason)
TEST_F(FollowupServiceTest, ClosingWithoutANextStepNeedsAReasonAndLeavesAGap) {
    auto acc = account(a_, "Prairie Feed");
    auto first = service_->plan(a_, followup(acc.id)).value();
    auto closed = service_->close(
        a_, first.id, {.outcome = "They sold the business", .no_next_reason = "Former customer"});
    ASSERT_THAT(closed, IsOk());
    EXPECT_EQ(closed->no_next_reason, "Former customer");
    EXPECT_FALSE(closed->next_id.has_value());
    EXPECT_THAT(service_->hover_gaps(a_, std::nullopt).value(), SizeIs(1));
    EXPECT_THAT(service_->list_open(a_, std::nullopt).value(), IsEmpty());
}

records::Interaction touch(AccountId account, std::optional<ContactId> contact, const char* when) {
    records::Interaction i;
    i.account_id = account;
    i.contact_id = contact;
    i.kind = records::InteractionKind::kEmail;
    i.occurred_at = parse_timestamp(when, "t").value();
    return i;
}

// REQ: F2 (a plan that smothers is refused with the rule and the first allowed date)
TEST_F(FollowupServiceTest, ASmotheringPlanIsRefusedThenOverriddenWithAWrittenReason) {
    clock_.set(parse_timestamp("2026-11-24T18:00:00Z", "now").value());
    auto acc = account(a_, "Prairie Feed");
    // An email on Monday 2026-11-23 (default policy: 3 days between touches, weekends quiet).
    ASSERT_THAT(records_->log_interaction(a_, touch(acc.id, std::nullopt, "2026-11-23T16:00:00Z")),
                IsOk());
    auto f = followup(acc.id);  // Wednesday 2026-11-25
    auto refused = service_->plan(a_, f);
    ASSERT_THAT(refused, HasFieldError(ErrorCode::kConflict, "due_on"));
    EXPECT_THAT(refused.error().user_message, ::testing::HasSubstr("2026-11-23"));
    EXPECT_THAT(refused.error().user_message, ::testing::HasSubstr("First allowed: 2026-11-26"));
    auto check = service_->check_policy(a_, f);
    ASSERT_THAT(check, IsOk());
    EXPECT_EQ(check->first_allowed, std::chrono::year{2026} / 11 / 26);
    EXPECT_THAT(service_->list_for_account(a_, acc.id).value(), IsEmpty());

    f.policy_override_reason = "They asked us to call back about the quote";
    auto saved = service_->plan(a_, f);
    ASSERT_THAT(saved, IsOk());
    auto stored = service_->get(a_, saved->id).value();
    EXPECT_EQ(stored.policy_override_reason, "They asked us to call back about the quote");
    EXPECT_EQ(stored.policy_overridden_rules, "min_days_between_touches");
    EXPECT_EQ(service_->policy_overrides_last_30_days(a_, a_.user_id).value(), 1);
}

// REQ: F2 (touches count per account, whichever contact; limits come from the contact)
TEST_F(FollowupServiceTest, SeveralContactsAtOneAccountShareTheTouches) {
    clock_.set(parse_timestamp("2026-11-24T18:00:00Z", "now").value());
    auto acc = account(a_, "Prairie Feed");
    records::Contact dana;
    dana.first_name = "Dana";
    dana.accounts.push_back({.account_id = acc.id});
    auto d = records_->create_contact(a_, dana).value();
    records::Contact lee;
    lee.first_name = "Lee";
    lee.accounts.push_back({.account_id = acc.id});
    auto l = records_->create_contact(a_, lee).value();
    ASSERT_THAT(records_->log_interaction(a_, touch(acc.id, d.id, "2026-11-24T15:00:00Z")), IsOk());
    auto for_lee = followup(acc.id);
    for_lee.contact_id = l.id;  // a touch of Dana the day before counts for Lee too
    EXPECT_THAT(service_->plan(a_, for_lee), HasFieldError(ErrorCode::kConflict, "due_on"));
    // Lee's own override (a day between touches) applies to plans naming Lee only.
    ASSERT_THAT(service_->set_policy_settings(a_, PolicyScope::kContact, l.id.value,
                                              {.min_days_between_touches = 1}),
                IsOk());
    EXPECT_THAT(service_->plan(a_, for_lee), IsOk());
    auto for_dana = followup(acc.id);
    for_dana.contact_id = d.id;
    for_dana.due_on = std::chrono::year{2026} / 11 / 26;  // a day after Lee's plan: too close
    EXPECT_THAT(service_->plan(a_, for_dana), HasFieldError(ErrorCode::kConflict, "due_on"));
}

// REQ: F2, P4 (settings are scoped; the organisation's defaults take a manager)
TEST_F(FollowupServiceTest, PolicySettingsAreScopedAndValidated) {
    auto acc = account(a_, "Prairie Feed");
    EXPECT_THAT(service_->set_policy_settings(b_, PolicyScope::kAccount, acc.id.value, {}),
                HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->policy_settings(b_, PolicyScope::kAccount, acc.id.value),
                HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->set_policy_settings(a_, PolicyScope::kAccount, acc.id.value,
                                              {.time_zone = "Nowhere/Land"}),
                HasFieldError(ErrorCode::kInvalidInput, "time_zone"));
    Actor tech = a_;
    tech.role = Role::kTechnician;
    EXPECT_THAT(service_->set_policy_settings(tech, PolicyScope::kOrganisation, 0,
                                              {.min_days_between_touches = 1}),
                HasError(ErrorCode::kPermissionDenied));
    ASSERT_THAT(
        service_->set_policy_settings(a_, PolicyScope::kOrganisation, 0,
                                      {.quiet_weekdays = 0, .time_zone = "America/New_York"}),
        IsOk());
    ASSERT_THAT(service_->set_policy_settings(a_, PolicyScope::kAccount, acc.id.value,
                                              {.preferred_channel = Channel::kEmail}),
                IsOk());
    auto p = service_->effective_policy(a_, acc.id, std::nullopt).value();
    EXPECT_EQ(p.time_zone, "America/New_York");
    EXPECT_EQ(p.quiet_weekdays, 0);
    EXPECT_EQ(p.preferred_channel, Channel::kEmail);
    // bravo keeps the built-in defaults.
    auto other = account(b_, "Other");
    EXPECT_EQ(service_->effective_policy(b_, other.id, std::nullopt)->time_zone, "America/Chicago");
}

// REQ: F3
TEST_F(FollowupServiceTest, StayInTouchUsesTheLatestInteraction) {
    auto acc = account(a_, "Prairie Feed");
    EXPECT_EQ(service_->stay_in_touch(a_, acc.id)->colour, StayInTouch::kGreen);
    ASSERT_THAT(service_->set_policy_settings(a_, PolicyScope::kAccount, acc.id.value,
                                              {.ideal_interval_days = 7, .max_interval_days = 14}),
                IsOk());
    ASSERT_THAT(records_->log_interaction(a_, touch(acc.id, std::nullopt, "2026-11-10T15:00:00Z")),
                IsOk());
    auto status = service_->stay_in_touch(a_, acc.id).value();
    EXPECT_EQ(status.colour, StayInTouch::kAmber);
    EXPECT_EQ(status.days_since, 12);
    EXPECT_THAT(service_->stay_in_touch(b_, acc.id), HasError(ErrorCode::kNotFound));
}

}  // namespace
}  // namespace hover::followups
