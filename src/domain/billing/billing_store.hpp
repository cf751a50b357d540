// File: domain/billing/billing_store.hpp
//
// BillingStore: what the billing review needs from storage (storage::SqlBillingStore, SQLite and
// PostgreSQL). Every method takes the caller's OrgId; a row of another organisation is
// kNotFound, exactly like a row that does not exist.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "domain/billing/billing.hpp"

namespace hover {
using BillingReviewId = Id<struct BillingReviewTag>;
}  // namespace hover

namespace hover::billing {

// A review run stored for an account (the findings are stored apart).
struct StoredReview {
    BillingReviewId id;
    OrgId org_id;
    AccountId account_id;
    std::optional<Date> period_start;
    std::optional<Date> period_end;
    Cents monthly_savings;
    Cents refund_to_claim;
    Cents billed_total;
    std::int64_t findings = 0;
    Timestamp created_at{};
    UserId created_by;
};

// A finding still to be won (open or disputed) on an account that a technician owns: what the
// agenda needs, without the evidence.
struct PendingFinding {
    FindingId id;
    AccountId account_id;
    std::string account_name;
    FindingType type = FindingType::kBilledUnused;
    std::string number;
    FindingStatus status = FindingStatus::kOpen;
    Cents monthly_amount;
    Cents refund_estimate;
    std::optional<Timestamp> status_changed_at;
};

class BillingStore {
public:
    virtual ~BillingStore() = default;

    virtual Result<Ok> transaction(const std::function<Result<Ok>()>& work) = 0;
    virtual Result<Ok> read_snapshot(const std::function<Result<Ok>()>& work) = 0;

    // kNotFound when the organisation has no such account.
    virtual Result<Ok> check_account(OrgId org, AccountId account) = 0;

    virtual Result<BillingReviewId> insert_review(const StoredReview& review) = 0;
    // Newest first.
    virtual Result<std::vector<StoredReview>> list_reviews(OrgId org, AccountId account) = 0;

    // Inserts a finding with its evidence (finding.account_id set); returns its id.
    virtual Result<FindingId> insert_finding(OrgId org,
                                             BillingReviewId review,
                                             const Finding& finding,
                                             Timestamp at) = 0;
    // Replaces the amounts, description, period and evidence of a stored finding (a later review
    // of the same account); keeps its status and note.
    virtual Result<Ok> refresh_finding(OrgId org,
                                       BillingReviewId review,
                                       const Finding& finding,
                                       Timestamp at) = 0;
    // By type name, then number; with evidence.
    virtual Result<std::vector<Finding>> list_findings(OrgId org, AccountId account) = 0;
    virtual Result<Finding> find_finding(OrgId org, FindingId id) = 0;
    // Sets the status and note; status_changed_at becomes `at` when the status differs.
    virtual Result<Ok> update_finding_status(
        OrgId org, FindingId id, FindingStatus status, const std::string& note, Timestamp at) = 0;
    // The open and disputed findings of every account whose technician is `technician`, in one
    // query (by account, then id).
    virtual Result<std::vector<PendingFinding>> list_pending_findings(OrgId org,
                                                                      UserId technician) = 0;

    // kNotFound unless `site` is a site of `account` in the organisation, and `line` (when
    // given) a line of that site.
    virtual Result<Ok> check_site(OrgId org,
                                  AccountId account,
                                  SiteId site,
                                  std::optional<LineId> line) = 0;
    virtual Result<std::int64_t> insert_verification(OrgId org,
                                                     const FieldVerification& verification) = 0;
    // The account's field verifications, oldest first, with the site and technician names.
    virtual Result<std::vector<FieldVerification>> list_verifications(OrgId org,
                                                                      AccountId account) = 0;

    // Bill column mappings per carrier (io::format_mapping text).
    virtual Result<Ok> save_mapping(OrgId org,
                                    const std::string& carrier,
                                    const std::string& mapping,
                                    Timestamp at) = 0;
    // nullopt when none is saved.
    virtual Result<std::optional<std::string>> find_mapping(OrgId org,
                                                            const std::string& carrier) = 0;
};

}  // namespace hover::billing
