// The billing review on the account page (B4, B5): findings with their money and status, moving
// a finding along, and the customer-facing report as HTML and PDF.
#include <cstdio>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <unistd.h>

#include "app/app.hpp"
#include "core/money.hpp"
#include "domain/billing/billing_service.hpp"
#include "http/pages/forms.hpp"
#include "http/pages/html.hpp"
#include "http/pages/pages.hpp"
#include "reports/billing_report.hpp"

namespace hover::http::pages {
namespace {

// The report page is a self-contained document with its own <style>: it gets a policy of its
// own that allows that inline style and still no script at all.
constexpr const char* kReportPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'none'";

}  // namespace

Result<mstch::map> Pages::billing_section(const PageCall& call, AccountId account) {
    billing::AccountBilling b = HOVER_TRY(app_.billing().account_billing(call.actor(), account));
    mstch::array findings;
    for (const auto& f : b.findings) {
        mstch::array moves;
        for (auto to : {billing::FindingStatus::kOpen, billing::FindingStatus::kDisputed,
                        billing::FindingStatus::kCredited, billing::FindingStatus::kRejected}) {
            if (billing::status_change_allowed(f.status, to)) {
                moves.push_back(mstch::map{{"value", std::string(billing::to_name(to))},
                                           {"label", humanize(billing::to_name(to))}});
            }
        }
        findings.push_back(mstch::map{
            {"id", std::to_string(f.id.value)},
            {"title", std::string(billing::finding_title(f.type))},
            {"number", f.number},
            {"description", f.description},
            {"monthly", format_money(f.monthly_amount)},
            {"refund", format_money(f.refund_estimate)},
            {"since", f.since ? format_date(*f.since) : std::string()},
            {"status", std::string(billing::to_name(f.status))},
            {"status_label", humanize(billing::to_name(f.status))},
            {"note", f.note},
            {"moves", std::move(moves)},
            {"csrf_token", call.context.csrf_token},
        });
    }
    return mstch::map{
        {"has_findings", !b.findings.empty()},
        {"findings", std::move(findings)},
        {"monthly_savings", format_money(b.totals.monthly_savings)},
        {"annual_savings", format_money(b.totals.annual_savings)},
        {"refund_to_claim", format_money(b.totals.refund_to_claim)},
    };
}

Result<Response> Pages::set_finding_status(const PageCall& call) {
    HOVER_TRY(app_.billing().get_finding(call.actor(), FindingId{call.id()}));  // 404 first
    auto finding = app_.billing().set_finding_status(call.actor(), FindingId{call.id()},
                                                     form_value(call.form, "status"),
                                                     form_value(call.form, "note"));
    if (!finding) {
        return std::move(finding).error();
    }
    return redirect(fmt::format("/accounts/{}?done=saved#billing", finding->account_id.value));
}

namespace {

Result<reports::BillingReport> account_report(App& app, const Actor& actor, AccountId id) {
    records::Account account = HOVER_TRY(app.records().get_account(actor, id));
    billing::AccountBilling b = HOVER_TRY(app.billing().account_billing(actor, id));
    return reports::make_account_report(account.name, b);
}

}  // namespace

Result<Response> Pages::billing_report(const PageCall& call) {
    auto report = HOVER_TRY(account_report(app_, call.actor(), AccountId{call.id()}));
    Response response = html_response(200, reports::billing_report_html(report));
    response.headers.set("Content-Security-Policy", kReportPolicy);
    return response;
}

Result<Response> Pages::billing_report_pdf(const PageCall& call) {
    auto report = HOVER_TRY(account_report(app_, call.actor(), AccountId{call.id()}));
    char path[] = "/tmp/hover-report-XXXXXX";
    int fd = ::mkstemp(path);
    if (fd < 0) {
        return Error::internal("cannot create a temporary file for the PDF");
    }
    ::close(fd);
    auto written = reports::write_billing_report_pdf(report, path);
    std::ifstream in(path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    std::remove(path);
    HOVER_TRY(std::move(written));
    Response response;
    response.content_type = "application/pdf";
    response.body = bytes.str();
    response.headers.set("Content-Disposition",
                         fmt::format("attachment; filename=\"billing-review-{}.pdf\"", call.id()));
    return response;
}

}  // namespace hover::http::pages
