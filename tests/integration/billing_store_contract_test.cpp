// The storage contract of the billing review (DESIGN.md B4, P1): findings stored per account and
// organisation, on SQLite and PostgreSQL, through BillingService as the web app uses it.
// PostgreSQL runs when HOVER_TEST_POSTGRES_URL is set, and must under CI=true.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/billing/billing_service.hpp"
#include "storage/billing/sql_billing_store.hpp"
#include "storage/records/sql_record_store.hpp"
#include "support/result_matchers.hpp"
#include "support/test_database.hpp"
#include "support/test_time.hpp"

namespace hover {
namespace {

using namespace billing;
using testing::Backend;
using testing::HasError;
using testing::IsOk;
using ::testing::SizeIs;

using hover::testing::at;

using hover::testing::day;

class BillingStoreContract : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        HOVER_SKIP_IF_NO_POSTGRES(GetParam());
        db_ = testing::TestDatabase::open(GetParam());
        ASSERT_NE(db_, nullptr);
        records_ = std::make_unique<storage::SqlRecordStore>(db_->db());
        store_ = std::make_unique<storage::SqlBillingStore>(db_->db());
        service_ = std::make_unique<BillingService>(*store_, clock_);
        actor_a_ = make_actor("alpha");
        actor_b_ = make_actor("bravo");
        account_a_ = make_account(actor_a_.org_id, "Prairie Dental");
        account_b_ = make_account(actor_b_.org_id, "Bravo Feed");
    }

    Actor make_actor(const std::string& slug) {
        records::Organisation org{OrgId{}, slug + " telecom", slug, "US",
                                  at("2026-01-01T00:00:00Z")};
        OrgId id = records_->insert_organisation(org).value();
        records::User u{UserId{},
                        id,
                        "tech@" + slug + ".example",
                        "Tech",
                        Role::kManager,
                        at("2026-01-01T00:00:00Z")};
        UserId user = records_->insert_user(u).value();
        return Actor{id, user, Role::kManager, "US"};
    }

    AccountId make_account(OrgId org, const std::string& name) {
        records::Account a;
        a.org_id = org;
        a.name = name;
        a.status = records::AccountStatus::kCustomer;
        a.created_at = a.updated_at = at("2026-01-01T00:00:00Z");
        return records_->insert_account(a).value();
    }

    // A bill with one dead line (not found on site) and one duplicated charge.
    ReviewInput input() {
        ReviewInput in;
        auto line = [](const char* n, const char* desc, std::int64_t cents) {
            BillLine l;
            l.service_number = n;
            l.e164 = n;
            l.description = desc;
            l.amount = Cents{cents};
            l.period_start = day("2026-10-01");
            l.period_end = day("2026-10-31");
            l.source = {"bill.csv", 2};
            return l;
        };
        in.bill.push_back(line("+15550000001", "BUSINESS LINE", 3800));
        in.bill.push_back(line("+15550000002", "DID BLOCK", 125));
        in.bill.push_back(line("+15550000002", "DID BLOCK", 125));
        Verification v;
        v.number = v.e164 = "+15550000001";
        v.result = TestResult::kNotFound;
        v.tested_at = at("2026-11-02T09:00:00Z");
        v.technician = "K. Patel";
        v.source = {"verified.csv", 2};
        in.verifications.push_back(v);
        return in;
    }

    FixedClock clock_{at("2026-11-22T10:00:00Z")};
    std::unique_ptr<testing::TestDatabase> db_;
    std::unique_ptr<storage::SqlRecordStore> records_;
    std::unique_ptr<storage::SqlBillingStore> store_;
    std::unique_ptr<BillingService> service_;
    Actor actor_a_;
    Actor actor_b_;
    AccountId account_a_;
    AccountId account_b_;
};

