#include "http/pages/import_jobs.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>
#include <sodium.h>

namespace hover::http::pages {
namespace {

// 12345 -> "12,345".
std::string grouped(std::int64_t n) {
    std::string digits = std::to_string(n < 0 ? -n : n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) {
            out += ',';
        }
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

std::string duration_text(double seconds) {
    auto s = static_cast<std::int64_t>(std::ceil(seconds));
    if (s < 60) {
        return fmt::format("{} s", s);
    }
    return fmt::format("{} min {:02} s", s / 60, s % 60);
}

}  // namespace

ImportProgressText describe_progress(const dataio::Progress& p, double seconds) {
    ImportProgressText out;
    std::string rows = grouped(p.rows) + (p.rows == 1 ? " row" : " rows");
    double fraction = -1;
    if (p.total_bytes > 0) {
        fraction =
            std::clamp(static_cast<double>(p.bytes) / static_cast<double>(p.total_bytes), 0.0, 1.0);
        out.percent = static_cast<int>(fraction * 100);
        if (p.rows > 0 && fraction > 0) {
            auto estimate =
                static_cast<std::int64_t>(std::llround(static_cast<double>(p.rows) / fraction));
            rows = fmt::format("{} of about {} rows ({} %)", grouped(p.rows), grouped(estimate),
                               out.percent);
        } else {
            rows += fmt::format(" ({} %)", out.percent);
        }
    }
    out.line = rows;
    if (seconds >= 0.5 && p.rows > 0) {
        out.line += fmt::format(", {} rows a second",
                                grouped(std::llround(static_cast<double>(p.rows) / seconds)));
        if (fraction > 0 && fraction < 1) {
            out.line += ", about " + duration_text(seconds * (1 - fraction) / fraction) + " left";
        }
    }
    return out;
}

struct ImportJobs::Job {
    OrgId org;
    UserId user;
    ImportJobState state;
    std::chrono::steady_clock::time_point started;
    Timestamp finished_at{};
    std::thread thread;
};

ImportJobs::~ImportJobs() {
    std::vector<std::thread> threads;
    {
        std::lock_guard lock(mutex_);
        for (auto& [token, job] : jobs_) {
            if (job->thread.joinable()) {
                threads.push_back(std::move(job->thread));
            }
        }
    }
    for (auto& t : threads) {
        t.join();
    }
}

std::vector<std::thread> ImportJobs::drop_expired() {
    Timestamp now = clock_.now();
    std::vector<std::thread> finished;
    std::erase_if(jobs_, [&](const auto& entry) {
        Job& job = *entry.second;
        bool expired = job.state.done && now - job.finished_at > kKeepFinished;
        if (expired && job.thread.joinable()) {
            finished.push_back(std::move(job.thread));  // returned long ago: joined by the caller
        }
        return expired;
    });
    return finished;
}

namespace {

void join_all(std::vector<std::thread>& threads) {
    for (auto& t : threads) {
        t.join();
    }
}

}  // namespace

Result<std::string> ImportJobs::start(const Actor& actor,
                                      std::string file_name,
                                      ImportChoices choices,
                                      Work work) {
    unsigned char raw[24];
    randombytes_buf(raw, sizeof raw);
    char hex[sizeof raw * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
    std::string token = hex;

    auto job = std::make_shared<Job>();
    job->org = actor.org_id;
    job->user = actor.user_id;
    job->state.token = token;
    job->state.file_name = std::move(file_name);
    job->state.choices = std::move(choices);
    job->started = std::chrono::steady_clock::now();
    std::vector<std::thread> expired;
    std::optional<std::string> busy;  // the file name of the running import
    {
        std::lock_guard lock(mutex_);
        expired = drop_expired();
        for (const auto& [other_token, other] : jobs_) {
            if (other->org == actor.org_id && !other->state.done) {
                busy = other->state.file_name;
                break;
            }
        }
        if (!busy) {
            jobs_[token] = job;
            start_thread(job, std::move(work));
        }
    }
    join_all(expired);
    if (busy) {
        return Error{ErrorCode::kConflict,
                     fmt::format("An import of {} is still running in your organisation. Wait for "
                                 "it to finish, then import this file.",
                                 *busy)};
    }
    return token;
}

// With mutex_ held, so the thread is stored before anyone can join it.
void ImportJobs::start_thread(const std::shared_ptr<Job>& job, Work work) {
    job->thread = std::thread([this, job, work = std::move(work)] {
        dataio::ProgressCallback progress = [this, &job](const dataio::Progress& p) {
            std::lock_guard inner(mutex_);
            job->state.progress = p;
        };
        Result<dataio::ImportReport> outcome = work(progress);
        std::lock_guard inner(mutex_);
        job->state.outcome = std::move(outcome);
        job->state.done = true;
        job->state.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - job->started).count();
        job->finished_at = clock_.now();
        finished_.notify_all();
    });
}

std::optional<ImportJobState> ImportJobs::wait(const Actor& actor,
                                               const std::string& token,
                                               std::chrono::milliseconds wait) {
    std::vector<std::thread> expired;
    std::optional<ImportJobState> state;
    {
        std::unique_lock lock(mutex_);
        expired = drop_expired();
        auto it = jobs_.find(token);
        if (it != jobs_.end() && it->second->org == actor.org_id &&
            it->second->user == actor.user_id) {
            std::shared_ptr<Job> job = it->second;
            finished_.wait_for(lock, wait, [&] { return job->state.done; });
            state = job->state;
            if (!state->done) {
                state->seconds =
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - job->started)
                        .count();
            }
        }
    }
    join_all(expired);
    return state;
}

}  // namespace hover::http::pages
