// File: io/billing/review_files.hpp
//
// A whole billing review from files, without a database (DESIGN B6): reads the bills, the
// verification sheet and the CDR file, runs the reconciliation (domain/billing/reconcile.hpp)
// and the usage insight, and keeps every problem met on the way. `hover review` and the web app
// (through BillingService::run_review) both start here.
//
// The CDR layout is the one named, else the only built-in layout that fits the file's first
// 64 KiB; when none or several fit, the error says so and names them.
//
// Example:
//   ReviewFiles files{.bills = {"bill.csv"}, .verified = "verified.csv", .cdrs = {"Master.csv"}};
//   ReviewRun run = HOVER_TRY(run_review_files(files, {}));
//   run.result.findings, run.suggestions, run.problems
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/billing/insight.hpp"
#include "domain/billing/reconcile.hpp"
#include "io/billing/billing_import.hpp"

namespace hover::io {

struct ReviewFiles {
    std::vector<std::string> bills;
    std::string verified;           // may be empty: no verification
    std::vector<std::string> cdrs;  // may be empty: no call-based findings
    std::string cdr_layout;         // empty: detect
    std::string bandwidth;          // optional CSV: service_id, measured_mbps
};

struct ReviewOptions {
    billing::ReviewSettings settings;
    billing::InsightSettings insight;
    std::optional<BillColumnMapping> bill_mapping;
    std::string region = "US";
    int threads = 2;
    std::size_t cdr_buffer_size = 0;  // 0: the scanner's default (1 MiB); tests make it small
    // Progress over the CDR files: bytes done and total (all files).
    std::function<void(std::int64_t done, std::int64_t total)> progress;
};

struct InputStats {
    std::string file;
    std::string layout;  // CDR files
    std::int64_t rows = 0;
    std::int64_t used = 0;  // bill lines, verification results, CDR records
    std::int64_t problems = 0;
    std::int64_t bytes = 0;
    int threads = 0;
};

struct ReviewRun {
    billing::ReviewInput input;
    billing::ReviewResult result;
    std::vector<billing::Suggestion> suggestions;
    std::vector<ImportProblem> problems;  // every file's, in file and line order (CDR: capped)
    std::vector<InputStats> inputs;
    Cents unread_money;            // amounts of bill rows that could not be imported
    std::int64_t unread_rows = 0;  // bill rows that could not be imported (amount or not)
};

Result<ReviewRun> run_review_files(const ReviewFiles& files, const ReviewOptions& options);

}  // namespace hover::io
