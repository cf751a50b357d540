// The billing findings on the agenda (DESIGN B4 -> F4): a refund claim to call the customer
// about, a dispute pending long with the carrier; only the user's own accounts, one query.
#include "domain/billing/billing_agenda_provider.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/app.hpp"
#include "support/result_matchers.hpp"

namespace hover::billing {
namespace {

using ::hover::testing::IsOk;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

Date day(int y, int m, int d) {
    return std::chrono::year{y} / m / d;
}

Timestamp at(const char* text) {
    return parse_timestamp(text, "t").value();
}

class BillingAgendaTest : public ::testing::Test {
protected:
    void SetUp() override {
        clock_ = std::make_shared<FixedClock>(at("2026-09-01T15:00:00Z"));
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
        other_user_ = records
                          .create_user(org.id, {.email = "other@cedar.test",
                                                .display_name = "Otto",
                                                .role = Role::kTechnician})
                          .value();
        admin_ = records.resolve_actor("cedar", "").value();
        tech_ = records.resolve_actor("cedar", "tech@cedar.test").value();
    }

    AccountId account(const std::string& name, UserId technician) {
        records::Account a;
        a.name = name;
        a.status = records::AccountStatus::kCustomer;
        a.technician_id = technician;
        return app_->records().create_account(admin_, a).value().id;
    }

    // A review whose bill has `dead` lines of $40 a month (billed since June, not found on site)
    // and one line found working but not billed (no money).
    void review(AccountId account, int dead, int first_number) {
        ReviewInput in;
        for (int i = 0; i < dead; ++i) {
            for (int month : {6, 7, 8}) {
                BillLine l;
                l.service_number = l.e164 = fmt::format("+1405555{:04}", first_number + i);
                l.description = "BUSINESS LINE";
                l.amount = Cents{4000};
                l.period_start = day(2026, month, 1);
                l.period_end = Date{std::chrono::year{2026} / month / std::chrono::last};
                l.source = {"bill.csv", 2 + i};
                in.bill.push_back(l);
            }
            Verification v;
            v.number = v.e164 = fmt::format("+1405555{:04}", first_number + i);
            v.result = TestResult::kNotFound;
            v.tested_at = at("2026-08-20T10:00:00Z");
            in.verifications.push_back(v);
        }
        Verification unbilled;
        unbilled.number = unbilled.e164 = fmt::format("+1405555{:04}", first_number + 90);
        unbilled.result = TestResult::kWorking;
        unbilled.tested_at = at("2026-08-20T10:00:00Z");
        in.verifications.push_back(unbilled);
        ASSERT_THAT(app_->billing().run_review(admin_, account, in), IsOk());
    }

    std::vector<std::string> kinds(const agenda::Agenda& a) {
        std::vector<std::string> out;
        for (const auto& i : a.items) {
            if (i.kind == "refund_claim" || i.kind == "dispute_follow_up") {
                out.push_back(i.kind + " " + i.account_name);
            }
        }
        return out;
    }

