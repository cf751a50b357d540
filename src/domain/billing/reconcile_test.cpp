// REQ: B4 B7
#include "domain/billing/reconcile.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/billing/insight.hpp"

namespace hover::billing {
namespace {

Date d(int y, unsigned m, unsigned day) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{day}};
}

BillLine mrc(std::string e164, std::string desc, std::int64_t cents, Date start, Date end) {
    BillLine l;
    l.service_number = e164;
    l.e164 = std::move(e164);
    l.description = std::move(desc);
    l.charge_type = ChargeType::kRecurring;
    l.amount = Cents{cents};
    l.period_start = start;
    l.period_end = end;
    l.source = {"bill.csv", 2};
    return l;
}

Verification test(std::string e164, TestResult result, int day) {
    Verification v;
    v.number = e164;
    v.e164 = std::move(e164);
    v.result = result;
    v.tested_at = start_of(d(2024, 6, static_cast<unsigned>(day)));
    v.technician = "K. Patel";
    v.source = {"verified.csv", day};
    return v;
}

const Finding* find(const ReviewResult& r, FindingType type, const std::string& n) {
    for (const Finding& f : r.findings) {
        if (f.type == type && f.number == n) {
            return &f;
        }
    }
    return nullptr;
}

TEST(Reconcile, LatestTestWinsAndUnusedNeedsCdrs) {
    ReviewInput in;
    in.bill.push_back(mrc("+15550000001", "LINE", 3800, d(2024, 5, 1), d(2024, 5, 31)));
    in.bill.push_back(mrc("+15550000002", "LINE", 3800, d(2024, 5, 1), d(2024, 5, 31)));
    in.verifications.push_back(test("+15550000001", TestResult::kNotFound, 4));
    in.verifications.push_back(test("+15550000001", TestResult::kWorking, 5));  // retested
    in.verifications.push_back(test("+15550000002", TestResult::kNoDialTone, 4));
    // Without CDRs: no billed_unused for +1..01.
    ReviewResult r = reconcile(in);
    ASSERT_EQ(r.findings.size(), 1U);
    EXPECT_EQ(r.findings[0].type, FindingType::kBilledNoDialTone);
    EXPECT_EQ(r.findings[0].monthly_amount.value, 3800);
    EXPECT_FALSE(r.findings[0].evidence.empty());
    // With CDRs and no calls: billed_unused.
    in.usage.available = true;
    in.usage.records = 10;
    r = reconcile(in);
    EXPECT_NE(find(r, FindingType::kBilledUnused, "+15550000001"), nullptr);
    in.usage.numbers["+15550000001"] = NumberUsage{1, 1, 1, 30, d(2024, 5, 3), d(2024, 5, 3)};
    r = reconcile(in);
    EXPECT_EQ(find(r, FindingType::kBilledUnused, "+15550000001"), nullptr);
}

// REQ: B4 — refund = monthly x months since the first evidence, capped by the dispute window.
TEST(Reconcile, RefundCountsMonthsSinceFirstBilledCappedByTheWindow) {
    ReviewInput in;
    for (int m = 1; m <= 12; ++m) {  // 2023-07 .. 2024-06, a bill every month
        int y = m <= 6 ? 2023 : 2024;
        unsigned month = static_cast<unsigned>(m <= 6 ? m + 6 : m - 6);
        Date start = d(y, month, 1);
        Date end = Date{std::chrono::year{y} / std::chrono::month{month} / std::chrono::last};
        in.bill.push_back(mrc("+15550000003", "LINE", 4795, start, end));
    }
    in.verifications.push_back(test("+15550000003", TestResult::kNotFound, 4));
    ReviewResult r = reconcile(in, {.dispute_window_months = 12});
    ASSERT_EQ(r.findings.size(), 1U);
    const Finding& f = r.findings[0];
    EXPECT_EQ(f.monthly_amount.value, 4795);  // the current period only, not the sum of bills
    EXPECT_EQ(f.since, d(2023, 7, 1));
    EXPECT_EQ(f.months, 12);
    EXPECT_EQ(f.refund_estimate.value, 4795 * 12);
    r = reconcile(in, {.dispute_window_months = 6});
    EXPECT_EQ(r.findings[0].months, 6);
    EXPECT_EQ(r.totals.refund_to_claim.value, 4795 * 6);
    EXPECT_EQ(r.totals.annual_savings.value, 4795 * 12);
    EXPECT_EQ(months_claimed(d(2024, 5, 20), d(2024, 5, 31), 12), 1);
    EXPECT_EQ(months_claimed(d(2020, 1, 1), d(2024, 5, 31), 12), 12);
}

