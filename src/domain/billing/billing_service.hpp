// File: domain/billing/billing_service.hpp
//
// BillingService: the billing review's use cases on stored data (DESIGN B1, B4), scoped by the
// Actor like RecordService: another organisation's account or finding is kNotFound.
//
// For the account page (the web app):
//   AccountBilling b = HOVER_TRY(billing.account_billing(actor, account_id));
//   b.findings (with evidence and status), b.totals (open and disputed findings only),
//   b.latest_review; io::to_json(finding) gives the API form.
// Moving a finding along: open -> disputed | rejected; disputed -> credited | rejected | open;
// credited | rejected -> open. Another move is kConflict naming the allowed ones.
//
// A review from imported files (io::run_review_files builds the ReviewInput):
//   ReviewResult r = HOVER_TRY(billing.run_review(actor, account_id, input, settings));
// stores the review and its findings; a finding already stored for the account with the same
// type and number is refreshed (amounts, evidence) and keeps its status and note.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/billing/billing_store.hpp"
#include "domain/billing/reconcile.hpp"

namespace hover::billing {

struct AccountBilling {
    std::vector<Finding> findings;
    ReviewTotals totals;  // over open and disputed findings (what is still to be won)
    std::optional<StoredReview> latest_review;
};

class BillingService {
public:
    BillingService(BillingStore& store, const Clock& clock) : store_(store), clock_(clock) {}

    Result<std::vector<Finding>> list_findings(const Actor& actor, AccountId account);
    Result<AccountBilling> account_billing(const Actor& actor, AccountId account);
    Result<Finding> get_finding(const Actor& actor, FindingId id);
    // kInvalidInput for an unknown status name; kConflict for a move not allowed.
    Result<Finding> set_finding_status(const Actor& actor,
                                       FindingId id,
                                       std::string_view status,
                                       std::string note = {});
    Result<ReviewResult> run_review(const Actor& actor,
                                    AccountId account,
                                    const ReviewInput& input,
                                    const ReviewSettings& settings = {});

    // Bill column mappings per carrier (B1); `mapping` is io::format_mapping text.
    Result<Ok> save_mapping(const Actor& actor,
                            const std::string& carrier,
                            const std::string& mapping);
    Result<std::optional<std::string>> find_mapping(const Actor& actor, const std::string& carrier);

private:
    BillingStore& store_;
    const Clock& clock_;
};

}  // namespace hover::billing
