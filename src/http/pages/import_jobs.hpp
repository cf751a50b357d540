// File: http/pages/import_jobs.hpp
//
// ImportJobs: the web app's imports run on a thread of their own, so the page can show progress
// (rows, rate, time left) while a large file is written (issue 6, R8). The commit page waits a
// moment for the job; an import that finishes within it answers at once, a longer one sends the
// browser to its progress page (/import/jobs/{token}), which refreshes itself until the result.
//
// A job belongs to the user and organisation that started it: anyone else gets nullopt (the page
// answers 404). One job runs at a time per organisation (an import is one write transaction).
// Finished jobs are kept for an hour, so the result page can be reloaded; the registry's
// destructor waits for running jobs (the server stops after its imports, which commit or roll
// back whole).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/dataio/dataio.hpp"

namespace hover::http::pages {

// What the user chose on the preview form: the kind, the upload, the mapping, the duplicates.
struct ImportChoices {
    dataio::RecordKind kind = dataio::RecordKind::kAccounts;
    std::string upload;
    std::string save_as;
    dataio::ImportRequest request;
};

struct ImportJobState {
    std::string token;
    std::string file_name;
    ImportChoices choices;
    dataio::Progress progress;
    double seconds = 0;  // since the start, or the whole run once done
    bool done = false;
    std::optional<Result<dataio::ImportReport>> outcome;  // once done
};

// "4,200 of about 12,000 rows (35 %), 2,100 rows a second, about 4 s left": what the progress page
// says. Rows are estimated from the bytes read when the file size is known.
struct ImportProgressText {
    int percent = -1;  // -1 when the size is unknown
    std::string line;
};
ImportProgressText describe_progress(const dataio::Progress& progress, double seconds);

class ImportJobs {
public:
    using Work = std::function<Result<dataio::ImportReport>(const dataio::ProgressCallback&)>;

    explicit ImportJobs(const Clock& clock) : clock_(clock) {}
    ~ImportJobs();
    ImportJobs(const ImportJobs&) = delete;
    ImportJobs& operator=(const ImportJobs&) = delete;

    static constexpr auto kKeepFinished = std::chrono::hours(1);

    // Starts `work` on its own thread; the token of the job, or kConflict when an import of this
    // organisation is still running.
    Result<std::string> start(const Actor& actor,
                              std::string file_name,
                              ImportChoices choices,
                              Work work);

    // The job `token` of this user, after waiting up to `wait` for it to finish.
    std::optional<ImportJobState> wait(const Actor& actor,
                                       const std::string& token,
                                       std::chrono::milliseconds wait);

private:
    struct Job;
    // With mutex_ held: forgets jobs finished over an hour ago and returns their threads (long
    // returned) for the caller to join after unlocking.
    std::vector<std::thread> drop_expired();
    void start_thread(const std::shared_ptr<Job>& job, Work work);

    const Clock& clock_;
    std::mutex mutex_;
    std::condition_variable finished_;
    std::map<std::string, std::shared_ptr<Job>> jobs_;
};

}  // namespace hover::http::pages
