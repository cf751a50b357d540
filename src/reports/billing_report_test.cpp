// REQ: B5
#include "reports/billing_report.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/test_time.hpp"

namespace hover::reports {
namespace {

using billing::Finding;
using billing::FindingType;
using ::testing::HasSubstr;

bool in_ci() {
    const char* ci = std::getenv("CI");
    return ci != nullptr && std::string_view(ci) == "true";
}

using hover::testing::day;

BillingReport sample() {
    billing::ReviewResult r;
    r.period_start = day("2024-05-01");
    r.period_end = day("2024-05-31");
    auto add = [&](FindingType t, const char* n, std::int64_t cents, int months) {
        Finding f;
        f.type = t;
        f.number = n;
        f.description = "<b>dead</b> & gone";
        f.monthly_amount = Cents{cents};
        f.months = months;
        f.refund_estimate = Cents{cents * months};
        f.since = day("2023-06-01");
        r.findings.push_back(f);
    };
    add(FindingType::kBilledNotFound, "+15552096245", 4795, 12);
    add(FindingType::kBilledNotFound, "+15554385663", 4795, 12);
    add(FindingType::kDuplicateMrc, "+15558227815", 125, 3);
    r.totals = billing::compute_totals(r.findings, {});
    billing::UsageSummary usage;
    usage.records = 20000;
    return make_billing_report("Prairie Dental <Clinic>", r, {}, usage, 12);
}

std::string run(const std::string& cmd) {
    std::string out;
    std::unique_ptr<FILE, int (*)(FILE*)> p(popen(cmd.c_str(), "r"), pclose);
    if (!p) {
        return out;
    }
    std::array<char, 4096> buf{};
    while (std::size_t n = std::fread(buf.data(), 1, buf.size(), p.get())) {
        out.append(buf.data(), n);
    }
    return out;
}

// The PDF read back with pdftotext shows the customer, the period and the totals.
TEST(BillingReportPdf, TotalsReadBack) {
    if (std::system("command -v pdftotext >/dev/null 2>&1") != 0) {
        if (in_ci()) {
            FAIL() << "pdftotext (poppler-utils) is missing; scripts/bootstrap.sh installs it";
        }
        GTEST_SKIP() << "pdftotext is missing";
    }
    BillingReport r = sample();
    EXPECT_EQ(r.totals.monthly_savings.value, 4795 * 2 + 125);
    std::string path = ::testing::TempDir() + "billing_report_test.pdf";
    ASSERT_TRUE(write_billing_report_pdf(r, path));
    std::string text = run("pdftotext -layout '" + path + "' -");
    EXPECT_THAT(text, HasSubstr("Prairie Dental <Clinic>"));
    EXPECT_THAT(text, HasSubstr("2024-05-01 to 2024-05-31"));
    EXPECT_THAT(text, HasSubstr("Monthly savings"));
    EXPECT_THAT(text, HasSubstr("$97.15"));     // monthly
    EXPECT_THAT(text, HasSubstr("$1,165.80"));  // annual
    EXPECT_THAT(text, HasSubstr("$1,154.55"));  // refund: 2 x 47.95 x 12 + 1.25 x 3
    EXPECT_THAT(text, HasSubstr("Billed, but not found on site (2, $95.90 a month)"));
    EXPECT_THAT(text, HasSubstr("(555) 209-6245"));
    EXPECT_THAT(text, HasSubstr("How we reviewed your bill"));
    std::filesystem::remove(path);
}

TEST(BillingReportPdf, UnwritablePathIsAnError) {
    Result<Ok> r = write_billing_report_pdf(sample(), "/nonexistent-dir/x.pdf");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
}

TEST(BillingReportHtml, SameTotalsAndEverythingEscaped) {
    std::string html = billing_report_html(sample());
    EXPECT_THAT(html, HasSubstr("Prairie Dental &lt;Clinic&gt;"));
    EXPECT_THAT(html, ::testing::Not(HasSubstr("<b>dead</b>")));
    EXPECT_THAT(html, HasSubstr("&lt;b&gt;dead&lt;/b&gt; &amp; gone"));
    EXPECT_THAT(html, HasSubstr("$97.15"));
    EXPECT_THAT(html, HasSubstr("$1,165.80"));
    EXPECT_THAT(html, HasSubstr("$1,154.55"));
    EXPECT_THAT(html, HasSubstr("<svg"));
    EXPECT_THAT(html, ::testing::Not(HasSubstr("<script")));
    EXPECT_THAT(html, ::testing::Not(HasSubstr("http")));  // no outside resources
}

// The account page's report counts only what is still to be won (open and disputed).
TEST(BillingReportHtml, AccountReportLeavesOutSettledFindings) {
    BillingReport sampled = sample();
    billing::AccountBilling account;
    account.findings = sampled.findings;
    account.findings[0].status = billing::FindingStatus::kCredited;
    account.findings[1].status = billing::FindingStatus::kDisputed;
    BillingReport r = make_account_report("Prairie Dental", account);
    EXPECT_EQ(r.findings.size(), 2U);
    EXPECT_EQ(r.totals.monthly_savings.value, 4795 + 125);
    EXPECT_THAT(billing_report_html(r), HasSubstr("$49.20"));
}

}  // namespace
}  // namespace hover::reports
