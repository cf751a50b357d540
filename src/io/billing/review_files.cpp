#include "io/billing/review_files.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include "io/billing/csv_reader.hpp"
#include "io/cdr/cdr_layout.hpp"
#include "io/cdr/cdr_number_scan.hpp"

namespace hover::io {

namespace {

Date date_from_days(std::int32_t days) {
    return Date{std::chrono::sys_days{std::chrono::days{days}}};
}

Result<std::string> read_head(const std::string& path, std::size_t n) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return Error{ErrorCode::kNotFound, "The CDR file " + path + " could not be opened.",
                     path + ": " + std::strerror(errno), "cdr"};
    }
    std::string head(n, '\0');
    ssize_t got = ::pread(fd, head.data(), n, 0);
    ::close(fd);
    head.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
    return head;
}

Result<std::vector<billing::DeliveredBandwidth>> read_bandwidth(const std::string& path) {
    std::string text = HOVER_TRY(read_text_file(path, "bandwidth file"));
    CsvReader csv(text);
    CsvRecord rec;
    std::vector<billing::DeliveredBandwidth> out;
    bool header = true;
    while (csv.next(rec)) {
        if (header) {
            header = false;
            continue;
        }
        if (!rec.problem.empty() || rec.fields.size() < 2) {
            return Error::invalid(path, fmt::format("{} line {}: expected service_id,"
                                                    "measured_mbps",
                                                    path, rec.line));
        }
        char* end = nullptr;
        double mbps = std::strtod(rec.fields[1].c_str(), &end);
        if (end == rec.fields[1].c_str() || mbps < 0) {
            return Error::invalid(path, fmt::format("{} line {}: \"{}\" is not a speed in Mbit/s",
                                                    path, rec.line, rec.fields[1]));
        }
        out.push_back({rec.fields[0], mbps, {path, rec.line}});
    }
    return out;
}

}  // namespace

