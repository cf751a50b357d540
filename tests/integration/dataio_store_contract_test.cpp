// The storage contract of merging (DESIGN.md R8, P1), on SQLite and PostgreSQL: a merge keeps
// every row that names the merged-away account or contact, whichever module owns its table
// (follow-ups and contact policies of 0005, billing reviews and findings of 0003), and never
// touches another organisation's rows.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "storage/billing/sql_billing_store.hpp"
#include "storage/dataio/sql_dataio_store.hpp"
#include "storage/followups/sql_followup_store.hpp"
#include "storage/records/sql_record_store.hpp"
#include "support/result_matchers.hpp"
#include "support/test_database.hpp"
#include "support/test_time.hpp"

namespace hover {
namespace {

using followups::FollowupId;
using testing::Backend;
using testing::IsOk;
using ::testing::SizeIs;

using hover::testing::at;

class DataioStoreContract : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        HOVER_SKIP_IF_NO_POSTGRES(GetParam());
        db_ = testing::TestDatabase::open(GetParam());
        ASSERT_NE(db_, nullptr);
        records_ = std::make_unique<storage::SqlRecordStore>(db_->db());
        followups_ = std::make_unique<storage::SqlFollowupStore>(db_->db());
        billing_ = std::make_unique<storage::SqlBillingStore>(db_->db());
        store_ = std::make_unique<storage::SqlDataioStore>(db_->db());
        org_ = records_->insert_organisation({OrgId{}, "alpha", "alpha", "US", t0()}).value();
        other_org_ = records_->insert_organisation({OrgId{}, "bravo", "bravo", "US", t0()}).value();
        user_ =
            records_->insert_user({UserId{}, org_, "t@alpha.example", "Tech", Role::kManager, t0()})
                .value();
        other_user_ = records_
                          ->insert_user({UserId{}, other_org_, "t@bravo.example", "Tech",
                                         Role::kManager, t0()})
                          .value();
    }

    static Timestamp t0() { return at("2026-01-01T00:00:00Z"); }

    AccountId account(OrgId org, const std::string& name) {
        records::Account a;
        a.org_id = org;
        a.name = name;
        a.status = records::AccountStatus::kCustomer;
        a.created_at = a.updated_at = t0();
        return records_->insert_account(a).value();
    }

    ContactId contact(OrgId org, const std::string& first, AccountId linked) {
        records::Contact c;
        c.org_id = org;
        c.first_name = first;
        c.accounts = {{linked, "", false}};
        c.created_at = c.updated_at = t0();
        return records_->insert_contact(c).value();
    }

    FollowupId followup(OrgId org,
                        UserId user,
                        AccountId account,
                        std::optional<ContactId> contact = std::nullopt) {
        followups::Followup f;
        f.org_id = org;
        f.account_id = account;
        f.contact_id = contact;
        f.assigned_to = f.created_by = user;
        f.due_on = std::chrono::year{2026} / 12 / 1;
        f.channel = records::Channel::kPhone;
        f.reason = "Ask about the PBX refresh";
        f.created_at = at("2026-11-22T09:00:00Z");
        return followups_->insert_followup(f).value();
    }

    BillingReviewId review(OrgId org, UserId user, AccountId account) {
        billing::StoredReview r;
        r.org_id = org;
        r.account_id = account;
        r.findings = 1;
        r.created_at = at("2026-11-22T10:00:00Z");
        r.created_by = user;
        return billing_->insert_review(r).value();
    }

    FindingId finding(OrgId org,
                      BillingReviewId review,
                      AccountId account,
                      const char* number,
                      billing::FindingStatus status = billing::FindingStatus::kOpen) {
        billing::Finding f;
        f.account_id = account;
        f.type = billing::FindingType::kBilledNotFound;
        f.number = number;
        f.description = "Line billed but not found on site";
        f.monthly_amount = Cents{3800};
        f.refund_estimate = Cents{3800};
        f.status = status;
        f.evidence = {{"bill", "bill.csv", 2, number}};
        auto id = billing_->insert_finding(org, review, f, at("2026-11-22T10:00:00Z")).value();
        if (status != billing::FindingStatus::kOpen) {
            EXPECT_THAT(billing_->update_finding_status(org, id, status, "Ticket 4411",
                                                        at("2026-11-23T10:00:00Z")),
                        IsOk());
        }
        return id;
    }

    Result<Ok> in_transaction(const std::function<Result<Ok>()>& work) {
        return db_->db().transaction(work);
    }

    std::unique_ptr<testing::TestDatabase> db_;
    std::unique_ptr<storage::SqlRecordStore> records_;
    std::unique_ptr<storage::SqlFollowupStore> followups_;
    std::unique_ptr<storage::SqlBillingStore> billing_;
    std::unique_ptr<storage::SqlDataioStore> store_;
    OrgId org_, other_org_;
    UserId user_, other_user_;
};

