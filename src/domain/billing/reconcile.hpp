// File: domain/billing/reconcile.hpp
//
// The reconciliation engine (DESIGN B4): a pure function from a bill, the site verification and
// the call usage to findings with evidence and money. No database, no files: the CLI
// (`hover review`) and BillingService both call it.
//
// Rules (n is a number in E.164; "the period" is the latest bill period; earlier bills only
// date the evidence back):
//   billed_not_found     n has recurring charges and its latest test is not_found; amount = the
//                        recurring total of n
//   billed_no_dial_tone  the same with no_dial_tone
//   billed_unused        recurring charges, another or no test result, and no CDR record with n
//                        on either side (only when CDRs were given)
//   unbilled_on_site     latest test working or not_in_use and no recurring charge; amount 0
//   duplicate_mrc        more than one recurring line with the same n, description and amount in
//                        one period; amount = the extra lines
//   usage_without_cdrs   usage amount > 0 and no CDR record with n; amount = the usage amount
//   usage_overbilled     usage quantity > CDR minutes > 0; amount = usage amount - minutes x the
//                        billed rate (usage amount / quantity), to the cent
//   bandwidth_overbilled a circuit billed for more Mbit/s ("... 100M") than measured; amount =
//                        its recurring amount x (billed - measured) / billed
// Minutes are ceil(billsec / 60) per CDR record. The latest test of a number wins (ties: the
// later row). Taxes and one-time charges never make a finding but count in the totals.
//
// Money: since = the first evidence (the first period the charge was billed in; for unused
// lines no earlier than the first CDR day); months = calendar months from since to the end of
// the period, at least 1, at most settings.dispute_window_months; refund = monthly x months.
//
// Example:
//   ReviewResult r = reconcile(input, ReviewSettings{.dispute_window_months = 12});
//   for (const Finding& f : r.findings) ...   // sorted by type name, then number
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/billing/billing.hpp"

namespace hover::billing {

struct ReviewResult {
    std::vector<Finding> findings;
    ReviewTotals totals;
    std::optional<Date> period_start;
    std::optional<Date> period_end;
};

// The E.164 numbers whose usage the review needs: every number billed or verified, sorted.
std::vector<std::string> numbers_to_track(const std::vector<BillLine>& bill,
                                          const std::vector<Verification>& verifications);

ReviewResult reconcile(const ReviewInput& input, const ReviewSettings& settings = {});

// Totals of findings (savings, refund, per type) and of the bill.
ReviewTotals compute_totals(const std::vector<Finding>& findings,
                            const std::vector<BillLine>& bill);

// Calendar months from `since` to `until`, counting both ends' months, at least 1, at most
// `window` (when window > 0).
int months_claimed(Date since, Date until, int window);

// The speed a description bills, in Mbit/s: "ETHERNET DEDICATED INTERNET 100M" -> 100,
// "BROADBAND 300M/30M" -> 300, "FIBER 1G" -> 1000, "T1 1.5MB" -> 1.5; nullopt when none.
std::optional<double> billed_mbps(std::string_view description);

}  // namespace hover::billing
