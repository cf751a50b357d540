// File: reports/billing_report.hpp
//
// The customer-facing billing review report (DESIGN B5), as a PDF (cairo + pango) and as a
// self-contained HTML page (inline CSS and SVG chart, every text escaped). Both show the same
// things: the customer's name, the period, a summary of monthly and annual savings and the
// refund to claim, a bar chart of the monthly amount by kind of finding, the findings table
// grouped by kind (with a subtotal per kind), and the method in plain words.
//
// Example:
//   BillingReport r = make_billing_report("Acme Dental", result, suggestions, usage, 12);
//   HOVER_TRY(write_billing_report_pdf(r, "review.pdf"));
//   std::string page = billing_report_html(r);
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/billing/billing.hpp"
#include "domain/billing/billing_service.hpp"
#include "domain/billing/insight.hpp"
#include "domain/billing/reconcile.hpp"

namespace hover::reports {

struct BillingReport {
    std::string customer;
    std::optional<Date> period_start;
    std::optional<Date> period_end;
    billing::ReviewTotals totals;
    std::vector<billing::Finding> findings;  // sorted by type, then number
    std::vector<billing::Suggestion> suggestions;
    std::int64_t cdr_records = 0;
    std::optional<Date> cdr_first_day;
    std::optional<Date> cdr_last_day;
    int dispute_window_months = 12;
};

BillingReport make_billing_report(std::string customer,
                                  const billing::ReviewResult& result,
                                  const std::vector<billing::Suggestion>& suggestions,
                                  const billing::UsageSummary& usage,
                                  int dispute_window_months);

// The report of an account's stored findings (the web app's account page): open and disputed
// findings only, the period of the latest review.
BillingReport make_account_report(std::string customer,
                                  const billing::AccountBilling& billing,
                                  int dispute_window_months = 12);

// The method in plain words (one paragraph per item), shared by the PDF and the HTML.
std::vector<std::string> method_paragraphs(const BillingReport& report);

// A whole HTML document (no outside resources).
std::string billing_report_html(const BillingReport& report);

// Writes the PDF (US Letter, as many pages as the findings need). kUnavailable when the file
// cannot be written.
Result<Ok> write_billing_report_pdf(const BillingReport& report, const std::string& path);

Result<Ok> write_text_file(const std::string& path, const std::string& text);

std::string html_escape(std::string_view text);

}  // namespace hover::reports