// REQ: R8 (merging keeps every follow-up, billing review and finding of the merged account)
TEST_P(DataioStoreContract, MergingAccountsMovesFollowupsReviewsFindingsAndPolicies) {
    auto keep = account(org_, "Prairie Dental");
    auto drop = account(org_, "Prairie Dental LLC");
    auto f1 = followup(org_, user_, drop);
    auto f2 = followup(org_, user_, drop);
    // f2 was closed with f3 as its next step: the chain survives the merge.
    auto f3 = followup(org_, user_, drop);
    auto closed = followups_->find_followup(org_, f2).value();
    closed.status = followups::FollowupStatus::kDone;
    closed.closed_at = at("2026-11-25T10:00:00Z");
    closed.closed_by = user_;
    closed.outcome = "Left a message";
    closed.next_id = f3;
    ASSERT_THAT(followups_->close_followup(closed), IsOk());
    auto kept_followup = followup(org_, user_, keep);

    auto r_keep = review(org_, user_, keep);
    auto r_drop = review(org_, user_, drop);
    finding(org_, r_keep, keep, "+15550000001");
    // The same line found on both accounts: one finding survives, with the progress made on it.
    finding(org_, r_drop, drop, "+15550000001", billing::FindingStatus::kDisputed);
    auto only_on_drop = finding(org_, r_drop, drop, "+15550000002");

    followups::PolicySettings drop_policy;
    drop_policy.min_days_between_touches = 7;
    drop_policy.time_zone = "America/Chicago";
    ASSERT_THAT(followups_->put_policy(org_, followups::PolicyScope::kAccount, drop.value,
                                       drop_policy, t0()),
                IsOk());
    followups::PolicySettings keep_policy;
    keep_policy.min_days_between_touches = 14;
    ASSERT_THAT(followups_->put_policy(org_, followups::PolicyScope::kAccount, keep.value,
                                       keep_policy, t0()),
                IsOk());

    auto counts = store_->merge_counts(org_, dataio::MergeKind::kAccounts, drop.value);
    ASSERT_THAT(counts, IsOk());
    using Count = std::pair<std::string, std::int64_t>;
    EXPECT_EQ(*counts, (std::vector<Count>{{"follow-ups", 3},
                                           {"billing reviews", 1},
                                           {"billing findings", 2},
                                           {"contact policy settings", 1}}));

    // Another organisation's rows stay where they are.
    auto other = account(other_org_, "Bravo Feed");
    auto other_followup = followup(other_org_, other_user_, other);

    ASSERT_THAT(in_transaction([&] { return store_->merge_accounts(org_, keep, drop); }), IsOk());

    EXPECT_THAT(records_->find_account(org_, drop), testing::HasError(ErrorCode::kNotFound));
    followups::FollowupFilter of_keep;
    of_keep.account = keep;
    auto moved = followups_->list_followups(org_, of_keep).value();
    EXPECT_THAT(moved, SizeIs(4));
    for (auto id : {f1, f2, f3, kept_followup}) {
        auto f = followups_->find_followup(org_, id);
        ASSERT_THAT(f, IsOk());
        EXPECT_EQ(f->account_id, keep);
    }
    EXPECT_EQ(followups_->find_followup(org_, f2)->next_id, std::optional<FollowupId>(f3));
    EXPECT_EQ(followups_->find_followup(other_org_, other_followup)->account_id, other);

    EXPECT_THAT(billing_->list_reviews(org_, keep).value(), SizeIs(2));
    EXPECT_EQ(billing_->list_reviews(org_, keep).value().at(0).id, r_drop);
    auto findings = billing_->list_findings(org_, keep).value();
    ASSERT_THAT(findings, SizeIs(2));
    for (const auto& f : findings) {
        if (f.number == "+15550000001") {
            EXPECT_EQ(f.status, billing::FindingStatus::kDisputed);
            EXPECT_EQ(f.note, "Ticket 4411");
            EXPECT_THAT(f.evidence, SizeIs(1));
        } else {
            EXPECT_EQ(f.id, only_on_drop);
            EXPECT_EQ(f.account_id, keep);
        }
    }

    // keep's own settings win; the ones it leaves to inherit come from drop.
    auto policy = followups_->find_policy(org_, followups::PolicyScope::kAccount, keep.value);
    ASSERT_THAT(policy, IsOk());
    EXPECT_EQ(policy->min_days_between_touches, 14);
    EXPECT_EQ(policy->time_zone, std::optional<std::string>("America/Chicago"));
    EXPECT_EQ(followups_->find_policy(org_, followups::PolicyScope::kAccount, drop.value).value(),
              followups::PolicySettings{});
}

// REQ: R8 (merging contacts keeps their follow-ups and contact policy)
TEST_P(DataioStoreContract, MergingContactsMovesFollowupsAndPolicies) {
    auto acc = account(org_, "Prairie Dental");
    auto keep = contact(org_, "Dana", acc);
    auto drop = contact(org_, "Dana W.", acc);
    auto f1 = followup(org_, user_, acc, drop);
    auto f2 = followup(org_, user_, acc, keep);
    followups::PolicySettings quiet;
    quiet.quiet_from_minute = 17 * 60;
    quiet.quiet_until_minute = 9 * 60;
    ASSERT_THAT(
        followups_->put_policy(org_, followups::PolicyScope::kContact, drop.value, quiet, t0()),
        IsOk());

    auto counts = store_->merge_counts(org_, dataio::MergeKind::kContacts, drop.value);
    ASSERT_THAT(counts, IsOk());
    using Count = std::pair<std::string, std::int64_t>;
    EXPECT_EQ(*counts, (std::vector<Count>{{"follow-ups", 1}, {"contact policy settings", 1}}));

    ASSERT_THAT(in_transaction([&] { return store_->merge_contacts(org_, keep, drop); }), IsOk());

    EXPECT_THAT(records_->find_contact(org_, drop), testing::HasError(ErrorCode::kNotFound));
    EXPECT_EQ(followups_->find_followup(org_, f1)->contact_id, std::optional<ContactId>(keep));
    EXPECT_EQ(followups_->find_followup(org_, f2)->contact_id, std::optional<ContactId>(keep));
    auto policy = followups_->find_policy(org_, followups::PolicyScope::kContact, keep.value);
    ASSERT_THAT(policy, IsOk());
    EXPECT_EQ(policy->quiet_from_minute, 17 * 60);
    EXPECT_EQ(policy->quiet_until_minute, 9 * 60);
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         DataioStoreContract,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         testing::backend_name);

}  // namespace
}  // namespace hover
