// The import pages (DESIGN.md R8): upload a CSV or vCard file, preview it (column mapping, the
// first rows, every error, every duplicate with a choice), then commit it in one transaction.
//
// The upload is kept in memory between the preview and the commit (ImportUploads), under a random
// 32-byte token, with the organisation and user that sent it: only that user can preview it again
// or commit it (anyone else gets 404), it is dropped after a successful commit, and uploads older
// than an hour are dropped. Uploads are limited to kMaxImportBytes (16 MiB) by the pipeline
// (larger files: the CLI), and the uploads held to kMaxHeldBytes together.
//
// The commit runs as an ImportJob on its own thread (import_jobs.hpp): the page waits
// PageOptions::import_wait for it, then either shows the result or sends the browser to the
// job's progress page, /import/jobs/{token}, which refreshes itself every second until the end.
#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <sodium.h>

#include "app/app.hpp"
#include "domain/dataio/dataio_service.hpp"
#include "http/pages/forms.hpp"
#include "http/pages/html.hpp"
#include "http/pages/import_jobs.hpp"
#include "http/pages/pages.hpp"
#include "io/csv/csv_reader.hpp"

namespace hover::http::pages {

using dataio::ImportMode;
using dataio::ImportReport;
using dataio::OnDuplicate;
using dataio::RecordKind;

// Uploads waiting for their commit. Thread-safe; in memory (a restart loses them: the user
// uploads again).
class ImportUploads {
public:
    struct Upload {
        OrgId org;
        UserId user;
        std::string file_name;
        std::string bytes;
        Timestamp stored;
    };

    explicit ImportUploads(const Clock& clock) : clock_(clock) {}

    static constexpr auto kLifetime = std::chrono::hours(1);
    static constexpr std::size_t kMaxUploads = 64;
    static constexpr std::size_t kMaxHeldBytes = std::size_t{128} << 20;  // 8 uploads of 16 MiB

    std::string put(const Actor& actor, std::string file_name, std::string bytes) {
        unsigned char raw[32];
        randombytes_buf(raw, sizeof raw);
        char hex[sizeof raw * 2 + 1];
        sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
        std::lock_guard lock(mutex_);
        drop_expired();
        // The oldest uploads make room: at most kMaxUploads, and kMaxHeldBytes together.
        auto held = [&] {
            std::size_t total = bytes.size();
            for (const auto& [token, upload] : uploads_) {
                total += upload->bytes.size();
            }
            return total;
        };
        while (!uploads_.empty() && (uploads_.size() >= kMaxUploads || held() > kMaxHeldBytes)) {
            auto oldest = std::min_element(
                uploads_.begin(), uploads_.end(),
                [](const auto& a, const auto& b) { return a.second->stored < b.second->stored; });
            uploads_.erase(oldest);
        }
        uploads_[hex] = std::make_shared<const Upload>(Upload{
            actor.org_id, actor.user_id, std::move(file_name), std::move(bytes), clock_.now()});
        return hex;
    }

    // The upload `token` of this user of this organisation; nullptr for anything else. Shared:
    // an import still reading it keeps it even when it is dropped here.
    std::shared_ptr<const Upload> get(const Actor& actor, const std::string& token) {
        std::lock_guard lock(mutex_);
        drop_expired();
        auto it = uploads_.find(token);
        if (it == uploads_.end() || it->second->org != actor.org_id ||
            it->second->user != actor.user_id) {
            return nullptr;
        }
        return it->second;
    }

    void remove(const std::string& token) {
        std::lock_guard lock(mutex_);
        uploads_.erase(token);
    }

private:
    void drop_expired() {
        Timestamp now = clock_.now();
        std::erase_if(uploads_,
                      [now](const auto& entry) { return now - entry.second->stored > kLifetime; });
    }

