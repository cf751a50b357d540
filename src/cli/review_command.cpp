// `hover review` (DESIGN B6): see commands.hpp.
#include <chrono>
#include <cstdio>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "cli/commands.hpp"
#include "io/billing/billing_json.hpp"
#include "io/billing/review_files.hpp"
#include "reports/billing_report.hpp"

namespace hover::cli {

namespace {

std::string human_bytes(double b) {
    const char* units[] = {"B", "KB", "MB", "GB", "TB"};
    int u = 0;
    while (b >= 1000 && u < 4) {
        b /= 1000;
        ++u;
    }
    return u == 0 ? fmt::format("{:.0f} {}", b, units[u]) : fmt::format("{:.1f} {}", b, units[u]);
}

// "[########------------]  42%  1.1 GB / 2.5 GB  850.0 MB/s  1.6 s left" on one stderr line.
class ProgressBar {
public:
    ProgressBar() : start_(std::chrono::steady_clock::now()) {}
    void show(std::int64_t done, std::int64_t total) {
        double secs =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
        double frac = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
        int filled = static_cast<int>(frac * 20);
        double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
        double left = rate > 0 ? static_cast<double>(total - done) / rate : 0;
        std::string bar(static_cast<std::size_t>(filled), '#');
        bar.append(static_cast<std::size_t>(20 - filled), '-');
        std::fprintf(stderr, "\r[%s] %3d%%  %s / %s  %s/s  %.1f s left   ", bar.c_str(),
                     static_cast<int>(frac * 100), human_bytes(static_cast<double>(done)).c_str(),
                     human_bytes(static_cast<double>(total)).c_str(), human_bytes(rate).c_str(),
                     left);
        std::fflush(stderr);
        shown_ = true;
    }
    void finish() {
        if (shown_) {
            std::fprintf(stderr, "\r%80s\r", "");
            std::fflush(stderr);
        }
    }

private:
    std::chrono::steady_clock::time_point start_;
    bool shown_ = false;
};

}  // namespace

Result<Ok> run_review(const ReviewCommandOptions& options, std::ostream& out) {
    io::ReviewFiles files{options.bills, options.verified, options.cdrs, options.cdr_layout,
                          options.bandwidth};
    io::ReviewOptions ro;
    if (options.dispute_window_months < 1 || options.dispute_window_months > 120) {
        return Error::invalid("--dispute-window", "The dispute window is 1 to 120 months.");
    }
    ro.settings.dispute_window_months = options.dispute_window_months;
    ro.threads = std::max(1, options.threads);
    if (!options.bill_columns.empty()) {
        ro.bill_mapping = HOVER_TRY(io::parse_mapping(options.bill_columns));
    }
    ProgressBar bar;
    if (::isatty(STDERR_FILENO) == 1) {
        ro.progress = [&](std::int64_t done, std::int64_t total) { bar.show(done, total); };
    }
    Result<io::ReviewRun> result = io::run_review_files(files, ro);
    bar.finish();
    io::ReviewRun run = HOVER_TRY(std::move(result));

    // Unreadable rows go to stderr in every mode: a review never drops money silently.
    std::size_t listed = 0;
    for (const io::ImportProblem& p : run.problems) {
        if (listed++ < 50) {
            std::cerr << "hover: " << p.message() << '\n';
        }
    }
    if (run.problems.size() > 50) {
        std::cerr << "hover: ... " << run.problems.size() - 50 << " more problems (see --json)\n";
    }
    if (run.unread_rows > 0) {
        std::cerr << fmt::format(
            "hover: {} bill rows could not be read ({} where the amount was readable); the "
            "findings do not include them\n",
            run.unread_rows, format_money(run.unread_money));
    }

    if (!options.pdf.empty() || !options.html.empty()) {
        reports::BillingReport report =
            reports::make_billing_report(options.customer, run.result, run.suggestions,
                                         run.input.usage, options.dispute_window_months);
        if (!options.pdf.empty()) {
            HOVER_TRY(reports::write_billing_report_pdf(report, options.pdf));
        }
        if (!options.html.empty()) {
            HOVER_TRY(reports::write_text_file(options.html, reports::billing_report_html(report)));
        }
    }

    if (options.json) {
        out << io::to_json(run).dump(1) << '\n';
        return Ok{};
    }
    const billing::ReviewTotals& t = run.result.totals;
    out << fmt::format("Billing review {} .. {}\n",
                       run.result.period_start ? format_date(*run.result.period_start) : "?",
                       run.result.period_end ? format_date(*run.result.period_end) : "?");
    for (const io::InputStats& s : run.inputs) {
        out << fmt::format("  {}: {} rows, {} used, {} problems{}\n", s.file, s.rows, s.used,
                           s.problems, s.layout.empty() ? "" : " (layout " + s.layout + ")");
    }
    out << fmt::format("{} findings: {} a month, {} a year; refund to claim {}\n",
                       run.result.findings.size(), format_money(t.monthly_savings),
                       format_money(t.annual_savings), format_money(t.refund_to_claim));
    for (const billing::Finding& f : run.result.findings) {
        out << fmt::format("  {:<20} {:<14} {:>10}  {}\n", billing::to_name(f.type), f.number,
                           format_money(f.monthly_amount), f.description);
    }
    if (!run.suggestions.empty()) {
        out << "Suggestions:\n";
        for (const billing::Suggestion& s : run.suggestions) {
            out << "  " << s.text << '\n';
        }
    }
    return Ok{};
}

}  // namespace hover::cli
