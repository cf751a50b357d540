// `hover import`, `hover export` and `hover merge` (DESIGN.md R8): the CLI over
// dataio::DataioService. Reports go to stdout; a progress bar (rows, rate, time left) goes to
// stderr when stderr is a terminal.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <unistd.h>

#include "cli/commands.hpp"
#include "cli/progress_bar.hpp"
#include "domain/dataio/dataio_service.hpp"
#include "io/csv/csv_reader.hpp"

namespace hover::cli {
namespace {

using dataio::ImportMode;
using dataio::ImportReport;

void print_report(const ImportReport& r, bool dry_run, std::ostream& out) {
    out << "Columns:\n";
    for (const auto& c : r.columns) {
        out << fmt::format("  {:<3} {:<24} -> {}\n", c.letter, c.header,
                           c.field.empty() ? "(not imported)" : c.field);
    }
    if (!r.preview.empty()) {
        out << fmt::format("First {} rows:\n", r.preview.size());
        for (const auto& row : r.preview) {
            std::string line;
            for (const auto& cell : row) {
                std::string shown = cell.size() > 24 ? cell.substr(0, 23) + "…" : cell;
                for (char& ch : shown) {
                    if (ch == '\n' || ch == '\r') {
                        ch = ' ';
                    }
                }
                line += (line.empty() ? "" : " | ") + shown;
            }
            out << "  " << line << '\n';
        }
    }
    for (const auto& w : r.warnings) {
        out << "warning: " << w.where << ": " << w.message << '\n';
    }
    for (const auto& d : r.duplicates) {
        out << fmt::format(
            "duplicate: {} row {} matches #{}{} ({}): {}\n", r.file_name, d.row, d.existing_id,
            d.existing_name.empty() ? "" : fmt::format(" \"{}\"", d.existing_name), d.reason,
            d.action == dataio::OnDuplicate::kAsk
                ? std::string("choose with --on-duplicate update|skip|create")
                : std::string(dataio::duplicate_name(d.action)));
    }
    for (const auto& e : r.errors) {
        out << "error: " << e.where << ": " << e.message << '\n';
    }
    if (r.truncated) {
        out << "The file was not checked to the end: fix these errors first.\n";
    }
    if (r.committed) {
        out << fmt::format("Imported {} rows: {} created, {} updated, {} skipped.\n", r.rows,
                           r.created, r.updated, r.skipped);
    } else if (dry_run && r.errors.empty()) {
        out << fmt::format(
            "Dry run: {} rows are ready to import ({} duplicates); nothing was "
            "written.\n",
            r.rows, r.duplicates_total);
    } else {
        out << fmt::format("{} rows read, {} errors: nothing was written.\n", r.rows,
                           r.errors.size());
    }
}

Result<std::string> read_whole(const std::string& path) {
    constexpr std::uintmax_t kMaxVcardBytes = std::uintmax_t{256} << 20;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return Error{ErrorCode::kNotFound,
                     fmt::format("There is no file {}. Check the name and the folder.", path),
                     "open failed"};
    }
    in.seekg(0, std::ios::end);
    auto size = static_cast<std::uintmax_t>(in.tellg());
    if (size > kMaxVcardBytes) {
        return Error::invalid(path,
                              "This vCard file is larger than 256 MiB. Split it and "
                              "import the parts.");
    }
    in.seekg(0);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

Result<Ok> run_import(const GlobalOptions& global,
                      const ImportCommandOptions& options,
                      std::ostream& out) {
    auto kind = HOVER_TRY(dataio::parse_kind(options.kind));
    auto app = HOVER_TRY(open_app(global));
    Actor actor = HOVER_TRY(resolve_actor(*app, global));
    auto& service = app->dataio();

    dataio::ImportRequest request;
    request.kind = kind;
    request.file_name = options.file;
    if (auto slash = options.file.rfind('/'); slash != std::string::npos) {
        request.file_name = options.file.substr(slash + 1);
    }
    if (!options.on_duplicate.empty()) {
        request.on_duplicate = HOVER_TRY(dataio::parse_on_duplicate(options.on_duplicate));
    }
    if (!options.mapping.empty()) {
        request.mapping = HOVER_TRY(service.load_mapping(actor, kind, options.mapping));
    }
    for (const auto& m : options.maps) {
        auto eq = m.rfind('=');
        if (eq == std::string::npos || eq == 0) {
            return Error::invalid("--map", fmt::format("\"{}\" is not HEADER=FIELD (for "
                                                       "example --map \"Cell phone=mobile\").",
                                                       m));
        }
        request.mapping.columns[m.substr(0, eq)] = m.substr(eq + 1);
    }
    if (!options.save_mapping.empty()) {
        HOVER_TRY(service.save_mapping(actor, kind, options.save_mapping, request.mapping));
        out << fmt::format("Saved the mapping \"{}\" for {}.\n", options.save_mapping,
                           options.kind);
    }
    ProgressBar bar(options.dry_run ? "Checking" : "Importing");
    request.progress = [&](const dataio::Progress& p) {
        bar.update(p.bytes, p.total_bytes, p.rows);
    };
    ImportMode mode = options.dry_run ? ImportMode::kPreview : ImportMode::kCommit;
    bool vcard = options.format == "vcard" ||
                 (options.format.empty() &&
                  (ends_with(options.file, ".vcf") || ends_with(options.file, ".vcard")));
    if (!options.format.empty() && options.format != "csv" && options.format != "vcard") {
        return Error::invalid("--format", "Use csv or vcard.");
    }
    ImportReport report;
    if (vcard) {
        if (kind != dataio::RecordKind::kContacts) {
            return Error::invalid("KIND",
                                  "vCard files hold contacts: use `hover import contacts`.");
        }
        std::string text = HOVER_TRY(read_whole(options.file));
        report = HOVER_TRY(service.import_vcard(actor, request, text, mode));
    } else {
        auto source = HOVER_TRY(csv::FileSource::open(options.file));
        report = HOVER_TRY(service.import_csv(actor, request, *source, mode));
    }
    bar.finish();
    print_report(report, options.dry_run, out);
    if (!report.errors.empty()) {
        Error e = Error::invalid(
            report.errors.front().where,
            fmt::format("{} {} in the file; nothing was imported. Fix {} and run the import "
                        "again.",
                        report.errors.size(), report.errors.size() == 1 ? "error" : "errors",
                        report.errors.size() == 1 ? "it" : "them"));
        return e;
    }
    return Ok{};
}

Result<Ok> run_export(const GlobalOptions& global,
                      const ExportCommandOptions& options,
                      std::ostream& out) {
    auto kind = HOVER_TRY(dataio::parse_kind(options.kind));
    if (options.format != "csv" && options.format != "vcard") {
        return Error::invalid("--format", "Use csv or vcard.");
    }
    if (options.format == "vcard" && kind != dataio::RecordKind::kContacts) {
        return Error::invalid("--format", "Only contacts can be exported as vCard.");
    }
    auto app = HOVER_TRY(open_app(global));
    Actor actor = HOVER_TRY(resolve_actor(*app, global));
    std::ofstream file;
    std::ostream* target = &out;
    if (!options.output.empty() && options.output != "-") {
        file.open(options.output, std::ios::binary | std::ios::trunc);
        if (!file) {
            return Error{ErrorCode::kUnavailable,
                         fmt::format("{} could not be written. Check the folder exists and is "
                                     "writable.",
                                     options.output),
                         "open for writing failed"};
        }
        target = &file;
    }
    ProgressBar bar("Exporting");
    auto progress = [&](const dataio::Progress& p) { bar.update(p.bytes, p.total_bytes, p.rows); };
    auto summary = options.format == "vcard"
                       ? HOVER_TRY(app->dataio().export_vcard(actor, *target, progress))
                       : HOVER_TRY(app->dataio().export_csv(actor, kind, *target, progress));
    bar.finish();
    if (file.is_open()) {
        file.close();
        if (!file) {
            return Error{
                ErrorCode::kUnavailable,
                fmt::format("{} could not be written completely (disk full?).", options.output),
                "write failed"};
        }
        fmt::print(out, "Exported {} {} to {}.\n", summary.rows, options.kind, options.output);
    }
    return Ok{};
}

Result<Ok> run_merge(const GlobalOptions& global,
                     const MergeCommandOptions& options,
                     std::ostream& out) {
    dataio::MergeKind kind;
    if (options.kind == "accounts") {
        kind = dataio::MergeKind::kAccounts;
    } else if (options.kind == "contacts") {
        kind = dataio::MergeKind::kContacts;
    } else {
        return Error::invalid("KIND", "Merge accounts or contacts.");
    }
    auto app = HOVER_TRY(open_app(global));
    Actor actor = HOVER_TRY(resolve_actor(*app, global));
    auto result = HOVER_TRY(
        app->dataio().merge(actor, kind, options.keep, options.drop,
                            options.preview ? ImportMode::kPreview : ImportMode::kCommit));
    fmt::print(out, "{} #{} \"{}\" into #{} \"{}\":\n", options.preview ? "Would merge" : "Merged",
               result.drop_id, result.drop_name, result.keep_id, result.keep_name);
    for (const auto& [what, n] : result.moves) {
        fmt::print(out, "  {:>6} {}\n", n, what);
    }
    if (options.preview) {
        fmt::print(out, "Nothing was changed (preview). Run without --preview to merge.\n");
    } else {
        fmt::print(out, "#{} is gone; everything it had is now on #{}.\n", result.drop_id,
                   result.keep_id);
    }
    return Ok{};
}

}  // namespace hover::cli
