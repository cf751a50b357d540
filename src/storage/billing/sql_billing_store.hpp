// File: storage/billing/sql_billing_store.hpp
//
// SqlBillingStore: billing::BillingStore on SQLite and PostgreSQL (tables of migration
// 0003_billing). Every statement is filtered on org_id.
#pragma once

#include "domain/billing/billing_store.hpp"
#include "storage/database.hpp"

namespace hover::storage {

class SqlBillingStore final : public billing::BillingStore {
public:
    explicit SqlBillingStore(Database& db) : db_(db) {}

    Result<Ok> transaction(const std::function<Result<Ok>()>& work) override;
    Result<Ok> read_snapshot(const std::function<Result<Ok>()>& work) override;
    Result<Ok> check_account(OrgId org, AccountId account) override;
    Result<BillingReviewId> insert_review(const billing::StoredReview& review) override;
    Result<std::vector<billing::StoredReview>> list_reviews(OrgId org, AccountId account) override;
    Result<FindingId> insert_finding(OrgId org,
                                     BillingReviewId review,
                                     const billing::Finding& finding,
                                     Timestamp at) override;
    Result<Ok> refresh_finding(OrgId org,
                               BillingReviewId review,
                               const billing::Finding& finding,
                               Timestamp at) override;
    Result<std::vector<billing::Finding>> list_findings(OrgId org, AccountId account) override;
    Result<billing::Finding> find_finding(OrgId org, FindingId id) override;
    Result<Ok> update_finding_status(OrgId org,
                                     FindingId id,
                                     billing::FindingStatus status,
                                     const std::string& note,
                                     Timestamp at) override;
    Result<std::vector<billing::PendingFinding>> list_pending_findings(OrgId org,
                                                                       UserId technician) override;
    Result<Ok> check_site(OrgId org,
                          AccountId account,
                          SiteId site,
                          std::optional<LineId> line) override;
    Result<std::int64_t> insert_verification(OrgId org,
                                             const billing::FieldVerification& v) override;
    Result<std::vector<billing::FieldVerification>> list_verifications(OrgId org,
                                                                       AccountId account) override;
    Result<Ok> save_mapping(OrgId org,
                            const std::string& carrier,
                            const std::string& mapping,
                            Timestamp at) override;
    Result<std::optional<std::string>> find_mapping(OrgId org, const std::string& carrier) override;

private:
    Result<Ok> insert_evidence(OrgId org, FindingId id, const billing::Finding& finding);
    Result<Ok> load_evidence(OrgId org, std::vector<billing::Finding>& findings);

    Database& db_;
};

}  // namespace hover::storage