// REQ: B4
TEST_P(BillingStoreContract, ReviewStoresFindingsWithEvidenceOnTheAccount) {
    auto r = service_->run_review(actor_a_, account_a_, input());
    ASSERT_THAT(r, IsOk());
    ASSERT_THAT(r->findings, SizeIs(2));
    auto listed = service_->list_findings(actor_a_, account_a_);
    ASSERT_THAT(listed, IsOk());
    ASSERT_THAT(listed.value(), SizeIs(2));
    const Finding& dead = listed.value()[0];
    EXPECT_EQ(dead.type, FindingType::kBilledNotFound);
    EXPECT_EQ(dead.number, "+15550000001");
    EXPECT_EQ(dead.monthly_amount.value, 3800);
    EXPECT_EQ(dead.since, day("2026-10-01"));
    EXPECT_EQ(dead.refund_estimate.value, 3800);
    EXPECT_EQ(dead.status, FindingStatus::kOpen);
    EXPECT_EQ(dead.account_id, account_a_);
    ASSERT_THAT(dead.evidence, SizeIs(2));
    EXPECT_EQ(dead.evidence[0].source, "verification");
    EXPECT_EQ(dead.evidence[0].file, "verified.csv");
    EXPECT_EQ(listed.value()[1].type, FindingType::kDuplicateMrc);
    EXPECT_EQ(listed.value()[1].monthly_amount.value, 125);

    auto page = service_->account_billing(actor_a_, account_a_);
    ASSERT_THAT(page, IsOk());
    EXPECT_EQ(page->totals.monthly_savings.value, 3925);
    ASSERT_TRUE(page->latest_review.has_value());
    EXPECT_EQ(page->latest_review->findings, 2);
    EXPECT_EQ(page->latest_review->billed_total.value, 4050);
}

// REQ: B4 — the status moves along; a later review keeps it and refreshes the money.
TEST_P(BillingStoreContract, StatusMovesAlongAndSurvivesTheNextReview) {
    ASSERT_THAT(service_->run_review(actor_a_, account_a_, input()), IsOk());
    FindingId id = service_->list_findings(actor_a_, account_a_).value()[0].id;
    EXPECT_THAT(service_->set_finding_status(actor_a_, id, "credited"),
                HasError(ErrorCode::kConflict));
    EXPECT_THAT(service_->set_finding_status(actor_a_, id, "won"),
                HasError(ErrorCode::kInvalidInput));
    auto disputed = service_->set_finding_status(actor_a_, id, "disputed", "ticket 4471");
    ASSERT_THAT(disputed, IsOk());
    EXPECT_EQ(disputed->status, FindingStatus::kDisputed);
    EXPECT_EQ(disputed->note, "ticket 4471");

    ReviewInput again = input();
    again.bill[0].amount = Cents{4000};
    ASSERT_THAT(service_->run_review(actor_a_, account_a_, again), IsOk());
    auto listed = service_->list_findings(actor_a_, account_a_).value();
    ASSERT_THAT(listed, SizeIs(2));
    EXPECT_EQ(listed[0].id, id);
    EXPECT_EQ(listed[0].status, FindingStatus::kDisputed);
    EXPECT_EQ(listed[0].monthly_amount.value, 4000);
    EXPECT_THAT(listed[0].evidence, SizeIs(2));
    EXPECT_THAT(service_->set_finding_status(actor_a_, id, "credited"), IsOk());
    EXPECT_EQ(service_->account_billing(actor_a_, account_a_)->totals.monthly_savings.value, 125);
}

// REQ: B4 P1 — organisation B can neither see nor change organisation A's findings.
TEST_P(BillingStoreContract, AnotherOrganisationSeesNothing) {
    ASSERT_THAT(service_->run_review(actor_a_, account_a_, input()), IsOk());
    FindingId id = service_->list_findings(actor_a_, account_a_).value()[0].id;
    EXPECT_THAT(service_->list_findings(actor_b_, account_a_), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->account_billing(actor_b_, account_a_), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->get_finding(actor_b_, id), HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->set_finding_status(actor_b_, id, "disputed"),
                HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->run_review(actor_b_, account_a_, input()),
                HasError(ErrorCode::kNotFound));
    EXPECT_THAT(store_->update_finding_status(actor_b_.org_id, id, FindingStatus::kRejected, "",
                                              clock_.now()),
                HasError(ErrorCode::kNotFound));
    EXPECT_THAT(service_->list_findings(actor_b_, account_b_).value(), SizeIs(0));
    EXPECT_EQ(service_->get_finding(actor_a_, id)->status, FindingStatus::kOpen);
}

