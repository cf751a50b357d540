// The billing review on the account page (B4, B5): findings with their money and status, moving
// a finding along, and the customer-facing report as HTML and PDF.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <unistd.h>

#include "app/app.hpp"
#include "core/money.hpp"
#include "domain/billing/billing_service.hpp"
#include "domain/records/phone_number.hpp"
#include "http/pages/forms.hpp"
#include "http/pages/html.hpp"
#include "http/pages/pages.hpp"
#include "http/router.hpp"
#include "reports/billing_report.hpp"

namespace hover::http::pages {
namespace {

// The report page is a self-contained document with its own <style>: it gets a policy of its
// own that allows that inline style and still no script at all.
constexpr const char* kReportPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'none'";

}  // namespace

Result<ViewMap> Pages::billing_section(const PageCall& call, AccountId account) {
    billing::AccountBilling b = HOVER_TRY(app_.billing().account_billing(call.actor(), account));
    ViewList findings;
    for (const auto& f : b.findings) {
        ViewList moves;
        for (auto to : {billing::FindingStatus::kOpen, billing::FindingStatus::kDisputed,
                        billing::FindingStatus::kCredited, billing::FindingStatus::kRejected}) {
            if (billing::status_change_allowed(f.status, to)) {
                moves.push_back(ViewMap{{"value", std::string(billing::to_name(to))},
                                        {"label", humanize(billing::to_name(to))}});
            }
        }
        findings.push_back(ViewMap{
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
    return ViewMap{
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

// REQ: B2 (on a phone: the site's known lines and the numbers billed to the account, each with
// one-tap results, the time and the technician)
Result<Response> Pages::verify_site(const PageCall& call) {
    const Actor& actor = call.actor();
    AccountId account_id{call.id()};
    SiteId site_id{call.id("site_id")};
    records::AccountOverview o = HOVER_TRY(app_.records().account_overview(actor, account_id));
    const records::Site* site = nullptr;
    for (const auto& s : o.sites) {
        if (s.id == site_id) {
            site = &s;
        }
    }
    if (site == nullptr) {
        return Error::not_found("site");
    }
    auto tests = HOVER_TRY(app_.billing().list_verifications(actor, account_id));
    std::map<std::string, const billing::FieldVerification*> latest;  // oldest first: last wins
    for (const auto& t : tests) {
        latest[t.number] = &t;
    }
    auto findings = HOVER_TRY(app_.billing().list_findings(actor, account_id));
    std::string action =
        fmt::format("/accounts/{}/sites/{}/verify", account_id.value, site_id.value);
    auto label_of = [&](const std::string& number) {
        return !number.empty() && number.front() == '+'
                   ? records::format_phone_national(number, actor.phone_region)
                   : number;
    };
    ViewList rows;
    auto add_row = [&](const std::string& number, std::optional<LineId> line, std::string detail,
                       bool billed_only) {
        ViewList buttons;
        for (auto r : {billing::TestResult::kWorking, billing::TestResult::kNoDialTone,
                       billing::TestResult::kNotFound, billing::TestResult::kNotInUse}) {
            buttons.push_back(ViewMap{{"value", std::string(billing::to_name(r))},
                                      {"label", humanize(billing::to_name(r))}});
        }
        ViewMap row{
            {"row", std::to_string(rows.size() + 1)},
            {"label", label_of(number)},
            {"detail", std::move(detail)},
            {"billed_only", billed_only},
            {"number", number},
            {"line_id", line ? std::to_string(line->value) : std::string()},
            {"circuit", number.empty() || number.front() != '+'},
            {"action", action},
            {"csrf_token", call.context.csrf_token},
            {"buttons", std::move(buttons)},
            {"last_result", std::string("none")},
        };
        if (auto it = latest.find(number); it != latest.end()) {
            const auto& t = *it->second;
            std::string iso = format_timestamp(t.tested_at);
            row["last_result"] = std::string(billing::to_name(t.result));
            row["last_label"] = humanize(billing::to_name(t.result));
            row["last_iso"] = iso;
            row["last_when"] = iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
            row["last_by"] = t.technician.empty() ? std::string("unknown") : t.technician;
            if (t.measured_mbps_milli) {
                row["last_speed"] =
                    fmt::format("{:g}", static_cast<double>(*t.measured_mbps_milli) / 1000.0);
            }
        }
        rows.push_back(std::move(row));
    };
    std::set<std::string> known;  // every line of the account, at any site
    for (const auto& line : o.lines) {
        std::string number = line.number ? line.number->e164 : line.circuit_id;
        known.insert(number);
        if (line.site_id != site_id || number.empty()) {
            continue;
        }
        std::string detail = humanize(records::to_name(line.type));
        if (!line.carrier.empty()) {
            detail += " · " + line.carrier;
        }
        detail += " · " + humanize(records::to_name(line.status));
        add_row(number, line.id, std::move(detail), false);
    }
    // Numbers the carrier bills the account for that no site's lines account for: what the
    // technician should look for on site.
    for (const auto& f : findings) {
        if (f.type == billing::FindingType::kUnbilledOnSite || f.number.empty() ||
            known.contains(f.number)) {
            continue;
        }
        known.insert(f.number);
        add_row(f.number, std::nullopt,
                fmt::format("Billed to the account, {} a month; not a known line: {}",
                            format_money(f.monthly_amount), billing::finding_title(f.type)),
                true);
    }
    ViewMap view{
        {"account_id", std::to_string(account_id.value)},
        {"account_name", o.account.name},
        {"site_id", std::to_string(site_id.value)},
        {"site_name", site->name},
        {"rows", std::move(rows)},
    };
    return html_page(layout_for(call.context, "Verify lines at " + site->name), "verify", view);
}

// REQ: B2
Result<Response> Pages::record_verification(const PageCall& call) {
    AccountId account_id{call.id()};
    SiteId site_id{call.id("site_id")};
    std::optional<LineId> line;
    if (std::string text = form_value(call.form, "line_id"); !text.empty()) {
        auto id = parse_positive_id(text);
        if (!id) {
            return Error::invalid("line_id", "The line is not a valid id.");
        }
        line = LineId{*id};
    }
    std::optional<double> measured;
    if (std::string text = form_value(call.form, "measured_mbps"); !text.empty()) {
        char* end = nullptr;
        double v = std::strtod(text.c_str(), &end);
        if (end != text.c_str() + text.size()) {
            return Error::invalid("measured_mbps",
                                  "Give the measured speed in Mbit/s as a number, like 87.5.");
        }
        measured = v;
    }
    HOVER_TRY(app_.billing().record_verification(call.actor(), account_id, site_id, line,
                                                 form_value(call.form, "number"),
                                                 form_value(call.form, "result"), measured));
    std::string row = form_value(call.form, "row");
    bool digits = !row.empty() && row.size() < 6 &&
                  std::all_of(row.begin(), row.end(), [](char c) { return c >= '0' && c <= '9'; });
    return redirect(fmt::format("/accounts/{}/sites/{}/verify{}", account_id.value, site_id.value,
                                digits ? "#v-" + row : std::string()));
}

}  // namespace hover::http::pages