Result<ReviewRun> run_review_files(const ReviewFiles& files, const ReviewOptions& options) {
    ReviewRun run;
    if (files.bills.empty()) {
        return Error::invalid("--bill", "A review needs at least one bill (--bill FILE).");
    }
    for (const std::string& path : files.bills) {
        BillImportOptions bo;
        bo.mapping = options.bill_mapping;
        bo.region = options.region;
        BillImport bill = HOVER_TRY(import_bill_file(path, bo));
        InputStats s{path,
                     "",
                     bill.rows,
                     static_cast<std::int64_t>(bill.lines.size()),
                     static_cast<std::int64_t>(bill.problems.size()),
                     0,
                     0};
        run.inputs.push_back(s);
        for (ImportProblem& p : bill.problems) {
            if (!p.row_kept) {
                ++run.unread_rows;
                if (p.amount) {
                    run.unread_money += *p.amount;
                }
            }
            run.problems.push_back(std::move(p));
        }
        for (billing::BillLine& l : bill.lines) {
            run.input.bill.push_back(std::move(l));
        }
    }
    if (!files.verified.empty()) {
        VerificationImportOptions vo;
        vo.region = options.region;
        VerificationImport v = HOVER_TRY(import_verification_file(files.verified, vo));
        run.inputs.push_back({files.verified, "", v.rows,
                              v.rows - static_cast<std::int64_t>(v.problems.size()),
                              static_cast<std::int64_t>(v.problems.size()), 0, 0});
        for (ImportProblem& p : v.problems) {
            run.problems.push_back(std::move(p));
        }
        run.input.verifications = std::move(v.results);
        run.input.bandwidth = std::move(v.bandwidth);
    }
    if (!files.bandwidth.empty()) {
        for (auto& b : HOVER_TRY(read_bandwidth(files.bandwidth))) {
            run.input.bandwidth.push_back(std::move(b));
        }
    }

    std::vector<std::string> numbers =
        billing::numbers_to_track(run.input.bill, run.input.verifications);
    std::vector<std::uint64_t> keys;
    keys.reserve(numbers.size());
    for (const std::string& n : numbers) {
        keys.push_back(cdr::number_key(n));
    }
    std::vector<cdr::NumberCounters> totals(keys.size());
    std::vector<cdr::ExtensionCounters> extensions;
    billing::UsageSummary& usage = run.input.usage;
    std::int32_t first_day = INT32_MAX;
    std::int32_t last_day = INT32_MIN;
    std::int64_t all_bytes = 0;
    for (const std::string& path : files.cdrs) {
        std::error_code ec;
        auto size = std::filesystem::file_size(path, ec);
        all_bytes += ec ? 0 : static_cast<std::int64_t>(size);
    }
    std::int64_t bytes_before = 0;
    for (const std::string& path : files.cdrs) {
        std::string head = HOVER_TRY(read_head(path, 64 * 1024));
        Result<const cdr::CdrLayout*> layout = cdr::choose_layout(head, files.cdr_layout);
        if (!layout) {
            Error e = std::move(layout).error();
            // A bill or a verification sheet given as the CDR file says so.
            CsvReader csv(head);
            CsvRecord rec;
            if (files.cdr_layout.empty() && csv.next(rec)) {
                std::string f;
                for (const std::string& c : rec.fields) {
                    f += c + ",";
                }
                if (f.find("test_result") != std::string::npos) {
                    e.user_message += " " + path + " looks like a verification sheet (--verified).";
                } else if (f.find("amount") != std::string::npos ||
                           f.find("charge_type") != std::string::npos) {
                    e.user_message += " " + path + " looks like a bill (--bill).";
                }
            }
            e.user_message = path + ": " + e.user_message;
            e.field = "--cdr-layout";
            return e;
        }
        // A named layout the file does not fit: say which ones would.
        if (!files.cdr_layout.empty()) {
            std::vector<const cdr::CdrLayout*> fits =
                cdr::detect_layout(head, cdr::builtin_layouts());
            bool named_fits = std::find(fits.begin(), fits.end(), *layout) != fits.end();
            if (!named_fits && !fits.empty()) {
                std::string names;
                for (std::size_t i = 0; i < fits.size(); ++i) {
                    names += i == 0 ? "" : (i + 1 == fits.size() ? " or " : ", ");
                    names += fits[i]->name;
                }
                return Error::invalid(
                    "--cdr-layout",
                    fmt::format("{}: the records do not fit layout {}; the file fits {}. Use "
                                "--cdr-layout {}.",
                                path, files.cdr_layout, names, fits.front()->name));
            }
        }
        cdr::NumberScanOptions so;
        so.threads = options.threads;
        if (options.cdr_buffer_size > 0) {
            so.buffer_size = options.cdr_buffer_size;
        }
        if (options.progress) {
            so.progress = [&](std::int64_t done, std::int64_t) {
                options.progress(bytes_before + done, all_bytes);
            };
        }
        cdr::NumberScanResult scan = HOVER_TRY(cdr::scan_numbers(path, **layout, keys, so));
        bytes_before += scan.bytes;
        for (std::size_t i = 0; i < keys.size(); ++i) {
            cdr::NumberCounters& a = totals[i];
            const cdr::NumberCounters& b = scan.numbers[i];
            a.calls += b.calls;
            a.answered += b.answered;
            a.minutes += b.minutes;
            a.billsec += b.billsec;
            a.first_day = std::min(a.first_day, b.first_day);
            a.last_day = std::max(a.last_day, b.last_day);
        }
        for (const cdr::ExtensionCounters& e : scan.extensions) {
            extensions.push_back(e);
        }
        first_day = std::min(first_day, scan.first_day);
        last_day = std::max(last_day, scan.last_day);
        usage.records += scan.records;
        for (const cdr::CdrProblem& p : scan.problems) {
            run.problems.push_back({path, p.line, p.reason + (p.raw.empty() ? "" : ": " + p.raw),
                                    std::nullopt, false});
        }
        if (scan.problem_count > static_cast<std::int64_t>(scan.problems.size())) {
            run.problems.push_back(
                {path, 0,
                 fmt::format("{} more unreadable records not listed",
                             scan.problem_count - static_cast<std::int64_t>(scan.problems.size())),
                 std::nullopt, false});
        }
        run.inputs.push_back({path, (*layout)->name, scan.lines, scan.records, scan.problem_count,
                              scan.bytes, scan.threads_used});
    }
    if (!files.cdrs.empty()) {
        usage.available = true;
        if (first_day != INT32_MAX) {
            usage.first_day = date_from_days(first_day);
            usage.last_day = date_from_days(last_day);
        }
        for (std::size_t i = 0; i < keys.size(); ++i) {
            const cdr::NumberCounters& c = totals[i];
            if (c.calls == 0) {
                continue;
            }
            billing::NumberUsage u{c.calls,
                                   c.answered,
                                   c.minutes,
                                   c.billsec,
                                   date_from_days(c.first_day),
                                   date_from_days(c.last_day)};
            usage.numbers.emplace(numbers[i], u);
        }
        std::sort(extensions.begin(), extensions.end(),
                  [](const auto& a, const auto& b) { return a.key < b.key; });
        for (const cdr::ExtensionCounters& e : extensions) {
            std::string name = cdr::key_text(e.key);
            if (!usage.extensions.empty() && usage.extensions.back().extension == name) {
                usage.extensions.back().calls += e.calls;
                usage.extensions.back().talk_seconds += e.talk_seconds;
            } else {
                usage.extensions.push_back({name, e.calls, e.talk_seconds});
            }
        }
    }
    run.result = billing::reconcile(run.input, options.settings);
    run.suggestions = billing::usage_insight(run.input, run.result.findings, options.insight);
    return run;
}

}  // namespace hover::io