// REQ: B4 F4 — the agenda's one query: open and disputed findings of the accounts a technician
// owns, with the time of the last status move.
TEST_P(BillingStoreContract, PendingFindingsOfATechniciansAccounts) {
    records::Account owned;
    owned.org_id = actor_a_.org_id;
    owned.name = "Owned Clinic";
    owned.technician_id = actor_a_.user_id;
    owned.created_at = owned.updated_at = at("2026-01-01T00:00:00Z");
    AccountId mine = records_->insert_account(owned).value();
    ASSERT_THAT(service_->run_review(actor_a_, mine, input()), IsOk());
    ASSERT_THAT(service_->run_review(actor_a_, account_a_, input()), IsOk());  // no technician
    auto listed = service_->list_findings(actor_a_, mine).value();
    ASSERT_THAT(listed, SizeIs(2));
    EXPECT_EQ(listed[0].status_changed_at, clock_.now());
    clock_.set(at("2026-11-23T08:00:00Z"));
    ASSERT_THAT(service_->set_finding_status(actor_a_, listed[0].id, "disputed", "x"), IsOk());
    clock_.set(at("2026-11-24T08:00:00Z"));
    auto again = service_->set_finding_status(actor_a_, listed[0].id, "disputed", "y");
    ASSERT_THAT(again, IsOk());
    EXPECT_EQ(again->status_changed_at, at("2026-11-23T08:00:00Z"));  // staying put is no move
    ASSERT_THAT(service_->set_finding_status(actor_a_, listed[1].id, "rejected"), IsOk());

    auto pending = service_->pending_findings(actor_a_, actor_a_.user_id);
    ASSERT_THAT(pending, IsOk());
    ASSERT_THAT(pending.value(), SizeIs(1));  // the rejected one and the unowned account's: no
    EXPECT_EQ(pending->at(0).account_id, mine);
    EXPECT_EQ(pending->at(0).account_name, "Owned Clinic");
    EXPECT_EQ(pending->at(0).status, FindingStatus::kDisputed);
    EXPECT_EQ(pending->at(0).refund_estimate.value, 3800);
    EXPECT_EQ(pending->at(0).status_changed_at, at("2026-11-23T08:00:00Z"));
    EXPECT_THAT(service_->pending_findings(actor_b_, actor_a_.user_id).value(), SizeIs(0));
}

// REQ: B1 — a bill column mapping saved per carrier and organisation.
TEST_P(BillingStoreContract, MappingIsSavedPerCarrier) {
    ASSERT_THAT(service_->save_mapping(actor_a_, "AT&T", "service_number=WTN,amount=Charge"),
                IsOk());
    ASSERT_THAT(service_->save_mapping(actor_a_, "AT&T", "service_number=TN,amount=Charge"),
                IsOk());
    EXPECT_EQ(service_->find_mapping(actor_a_, "AT&T").value(),
              std::optional<std::string>("service_number=TN,amount=Charge"));
    EXPECT_EQ(service_->find_mapping(actor_b_, "AT&T").value(), std::nullopt);
    EXPECT_THAT(service_->save_mapping(actor_a_, "", "x"), HasError(ErrorCode::kInvalidInput));
}

INSTANTIATE_TEST_SUITE_P(Sqlite,
                         BillingStoreContract,
                         ::testing::Values(Backend::kSqlite),
                         testing::backend_name);
INSTANTIATE_TEST_SUITE_P(Postgres,
                         BillingStoreContract,
                         ::testing::Values(Backend::kPostgres),
                         testing::backend_name);

}  // namespace
}  // namespace hover
