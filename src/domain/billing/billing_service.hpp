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
// adds the account's field verifications (record_verification) to input.verifications and their
// measured speeds to input.bandwidth, stores the review and its findings; a finding already stored
// for the account with the same type and number is refreshed (amounts, evidence) and keeps its
// status and note.
#pragma once

#include <map>
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
    std::map<FindingStatus, TypeTotal> by_status;  // every status, with zeros
    std::optional<StoredReview> latest_review;
};

// Which findings to list: empty means any.
struct FindingFilter {
    std::vector<FindingType> types;
    std::vector<FindingStatus> statuses;

    bool matches(const Finding& f) const;
};

// Appends field verifications to a review's input as verification rows (source "recorded on
// site") and their measured speeds as delivered bandwidth.
void add_field_verifications(const std::vector<FieldVerification>& field, ReviewInput& input);

class BillingService {
public:
    BillingService(BillingStore& store, const Clock& clock) : store_(store), clock_(clock) {}

    Result<std::vector<Finding>> list_findings(const Actor& actor,
                                               AccountId account,
                                               const FindingFilter& filter = {});
    Result<AccountBilling> account_billing(const Actor& actor, AccountId account);
    Result<Finding> get_finding(const Actor& actor, FindingId id);
    // The open and disputed findings on the accounts `technician` owns (for the agenda).
    Result<std::vector<PendingFinding>> pending_findings(const Actor& actor, UserId technician);
    // kInvalidInput for an unknown status name; kConflict for a move not allowed. Without a
    // note (nullopt) the stored note stays; an empty one clears it.
    Result<Finding> set_finding_status(const Actor& actor,
                                       FindingId id,
                                       std::string_view status,
                                       std::optional<std::string> note = std::nullopt);
    Result<ReviewResult> run_review(const Actor& actor,
                                    AccountId account,
                                    const ReviewInput& input,
                                    const ReviewSettings& settings = {});

    // Field verification (B2): records `result` (a TestResult name) for `number` on a site of
    // the account, now, by the actor. kNotFound for a site or line of another account;
    // kInvalidInput naming "result", "number" or "measured_mbps".
    Result<FieldVerification> record_verification(const Actor& actor,
                                                  AccountId account,
                                                  SiteId site,
                                                  std::optional<LineId> line,
                                                  std::string number,
                                                  std::string_view result,
                                                  std::optional<double> measured_mbps = {});
    // Oldest first.
    Result<std::vector<FieldVerification>> list_verifications(const Actor& actor,
                                                              AccountId account);

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
