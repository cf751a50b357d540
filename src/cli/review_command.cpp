// `hover review` (DESIGN B6): see commands.hpp.
#include <cstdio>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "cli/commands.hpp"
#include "cli/progress_bar.hpp"
#include "io/billing/billing_json.hpp"
#include "io/billing/review_files.hpp"
#include "reports/billing_report.hpp"

namespace hover::cli {

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
    ProgressBar bar("Reading");
    if (::isatty(STDERR_FILENO) == 1) {
        ro.progress = [&](std::int64_t done, std::int64_t total) {
            bar.update(static_cast<std::uint64_t>(done), static_cast<std::uint64_t>(total));
        };
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