TEST(Reconcile, DuplicatesUsageAndUnbilled) {
    ReviewInput in;
    Date s = d(2024, 5, 1);
    Date e = d(2024, 5, 31);
    in.bill.push_back(mrc("+15550000004", "DID BLOCK", 125, s, e));
    in.bill.push_back(mrc("+15550000004", "DID BLOCK", 125, s, e));
    in.bill.push_back(mrc("+15550000004", "DID BLOCK", 125, s, e));
    BillLine usage = mrc("+15550000005", "LOCAL USAGE", 400, s, e);
    usage.charge_type = ChargeType::kUsage;
    usage.quantity_milli = 200'000;  // 200 minutes at 2 cents
    in.bill.push_back(usage);
    usage.e164 = "+15550000006";
    in.bill.push_back(usage);
    BillLine tax = mrc("", "FEDERAL USF", 999, s, e);
    tax.charge_type = ChargeType::kTaxes;
    in.bill.push_back(tax);
    in.verifications.push_back(test("+15550000004", TestResult::kWorking, 4));
    in.verifications.push_back(test("+15550000007", TestResult::kNotInUse, 4));
    in.usage.available = true;
    in.usage.numbers["+15550000004"] = NumberUsage{5, 5, 10, 600, s, e};
    in.usage.numbers["+15550000005"] = NumberUsage{30, 30, 150, 9000, s, e};
    ReviewResult r = reconcile(in);
    const Finding* dup = find(r, FindingType::kDuplicateMrc, "+15550000004");
    ASSERT_NE(dup, nullptr);
    EXPECT_EQ(dup->monthly_amount.value, 250);
    const Finding* over = find(r, FindingType::kUsageOverbilled, "+15550000005");
    ASSERT_NE(over, nullptr);
    EXPECT_EQ(over->monthly_amount.value, 100);  // 50 minutes x 2 cents
    const Finding* none = find(r, FindingType::kUsageWithoutCdrs, "+15550000006");
    ASSERT_NE(none, nullptr);
    EXPECT_EQ(none->monthly_amount.value, 400);
    const Finding* unbilled = find(r, FindingType::kUnbilledOnSite, "+15550000007");
    ASSERT_NE(unbilled, nullptr);
    EXPECT_EQ(unbilled->monthly_amount.value, 0);
    EXPECT_EQ(r.totals.billed_total.value, 3 * 125 + 400 + 400 + 999);
    EXPECT_EQ(r.totals.billed_not_numbers.value, 999);
    EXPECT_EQ(r.findings.size(), 4U);
}

TEST(Reconcile, BandwidthBilledAboveDelivered) {
    ReviewInput in;
    BillLine circuit =
        mrc("", "ETHERNET DEDICATED INTERNET 100M", 69900, d(2024, 5, 1), d(2024, 5, 31));
    circuit.service_number = "45.KXGS.123456..LY";
    in.bill.push_back(circuit);
    in.bandwidth.push_back({"45.KXGS.123456..LY", 50, {"speeds.csv", 2}});
    ReviewResult r = reconcile(in);
    ASSERT_EQ(r.findings.size(), 1U);
    EXPECT_EQ(r.findings[0].type, FindingType::kBandwidthOverbilled);
    EXPECT_EQ(r.findings[0].monthly_amount.value, 34950);
    EXPECT_EQ(billed_mbps("BROADBAND 300M/30M"), 300);
    EXPECT_EQ(billed_mbps("FIBER 1G"), 1000);
    EXPECT_EQ(billed_mbps("T1 1.5 Mbps"), 1.5);
    EXPECT_EQ(billed_mbps("DID NUMBER - BLOCK 555-201"), std::nullopt);
}

TEST(FindingStatus, MovesAlong) {
    EXPECT_TRUE(status_change_allowed(FindingStatus::kOpen, FindingStatus::kDisputed));
    EXPECT_TRUE(status_change_allowed(FindingStatus::kDisputed, FindingStatus::kCredited));
    EXPECT_TRUE(status_change_allowed(FindingStatus::kRejected, FindingStatus::kOpen));
    EXPECT_FALSE(status_change_allowed(FindingStatus::kOpen, FindingStatus::kCredited));
    EXPECT_FALSE(status_change_allowed(FindingStatus::kCredited, FindingStatus::kDisputed));
    EXPECT_EQ(to_name(FindingType::kBilledNoDialTone), "billed_no_dial_tone");
    EXPECT_EQ(parse_enum<FindingStatus>("credited", "status").value(), FindingStatus::kCredited);
}

// REQ: B7
TEST(UsageInsight, HeadsetsRarelyUsedLinesAndAnalogPools) {
    ReviewInput in;
    Date s = d(2024, 5, 1);   // a Wednesday
    Date e = d(2024, 5, 31);  // 23 working days
    in.usage.available = true;
    in.usage.first_day = s;
    in.usage.last_day = e;
    in.usage.extensions.push_back({"201", 900, 23 * 3 * 3600});  // 3 hours a working day
    in.usage.extensions.push_back({"202", 40, 23 * 600});
    in.bill.push_back(mrc("+15550000010", "DID", 125, s, e));
    in.bill.push_back(mrc("+15550000011", "BUSINESS LINE - MEASURED RATE", 3800, s, e));
    in.bill.push_back(mrc("+15550000012", "BUSINESS LINE - MEASURED RATE", 3800, s, e));
    in.usage.numbers["+15550000010"] = NumberUsage{2, 2, 3, 100, s, e};
    in.usage.numbers["+15550000011"] = NumberUsage{20, 20, 30, 1000, s, e};
    in.usage.numbers["+15550000012"] = NumberUsage{15, 15, 30, 1000, s, e};
    std::vector<Suggestion> out = usage_insight(in, {});
    auto count = [&](std::string_view kind) {
        return std::count_if(out.begin(), out.end(),
                             [&](const Suggestion& x) { return x.kind == kind; });
    };
    EXPECT_EQ(count("headset_check"), 1);
    EXPECT_EQ(count("rarely_used_line"), 1);
    EXPECT_EQ(count("consolidate_analog"), 2);
    EXPECT_EQ(out[0].subject, "201");
    EXPECT_THAT(out[0].text, ::testing::HasSubstr("3.0 hours"));
}

}  // namespace
}  // namespace hover::billing
