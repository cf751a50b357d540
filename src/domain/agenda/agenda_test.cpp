#include "domain/agenda/agenda.hpp"

#include <algorithm>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/app.hpp"
#include "support/result_matchers.hpp"

namespace hover::agenda {
namespace {

using ::hover::testing::HasError;
using ::hover::testing::IsOk;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

Date day(int y, int m, int d) {
    return std::chrono::year{y} / m / d;
}

AgendaItem item(std::string key, Audience audience, int urgency, std::string account = "A") {
    AgendaItem i;
    i.key = std::move(key);
    i.audience = audience;
    i.urgency = urgency;
    i.account_name = std::move(account);
    return i;
}

std::vector<std::string> keys(const std::vector<AgendaItem>& items) {
    std::vector<std::string> out;
    for (const auto& i : items) {
        out.push_back(i.key);
    }
    return out;
}

// REQ: F4 (customer-facing above internal; urgency, due date, account name, key)
TEST(AgendaRank, OrderIsDeterministicAndCustomerFacingFirst) {
    std::vector<AgendaItem> items{
        item("internal-urgent", Audience::kInternal, 0),
        item("amber", Audience::kCustomerFacing, kUrgencyStayInTouchAmber),
        item("gap-b", Audience::kCustomerFacing, kUrgencyHoverGap, "beta"),
        item("gap-a", Audience::kCustomerFacing, kUrgencyHoverGap, "Alpha"),
        item("overdue-late", Audience::kCustomerFacing, kUrgencyOverdue),
        item("overdue-early", Audience::kCustomerFacing, kUrgencyOverdue),
    };
    items[4].due_on = day(2026, 11, 20);
    items[5].due_on = day(2026, 11, 10);
    auto reversed = items;
    std::reverse(reversed.begin(), reversed.end());
    rank(items, day(2026, 11, 22));
    rank(reversed, day(2026, 11, 22));
    EXPECT_THAT(keys(items), ElementsAre("gap-a", "gap-b", "overdue-early", "overdue-late", "amber",
                                         "internal-urgent"));
    EXPECT_EQ(keys(items), keys(reversed));
}

class InternalReview final : public AgendaProvider {
public:
    std::string_view name() const override { return "test"; }
    Result<std::vector<AgendaItem>> items(const Actor&, UserId, Date) override {
        AgendaItem i = item("review", Audience::kInternal, 0, "Zed");
        i.kind = "billing_finding";
        i.reason = "Review a bill";
        return std::vector<AgendaItem>{i};
    }
};

class AgendaServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        clock_ =
            std::make_shared<FixedClock>(parse_timestamp("2026-11-22T15:00:00Z", "now").value());
        app_ = App::open({.url = ":memory:"}, clock_).value();
        auto& records = app_->records();
        auto org = records.create_organisation({.name = "Cedar", .slug = "cedar"}).value();
        records
            .create_user(
                org.id,
                {.email = "admin@cedar.test", .display_name = "Admin", .role = Role::kAdmin})
            .value();
        tech_user_ = records
                         .create_user(org.id, {.email = "tech@cedar.test",
                                               .display_name = "Tess",
                                               .role = Role::kTechnician})
                         .value();
        admin_ = records.resolve_actor("cedar", "").value();
        tech_ = records.resolve_actor("cedar", "tech@cedar.test").value();
        auto other = records.create_organisation({.name = "Other", .slug = "other"}).value();
        records
            .create_user(other.id,
                         {.email = "admin@other.test", .display_name = "O", .role = Role::kAdmin})
            .value();
        other_ = records.resolve_actor("other", "").value();
    }

    records::Account account(const std::string& name) {
        records::Account a;
        a.name = name;
        a.status = records::AccountStatus::kCustomer;
        a.technician_id = tech_user_.id;
        return app_->records().create_account(admin_, a).value();
    }

    std::shared_ptr<FixedClock> clock_;
    std::unique_ptr<App> app_;
    records::User tech_user_;
    Actor admin_, tech_, other_;
};

// REQ: F4 (overdue and due follow-ups, hover gaps, stay in touch, birthdays, with reasons)
TEST_F(AgendaServiceTest, TheAgendaExplainsEachItem) {
    // Created 90 days ago: red without a touch.
    clock_->set(parse_timestamp("2026-08-24T15:00:00Z", "now").value());
    auto gap = account("Gap Feed");
    auto overdue = account("Overdue Clinic");
    auto today = account("Today Bank");
    clock_->set(parse_timestamp("2026-11-22T15:00:00Z", "now").value());
    auto& f = app_->followups();
    followups::Followup late;
    late.account_id = overdue.id;
    late.due_on = day(2026, 11, 18);
    late.reason = "Quote for the new PBX";
    late.policy_override_reason = "test";
    ASSERT_THAT(f.plan(tech_, late), IsOk());
    followups::Followup due = late;
    due.account_id = today.id;
    due.due_on = day(2026, 11, 23);
    due.reason = "Ask about the paging zone";
    ASSERT_THAT(f.plan(tech_, due), IsOk());
    records::Contact c;
    c.first_name = "Dana";
    c.last_name = "Reyes";
    c.birthday = day(1980, 11, 23);
    c.accounts.push_back({.account_id = today.id});
    ASSERT_THAT(app_->records().create_contact(tech_, c), IsOk());

    auto agenda = app_->agenda().for_user(tech_, std::nullopt, day(2026, 11, 23));
    ASSERT_THAT(agenda, IsOk());
    EXPECT_EQ(agenda->user_name, "Tess");
    std::vector<std::string> kinds;
    for (const auto& i : agenda->items) {
        kinds.push_back(i.kind + " " + i.account_name);
        EXPECT_FALSE(i.reason.empty()) << i.key;
    }
    EXPECT_THAT(kinds, ElementsAre("hover_gap Gap Feed", "overdue_followup Overdue Clinic",
                                   "due_followup Today Bank", "stay_in_touch_red Gap Feed",
                                   "birthday Today Bank"));
    EXPECT_THAT(agenda->items[0].reason, HasSubstr("never touched"));
    EXPECT_EQ(agenda->items[1].reason, "Overdue by 5 days: Quote for the new PBX");
    EXPECT_EQ(agenda->items[2].reason, "Due today: Ask about the paging zone");
    EXPECT_THAT(agenda->items[3].reason, HasSubstr("past the maximum of 60 days"));
    EXPECT_THAT(agenda->items[4].reason, HasSubstr("Dana Reyes"));
    // The admin owns no accounts and has no follow-ups.
    EXPECT_TRUE(app_->agenda().for_user(admin_, std::nullopt, day(2026, 11, 23))->items.empty());
    // Another organisation cannot ask for this user's agenda.
    EXPECT_THAT(app_->agenda().for_user(other_, tech_user_.id, std::nullopt),
                HasError(ErrorCode::kNotFound));
}

// REQ: F4 (a later module plugs in a provider without touching the ranking)
TEST_F(AgendaServiceTest, ProvidersPlugInAndInternalWorkComesLast) {
    account("Gap Feed");
    app_->agenda().add_provider(std::make_unique<InternalReview>());
    auto agenda = app_->agenda().for_user(tech_, std::nullopt, std::nullopt).value();
    ASSERT_EQ(agenda.items.size(), 2u);
    EXPECT_EQ(agenda.items[0].kind, "hover_gap");
    EXPECT_EQ(agenda.items[1].kind, "billing_finding");
    EXPECT_EQ(agenda.day, day(2026, 11, 22));
}

}  // namespace
}  // namespace hover::agenda
