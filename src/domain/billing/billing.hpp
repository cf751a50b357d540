// File: domain/billing/billing.hpp
//
// The value types of the billing review (DESIGN B1, B2, B4): a carrier bill's lines, a
// technician's verification of each line on site, the usage found in the call detail records,
// and the findings the reconciliation (reconcile.hpp) draws from them.
//
// Numbers are E.164 ("+15551234567") once read; a bill line whose service is not a phone number
// (a circuit id, an account-level tax) keeps `e164` empty and its money still counts in the
// totals. Money is Cents; quantities are thousandths (minutes 23.5 -> 23500), never floating
// point for money.
//
// Names of the enums are the stored and JSON names (add, never rename); the finding types are
// the names `gen_telecom.py` writes in truth.json.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/time.hpp"
#include "domain/records/enums.hpp"

namespace hover {
using FindingId = Id<struct FindingTag>;
}  // namespace hover

namespace hover::billing {

enum class ChargeType : std::uint8_t { kRecurring, kUsage, kTaxes, kOneTime };
enum class TestResult : std::uint8_t { kWorking, kNoDialTone, kNotFound, kNotInUse };
enum class FindingType : std::uint8_t {
    kBilledNotFound,
    kBilledNoDialTone,
    kBilledUnused,
    kUnbilledOnSite,
    kDuplicateMrc,
    kUsageWithoutCdrs,
    kUsageOverbilled,
    kBandwidthOverbilled,
};
enum class FindingStatus : std::uint8_t { kOpen, kDisputed, kCredited, kRejected };

}  // namespace hover::billing

namespace hover::records {
template <>
struct EnumNames<billing::ChargeType> {
    static constexpr std::array<std::string_view, 4> names{"recurring", "usage", "taxes",
                                                           "one_time"};
    static constexpr std::string_view type_label = "ChargeType";
};
template <>
struct EnumNames<billing::TestResult> {
    static constexpr std::array<std::string_view, 4> names{"working", "no_dial_tone", "not_found",
                                                           "not_in_use"};
    static constexpr std::string_view type_label = "TestResult";
};
template <>
struct EnumNames<billing::FindingType> {
    static constexpr std::array<std::string_view, 8> names{
        "billed_not_found", "billed_no_dial_tone", "billed_unused",    "unbilled_on_site",
        "duplicate_mrc",    "usage_without_cdrs",  "usage_overbilled", "bandwidth_overbilled"};
    static constexpr std::string_view type_label = "FindingType";
};
template <>
struct EnumNames<billing::FindingStatus> {
    static constexpr std::array<std::string_view, 4> names{"open", "disputed", "credited",
                                                           "rejected"};
    static constexpr std::string_view type_label = "FindingStatus";
};
}  // namespace hover::records

namespace hover::billing {

using records::enum_choices;
using records::parse_enum;
using records::to_name;

// Plain words for people (report headings, the account page).
std::string_view finding_title(FindingType type);
// Where a status may go next: open -> disputed|rejected, disputed -> credited|rejected|open,
// credited and rejected -> open (reopened). Staying put is allowed.
bool status_change_allowed(FindingStatus from, FindingStatus to);

// A place in an input file, for evidence and problems.
struct SourceRef {
    std::string file;
    std::int64_t line = 0;  // from 1; 0 when not from a file
};

struct BillLine {
    std::string account;
    std::string btn;             // the billing telephone number, as on the bill
    std::string service_number;  // as on the bill
    std::string e164;            // empty: not a phone number (circuit id, account level)
    std::string description;
    ChargeType charge_type = ChargeType::kRecurring;
    std::int64_t quantity_milli = 1000;  // quantity x 1000 (minutes for usage)
    Cents amount;
    std::optional<Date> period_start;
    std::optional<Date> period_end;
    SourceRef source;
};

struct Verification {
    std::string number;  // as typed
    std::string e164;
    std::string location;
    std::string device;
    TestResult result = TestResult::kWorking;
    Timestamp tested_at{};
    std::string technician;
    SourceRef source;
};

// Usage of one number over the CDR files (calls = records with the number on either side).
struct NumberUsage {
    std::int64_t calls = 0;
    std::int64_t answered = 0;  // records with billable seconds
    std::int64_t minutes = 0;   // sum of ceil(billsec / 60) per record
    std::int64_t billsec = 0;
    std::optional<Date> first_call;
    std::optional<Date> last_call;
};

struct ExtensionUsage {
    std::string extension;
    std::int64_t calls = 0;
    std::int64_t talk_seconds = 0;
};

struct UsageSummary {
    bool available = false;  // false: no CDRs were given; no call-based findings are drawn
    std::map<std::string, NumberUsage> numbers;  // by E.164; only the numbers the review needs
    std::vector<ExtensionUsage> extensions;      // by extension
    std::optional<Date> first_day;               // the CDRs' coverage
    std::optional<Date> last_day;
    std::int64_t records = 0;
};

// A technician's one-tap test of a line on site, from the phone (B2), stored on the account.
// The latest test of a number feeds the account's next review like a verification sheet row
// (BillingService::run_review).
struct FieldVerification {
    std::int64_t id = 0;
    AccountId account_id;
    SiteId site_id;
    std::optional<LineId> line_id;
    std::string number;  // E.164, or a circuit id as on the line
    TestResult result = TestResult::kWorking;
    std::optional<std::int64_t> measured_mbps_milli;  // circuits: measured speed x 1000
    Timestamp tested_at{};
    std::optional<UserId> technician_id;
    std::string technician;  // the technician's name (listing)
    std::string site_name;   // listing
};

// A circuit's measured speed (Mbit/s downstream), to compare with the bandwidth billed.
struct DeliveredBandwidth {
    std::string service_id;  // as on the bill (circuit id) or E.164
    double measured_mbps = 0;
    SourceRef source;
};

struct Evidence {
    std::string source;  // "bill", "verification", "cdr", "bandwidth"
    std::string file;
    std::int64_t line = 0;
    std::string text;
};

struct Finding {
    FindingId id;          // 0 until stored
    AccountId account_id;  // 0 until stored
    FindingType type = FindingType::kBilledUnused;
    std::string number;  // E.164, or the circuit id for bandwidth
    std::string description;
    Cents monthly_amount;
    std::optional<Date> since;  // first evidence
    int months = 1;             // months claimed: since .. period end, capped by the window
    Cents refund_estimate;      // monthly_amount x months
    FindingStatus status = FindingStatus::kOpen;
    std::vector<Evidence> evidence;
    std::string note;                            // the user's note when moving the status
    std::optional<Timestamp> status_changed_at;  // stored findings: when the status last moved
    std::optional<Date> period_start;
    std::optional<Date> period_end;
};

struct ReviewSettings {
    int dispute_window_months = 12;
};

struct ReviewInput {
    std::vector<BillLine> bill;
    std::vector<Verification> verifications;
    UsageSummary usage;
    std::vector<DeliveredBandwidth> bandwidth;
};

struct TypeTotal {
    std::int64_t count = 0;
    Cents monthly;
    Cents refund;
};

struct ReviewTotals {
    Cents monthly_savings;  // sum of the findings' monthly amounts
    Cents annual_savings;   // x 12
    Cents refund_to_claim;  // sum of refund estimates
    std::map<FindingType, TypeTotal> by_type;
    Cents billed_total;  // every bill line, numbers or not
    std::map<ChargeType, Cents> billed_by_charge_type;
    Cents billed_not_numbers;  // lines whose service is not a phone number (circuits, account)
};

}  // namespace hover::billing
