// File: io/billing/billing_import.hpp
//
// CSV import of carrier bills (DESIGN B1) and of a technician's verification sheet (B2).
//
// Bills: one charge per row. The header row is recognised by its names (service_number, TN,
// WTN, phone...; amount, charge, total...; charge_type, type...; see kBillFieldNames in the .cpp)
// or a BillColumnMapping says which column holds what ("service_number=TN,amount=Charge Amt" by
// header name, or "service_number=3,amount=7" by 1-based position for a file without a header).
// A mapping is saved per carrier (BillingService::save_mapping; `hover review --bill-columns`).
// Required: service_number and amount. Charge types: MRC/recurring/monthly, USAGE/usage/toll,
// TAX/taxes/surcharge/fee, OCC/one_time/NRC/credit/adjustment (case-insensitive).
// Service numbers become E.164 through libphonenumber when they look like phone numbers (only
// digits and phone punctuation, at least 10 digits); anything else (a circuit id, blank on
// account-level rows) keeps an empty e164 and its money still counts.
//
// Verification sheets: header number, location, device, test_result (working, no_dial_tone,
// not_found, not_in_use; spaces or dashes accepted), tested_at ("YYYY-MM-DD HH:MM[:SS]", read as
// UTC when it carries no zone), technician, and optionally measured_mbps: a speed test's result.
// A row with a measured speed may name a circuit id instead of a number; it then only gives the
// circuit's delivered bandwidth (VerificationImport::bandwidth).
//
// A row that cannot be read becomes an ImportProblem naming the file, the line and the reason,
// with the amount when it could be read: a review reports it, never drops money silently.
// A file whose header fits the other kind (a verification sheet given as the bill) says so.
//
// Example:
//   BillImport bill = HOVER_TRY(import_bill_file("bill.csv", {}));
//   for (const ImportProblem& p : bill.problems) std::cerr << p.message() << '\n';
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "domain/billing/billing.hpp"

namespace hover::io {

struct BillColumnMapping {
    std::string carrier;
    std::map<std::string, std::string> columns;  // field -> header name or 1-based position

    friend bool operator==(const BillColumnMapping&, const BillColumnMapping&) = default;
};

// "service_number=TN,amount=Charge Amt"; fields: account, btn, service_number, description,
// charge_type, quantity, amount, period_start, period_end.
std::string format_mapping(const BillColumnMapping& mapping);
Result<BillColumnMapping> parse_mapping(std::string_view text, std::string carrier = {});

struct ImportProblem {
    std::string file;
    std::int64_t line = 0;
    std::string reason;
    std::optional<Cents> amount;  // the row's amount, when it could be read
    bool row_kept = false;        // a warning: the row was still imported

    std::string message() const;  // "bill.csv line 12: unknown charge type "XYZ" ($12.00)"
};

struct BillImportOptions {
    std::string file_name = "bill";
    std::optional<BillColumnMapping> mapping;
    std::string region = "US";
    std::optional<Date> period_start;  // for rows without a period
    std::optional<Date> period_end;
};

struct BillImport {
    std::vector<billing::BillLine> lines;
    std::vector<ImportProblem> problems;
    bool header = false;
    BillColumnMapping mapping;  // the mapping used (by header names when detected)
    std::int64_t rows = 0;      // data rows seen
};

Result<BillImport> import_bill_csv(std::string_view text, const BillImportOptions& options);
Result<BillImport> import_bill_file(const std::string& path, BillImportOptions options);

struct VerificationImportOptions {
    std::string file_name = "verification";
    std::string region = "US";
};

struct VerificationImport {
    std::vector<billing::Verification> results;
    // Rows with measured_mbps: a circuit (its id in the number column) or a line's measured
    // speed, for the bandwidth rule.
    std::vector<billing::DeliveredBandwidth> bandwidth;
    std::vector<ImportProblem> problems;
    std::int64_t rows = 0;
};

Result<VerificationImport> import_verification_csv(std::string_view text,
                                                   const VerificationImportOptions& options);
Result<VerificationImport> import_verification_file(const std::string& path,
                                                    VerificationImportOptions options);

// The E.164 form of a bill's service number, or empty when it is not a phone number.
std::string service_number_e164(std::string_view text, std::string_view region);

// Reads "12", "12.5", "1,200" into thousandths; nullopt when it is not a number.
std::optional<std::int64_t> parse_quantity_milli(std::string_view text);

}  // namespace hover::io