    const Clock& clock_;
    std::mutex mutex_;
    std::map<std::string, std::shared_ptr<const Upload>> uploads_;
};

Pages::Pages(App& app, PageOptions options)
    : app_(app),
      options_(options),
      uploads_(std::make_unique<ImportUploads>(app.clock())),
      jobs_(std::make_unique<ImportJobs>(app.clock())) {}
Pages::~Pages() = default;

namespace {

Result<Ok> require_importer(const Actor& actor) {
    if (actor.role == Role::kTechnician) {
        return Error{ErrorCode::kPermissionDenied,
                     "Only admins and managers import data. Ask your manager."};
    }
    return Ok{};
}

bool is_vcard(std::string_view file_name) {
    auto dot = file_name.rfind('.');
    if (dot == std::string_view::npos) {
        return false;
    }
    std::string ext(file_name.substr(dot + 1));
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == "vcf" || ext == "vcard";
}

ViewList kind_options(RecordKind chosen) {
    ViewList out;
    for (RecordKind kind : dataio::all_kinds()) {
        out.push_back(ViewMap{{"value", std::string(dataio::kind_name(kind))},
                              {"label", humanize(dataio::kind_name(kind))},
                              {"selected", kind == chosen}});
    }
    return out;
}

ViewList duplicate_options(OnDuplicate chosen) {
    ViewList out;
    for (auto [value, label] : {std::pair{OnDuplicate::kAsk, "Choose…"},
                                std::pair{OnDuplicate::kUpdate, "Update the existing record"},
                                std::pair{OnDuplicate::kSkip, "Skip this row"},
                                std::pair{OnDuplicate::kCreate, "Create a new record anyway"}}) {
        out.push_back(ViewMap{{"value", std::string(dataio::duplicate_name(value))},
                              {"label", std::string(label)},
                              {"selected", value == chosen}});
    }
    return out;
}

ViewList problems_view(const std::vector<dataio::Problem>& problems) {
    ViewList out;
    for (const auto& p : problems) {
        out.push_back(ViewMap{{"where", p.where},
                              {"row", std::to_string(p.row)},
                              {"column", p.column},
                              {"message", p.message}});
    }
    return out;
}

using Choices = ImportChoices;

Result<Choices> read_choices(App& app, const PageCall& call) {
    Choices c;
    c.kind = HOVER_TRY(dataio::parse_kind(form_value(call.form, "kind")));
    c.request.kind = c.kind;
    c.upload = form_value(call.form, "upload");
    c.save_as = form_value(call.form, "save_as");
    // A saved mapping first; the columns on the form (header_N -> column_N) over it.
    std::string saved = form_value(call.form, "mapping");
    if (!saved.empty()) {
        auto loaded = app.dataio().load_mapping(call.actor(), c.kind, saved);
        if (!loaded && loaded.error().code == ErrorCode::kNotFound) {
            return Error::invalid(
                "mapping", fmt::format("There is no saved mapping \"{}\" for {}: choose the kind "
                                       "it was saved for (the list groups them by kind), or none.",
                                       saved, dataio::kind_name(c.kind)));
        }
        c.request.mapping = HOVER_TRY(std::move(loaded));
    }
    // One pass over the form (a posted form can hold many thousand fields).
    std::map<std::string, std::string> columns;
    for (const auto& [name, value] : call.form) {
        if (name.starts_with("column_")) {
            columns.emplace(name.substr(7), value);
        }
    }
    for (const auto& [name, header] : call.form) {
        if (name.starts_with("header_")) {
            auto column = columns.find(name.substr(7));
            c.request.mapping.columns[header] = column != columns.end() ? column->second : "";
        }
    }
    std::string on_duplicate = form_value(call.form, "on_duplicate");
    if (!on_duplicate.empty()) {
        c.request.on_duplicate = HOVER_TRY(dataio::parse_on_duplicate(on_duplicate));
    }
    for (const auto& [name, value] : call.form) {
        if (name.starts_with("duplicate_") && !value.empty() && value != "ask") {
            std::int64_t row = 0;
            try {
                row = std::stoll(name.substr(10));
            } catch (const std::exception&) {
                return Error::invalid(name, "This duplicate choice names no row. Preview again.");
            }
            c.request.row_choices[row] = HOVER_TRY(dataio::parse_on_duplicate(value));
        }
    }
    return c;
}

Result<ImportReport> run_import(App& app,
                                const Actor& actor,
                                const ImportUploads::Upload& upload,
                                dataio::ImportRequest request,
                                ImportMode mode) {
    request.file_name = upload.file_name;
    if (is_vcard(upload.file_name)) {
        request.kind = RecordKind::kContacts;
        return app.dataio().import_vcard(actor, request, upload.bytes, mode);
    }
    csv::MemorySource source(upload.bytes);
    return app.dataio().import_csv(actor, request, source, mode);
}

ViewMap report_view(const ImportReport& report,
                    const Choices& choices,
                    bool vcard,
                    const std::vector<std::string>& fields) {
    ViewList columns;
    for (std::size_t i = 0; i < report.columns.size(); ++i) {
        const auto& column = report.columns[i];
        ViewList options{ViewMap{{"value", std::string()},
                                 {"label", std::string("(not imported)")},
                                 {"selected", column.field.empty()}}};
        for (const auto& field : fields) {
            options.push_back(
                ViewMap{{"value", field}, {"label", field}, {"selected", field == column.field}});
        }
        columns.push_back(ViewMap{{"index", std::to_string(i)},
                                  {"letter", column.letter},
                                  {"header", column.header},
                                  {"options", std::move(options)}});
    }
    ViewList header;
    for (const auto& h : report.header) {
        header.push_back(ViewMap{{"cell", h}});
    }
    ViewList rows;
    for (const auto& row : report.preview) {
        ViewList cells;
        for (const auto& cell : row) {
            cells.push_back(ViewMap{{"cell", cell}});
        }
        rows.push_back(ViewMap{{"cells", std::move(cells)}});
    }
    ViewList duplicates;
    for (const auto& d : report.duplicates) {
        auto chosen = choices.request.row_choices.find(d.row);
        OnDuplicate action =
            chosen != choices.request.row_choices.end() ? chosen->second : OnDuplicate::kAsk;
        duplicates.push_back(ViewMap{{"row", std::to_string(d.row)},
                                     {"existing_id", std::to_string(d.existing_id)},
                                     {"existing_name", d.existing_name},
                                     {"reason", d.reason},
                                     {"options", duplicate_options(action)}});
    }
    return ViewMap{
        {"file_name", report.file_name},
        {"kind", std::string(dataio::kind_name(choices.kind))},
        {"kind_label", humanize(dataio::kind_name(choices.kind))},
        {"upload", choices.upload},
        {"is_csv", !vcard},
        {"columns", std::move(columns)},
        {"header", std::move(header)},
        {"rows", std::move(rows)},
        {"has_rows", !report.preview.empty()},
        {"row_count", std::to_string(report.rows)},
        {"errors", problems_view(report.errors)},
        {"has_errors", !report.errors.empty()},
        {"error_count", std::to_string(report.errors.size())},
        {"warnings", problems_view(report.warnings)},
        {"has_warnings", !report.warnings.empty()},
        {"duplicates", std::move(duplicates)},
        {"has_duplicates", !report.duplicates.empty()},
        {"duplicates_total", std::to_string(report.duplicates_total)},
        {"all_duplicates", duplicate_options(choices.request.on_duplicate)},
        {"truncated", report.truncated},
        {"save_as", choices.save_as},
    };
}

}  // namespace

namespace {

// The upload form; `notice` says why it is shown again (an upload that is gone).
Result<Response> import_form_page(App& app, const PageCall& call, std::string notice, int status) {
    ViewList mappings;
    for (RecordKind kind : dataio::all_kinds()) {
        ViewList names;
        for (const auto& name : HOVER_TRY(app.dataio().list_mappings(call.actor(), kind))) {
            names.push_back(ViewMap{{"name", name}});
        }
        if (!names.empty()) {
            mappings.push_back(
                ViewMap{{"kind", humanize(dataio::kind_name(kind))}, {"names", std::move(names)}});
        }
    }
    ViewMap view{{"csrf_token", call.context.csrf_token},
                 {"kinds", kind_options(RecordKind::kAccounts)},
                 {"mappings", std::move(mappings)},
                 {"notice", std::move(notice)}};
    return html_page(layout_for(call.context, "Import"), "import", view, {}, status);
}

constexpr const char* kUploadGone =
    "This upload is not here any more (uploads are kept for an hour, until they are imported), "
    "and nothing was written. Upload the file again.";

}  // namespace

Result<Response> Pages::import_form(const PageCall& call) {
    HOVER_TRY(require_importer(call.actor()));
    return import_form_page(app_, call, "", 200);
}

Result<Response> Pages::import_preview(const PageCall& call) {
    HOVER_TRY(require_importer(call.actor()));
    Choices choices = HOVER_TRY(read_choices(app_, call));
    if (choices.upload.empty()) {
        // The first post: the file itself.
        const MultipartPart* file =
            call.parts != nullptr ? find_part(*call.parts, "file") : nullptr;
        if (file == nullptr || !file->is_file || file->body.empty()) {
            return Error::invalid("file", "Choose a CSV or .vcf file to import.");
        }
        std::string name = file->file_name.empty() ? "import.csv" : file->file_name;
        choices.upload = uploads_->put(call.actor(), name, std::string(file->body));
    }
    auto upload = uploads_->get(call.actor(), choices.upload);
    if (!upload) {
        return import_form_page(app_, call, kUploadGone, 404);
    }
    bool vcard = is_vcard(upload->file_name);
    if (vcard) {
        choices.kind = RecordKind::kContacts;  // a vCard file holds contacts, whatever was chosen
    }
    if (!choices.save_as.empty() && !vcard) {
        HOVER_TRY(app_.dataio().save_mapping(call.actor(), choices.kind, choices.save_as,
                                             choices.request.mapping));
    }
    ImportReport report =
        HOVER_TRY(run_import(app_, call.actor(), *upload, choices.request, ImportMode::kPreview));
    ViewMap view =
        report_view(report, choices, vcard, dataio::DataioService::import_fields(choices.kind));
    view["csrf_token"] = call.context.csrf_token;
    view["saved_as"] = vcard ? std::string() : choices.save_as;
    view["save_as"] = std::string();
    return html_page(layout_for(call.context, "Import preview"), "import_preview", view,
                     {"import_review"});
}

Result<Response> Pages::import_commit(const PageCall& call) {
    HOVER_TRY(require_importer(call.actor()));
    Choices choices = HOVER_TRY(read_choices(app_, call));
    auto upload = uploads_->get(call.actor(), choices.upload);
    if (!upload) {
        return import_form_page(app_, call, kUploadGone, 404);
    }
    if (is_vcard(upload->file_name)) {
        choices.kind = RecordKind::kContacts;
    }
    ImportJobs::Work work = [app = &app_, uploads = uploads_.get(), actor = call.actor(), upload,
                             request = choices.request,
                             token = choices.upload](const dataio::ProgressCallback& progress) {
        dataio::ImportRequest with_progress = request;
        with_progress.progress = progress;
        auto report = run_import(*app, actor, *upload, with_progress, ImportMode::kCommit);
        if (report && report->committed) {
            uploads->remove(token);
        }
        return report;
    };
    std::string job =
        HOVER_TRY(jobs_->start(call.actor(), upload->file_name, choices, std::move(work)));
    auto state = jobs_->wait(call.actor(), job, options_.import_wait);
    if (state && state->done) {
        return import_job_page(call, *state);
    }
    return redirect("/import/jobs/" + job);
}

Result<Response> Pages::import_job(const PageCall& call) {
    HOVER_TRY(require_importer(call.actor()));
    auto state = jobs_->wait(call.actor(), std::string(call.params.text("job")),
                             std::chrono::milliseconds(0));
    if (!state) {
        return Error{
            ErrorCode::kNotFound,
            "This import is not here any more (results are kept for an hour). Its rows "
            "are in Hover if it finished; look at the accounts, or import the file again."};
    }
    return import_job_page(call, *state);
}

// A running job: its progress, refreshed every second. A finished one: the result.
Result<Response> Pages::import_job_page(const PageCall& call, const ImportJobState& state) {
    bool vcard = is_vcard(state.file_name);
    if (!state.done) {
        ImportProgressText text = describe_progress(state.progress, state.seconds);
        ViewMap view{{"file_name", state.file_name},
                     {"kind_label", humanize(dataio::kind_name(state.choices.kind))},
                     {"line", text.line},
                     {"has_percent", text.percent >= 0},
                     {"percent", std::to_string(std::max(text.percent, 0))}};
        Layout layout = layout_for(call.context, "Importing");
        layout.refresh_seconds = 1;
        return html_page(layout, "import_progress", view, {}, 200);
    }
    ImportReport report = HOVER_TRY(*state.outcome);
    ViewMap view = report_view(report, state.choices, vcard,
                               dataio::DataioService::import_fields(state.choices.kind));
    view["csrf_token"] = call.context.csrf_token;
    view["committed"] = report.committed;
    view["created"] = std::to_string(report.created);
    view["updated"] = std::to_string(report.updated);
    view["skipped"] = std::to_string(report.skipped);
    view["seconds"] = fmt::format("{:.2f}", state.seconds);
    int status = report.committed ? 200 : 422;
    return html_page(layout_for(call.context, report.committed ? "Imported" : "Import failed"),
                     "import_result", view, {"import_review"}, status);
}

}  // namespace hover::http::pages