    std::shared_ptr<FixedClock> clock_;
    std::unique_ptr<App> app_;
    records::User tech_user_, other_user_;
    Actor admin_, tech_;
};

// REQ: B4, F4
TEST_F(BillingAgendaTest, OpenRefundsAreACallAndLongDisputesAreInternalWork) {
    AccountId big = account("Big Refund Clinic", tech_user_.id);
    AccountId small = account("Small Refund Feed", tech_user_.id);
    AccountId dispute = account("Dispute Bank", tech_user_.id);
    AccountId someone_else = account("Otto's Garage", other_user_.id);
    review(big, 2, 100);      // 2 lines x $40 x 3 months = $240
    review(small, 0, 200);    // only an unbilled line: no money to claim
    review(dispute, 1, 300);  // $120
    review(someone_else, 3, 400);
    auto findings = app_->billing().list_findings(admin_, dispute).value();
    for (const auto& f : findings) {
        if (f.type == FindingType::kBilledNotFound) {
            ASSERT_THAT(app_->billing().set_finding_status(tech_, f.id, "disputed", "claim 77"),
                        IsOk());
        }
    }

    // Disputed on 1 September: too fresh to chase on the 20th.
    auto early = app_->agenda().for_user(tech_, std::nullopt, day(2026, 9, 20));
    ASSERT_THAT(early, IsOk());
    EXPECT_THAT(kinds(*early), ElementsAre("refund_claim Big Refund Clinic"));
    const agenda::AgendaItem* claim = nullptr;
    for (const auto& i : early->items) {
        if (i.kind == "refund_claim") {
            claim = &i;
        }
    }
    ASSERT_NE(claim, nullptr);
    EXPECT_EQ(claim->reason,
              "Call about the refund claim: $240.00 across 2 lines ($80.00 a month billed for "
              "nothing, found by the billing review)");
    EXPECT_EQ(claim->audience, agenda::Audience::kCustomerFacing);
    EXPECT_EQ(claim->link, "/accounts/" + std::to_string(big.value) + "#billing-review");

    // 30 days on, the dispute is due for a call to the carrier, after all customer-facing work.
    auto later = app_->agenda().for_user(tech_, std::nullopt, day(2026, 10, 5));
    ASSERT_THAT(later, IsOk());
    EXPECT_THAT(kinds(*later),
                ElementsAre("refund_claim Big Refund Clinic", "dispute_follow_up Dispute Bank"));
    const agenda::AgendaItem& chase = later->items.back();
    EXPECT_EQ(chase.kind, "dispute_follow_up");
    EXPECT_EQ(chase.audience, agenda::Audience::kInternal);
    EXPECT_EQ(chase.due_on, day(2026, 10, 1));
    EXPECT_THAT(chase.reason, HasSubstr("Disputed since 2026-09-01 (34 days)"));
    EXPECT_THAT(chase.reason, HasSubstr("$120.00 to recover across 1 line"));

    // Once the refund claim is filed (disputed) the call leaves the agenda; a credit ends the
    // chase. A later review of the same lines keeps the dispute's date.
    clock_->set(at("2026-10-04T09:00:00Z"));
    for (const auto& f : app_->billing().list_findings(admin_, big).value()) {
        if (f.status == FindingStatus::kOpen && f.refund_estimate.value > 0) {
            ASSERT_THAT(app_->billing().set_finding_status(tech_, f.id, "disputed"), IsOk());
        }
    }
    review(dispute, 1, 300);
    for (const auto& f : app_->billing().list_findings(admin_, dispute).value()) {
        EXPECT_EQ(f.status_changed_at, at("2026-09-01T15:00:00Z")) << f.number;
    }
    EXPECT_THAT(kinds(*app_->agenda().for_user(tech_, std::nullopt, day(2026, 10, 5))),
                ElementsAre("dispute_follow_up Dispute Bank"));
    for (const auto& f : app_->billing().list_findings(admin_, dispute).value()) {
        if (f.status == FindingStatus::kDisputed) {
            ASSERT_THAT(app_->billing().set_finding_status(tech_, f.id, "credited"), IsOk());
        }
    }
    EXPECT_THAT(kinds(*app_->agenda().for_user(tech_, std::nullopt, day(2026, 10, 5))), IsEmpty());
    // Otto sees his own account's claim, and none of Tess's.
    auto otto = app_->agenda().for_user(admin_, other_user_.id, day(2026, 10, 5));
    ASSERT_THAT(otto, IsOk());
    EXPECT_THAT(kinds(*otto), ElementsAre("refund_claim Otto's Garage"));
}

// REQ: B4 (the threshold and the pending time are settings)
TEST_F(BillingAgendaTest, TheThresholdDecidesWhatIsWorthACall) {
    AccountId a = account("Prairie Dental", tech_user_.id);
    review(a, 1, 500);  // $120
    BillingAgendaProvider strict(app_->billing(), {.refund_threshold = Cents{12001}});
    EXPECT_THAT(strict.items(tech_, tech_user_.id, day(2026, 9, 2)).value(), IsEmpty());
    BillingAgendaProvider fair(app_->billing(), {.refund_threshold = Cents{12000}});
    auto items = fair.items(tech_, tech_user_.id, day(2026, 9, 2));
    ASSERT_THAT(items, IsOk());
    ASSERT_EQ(items->size(), 1u);
    EXPECT_EQ(items->front().key, "refund_claim:" + std::to_string(a.value));
    // Another organisation's actor sees nothing of it, even naming the user.
    auto other = app_->records().create_organisation({.name = "Other", .slug = "other"}).value();
    app_->records()
        .create_user(other.id, {.email = "o@other.test", .display_name = "O", .role = Role::kAdmin})
        .value();
    Actor outsider = app_->records().resolve_actor("other", "").value();
    EXPECT_THAT(fair.items(outsider, tech_user_.id, day(2026, 9, 2)).value(), IsEmpty());
}

}  // namespace
}  // namespace hover::billing
