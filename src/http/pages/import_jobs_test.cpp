#include "http/pages/import_jobs.hpp"

#include <atomic>
#include <future>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/result_matchers.hpp"

namespace hover::http::pages {
namespace {

using ::hover::testing::HasError;
using ::testing::HasSubstr;

const Timestamp kNow = parse_timestamp("2026-11-22T15:00:00Z", "now").value();
const Actor kAlice{OrgId{1}, UserId{10}, Role::kAdmin};
const Actor kAlicesColleague{OrgId{1}, UserId{11}, Role::kManager};
const Actor kBob{OrgId{2}, UserId{20}, Role::kAdmin};

dataio::ImportReport committed(std::int64_t rows) {
    dataio::ImportReport report;
    report.rows = rows;
    report.created = rows;
    report.committed = true;
    return report;
}

// REQ: R8 (progress in the web app: rows, rate, time left)
TEST(ImportProgress, SaysRowsRateAndTimeLeft) {
    auto half = describe_progress({.rows = 5000, .bytes = 500, .total_bytes = 1000}, 2.0);
    EXPECT_EQ(half.percent, 50);
    EXPECT_EQ(half.line, "5,000 of about 10,000 rows (50 %), 2,500 rows a second, about 2 s left");
    auto slow = describe_progress({.rows = 1200, .bytes = 100, .total_bytes = 1000}, 90.0);
    EXPECT_THAT(slow.line, HasSubstr("about 13 min 30 s left"));
    auto unknown = describe_progress({.rows = 1, .bytes = 10, .total_bytes = 0}, 0.1);
    EXPECT_EQ(unknown.percent, -1);
    EXPECT_EQ(unknown.line, "1 row");
    auto starting = describe_progress({}, 0.0);
    EXPECT_EQ(starting.percent, -1);
    EXPECT_EQ(starting.line, "0 rows");
    auto begun = describe_progress({.rows = 0, .bytes = 0, .total_bytes = 1000}, 0.2);
    EXPECT_EQ(begun.line, "0 rows (0 %)");
}

// REQ: R8, P4 (a running job shows its progress to its user only; the result follows)
TEST(ImportJobs, AJobReportsProgressToItsUserThenItsResult) {
    FixedClock clock(kNow);
    ImportJobs jobs(clock);
    std::promise<void> halfway;
    std::promise<void> go_on;
    auto resume = go_on.get_future().share();
    auto token =
        jobs.start(kAlice, "people.csv", {}, [&](const dataio::ProgressCallback& progress) {
            progress({.rows = 1000, .bytes = 250, .total_bytes = 1000});
            halfway.set_value();
            resume.wait();
            return Result<dataio::ImportReport>(committed(4000));
        });
    ASSERT_TRUE(token);
    halfway.get_future().wait();

    auto running = jobs.wait(kAlice, *token, std::chrono::milliseconds(0));
    ASSERT_TRUE(running);
    EXPECT_FALSE(running->done);
    EXPECT_EQ(running->file_name, "people.csv");
    EXPECT_EQ(running->progress.rows, 1000);
    EXPECT_EQ(running->progress.total_bytes, 1000u);
    // Nobody else sees it: not a colleague, not another organisation, not a wrong token.
    EXPECT_FALSE(jobs.wait(kAlicesColleague, *token, std::chrono::milliseconds(0)));
    EXPECT_FALSE(jobs.wait(kBob, *token, std::chrono::milliseconds(0)));
    EXPECT_FALSE(jobs.wait(kAlice, std::string(48, 'a'), std::chrono::milliseconds(0)));
    // One import at a time per organisation; another organisation is not held up.
    EXPECT_THAT(jobs.start(kAlicesColleague, "more.csv", {},
                           [](const dataio::ProgressCallback&) {
                               return Result<dataio::ImportReport>(committed(1));
                           }),
                HasError(ErrorCode::kConflict));
    auto other = jobs.start(kBob, "theirs.csv", {}, [](const dataio::ProgressCallback&) {
        return Result<dataio::ImportReport>(committed(2));
    });
    ASSERT_TRUE(other);

    go_on.set_value();
    auto done = jobs.wait(kAlice, *token, std::chrono::seconds(30));
    ASSERT_TRUE(done);
    ASSERT_TRUE(done->done);
    ASSERT_TRUE(done->outcome && *done->outcome);
    EXPECT_EQ((*done->outcome)->created, 4000);
    auto theirs = jobs.wait(kBob, *other, std::chrono::seconds(30));
    ASSERT_TRUE(theirs && theirs->done);

    // Kept for an hour after it finished, then forgotten.
    clock.advance(std::chrono::minutes(59));
    EXPECT_TRUE(jobs.wait(kAlice, *token, std::chrono::milliseconds(0)));
    clock.advance(std::chrono::minutes(2));
    EXPECT_FALSE(jobs.wait(kAlice, *token, std::chrono::milliseconds(0)));
}

// An import that fails (the database) reports its error as the outcome; the organisation can
// import again at once.
TEST(ImportJobs, AFailedJobKeepsItsErrorAndFreesTheOrganisation) {
    FixedClock clock(kNow);
    ImportJobs jobs(clock);
    auto token = jobs.start(kAlice, "a.csv", {}, [](const dataio::ProgressCallback&) {
        return Result<dataio::ImportReport>(
            Error{ErrorCode::kUnavailable, "The database is not answering."});
    });
    ASSERT_TRUE(token);
    auto done = jobs.wait(kAlice, *token, std::chrono::seconds(30));
    ASSERT_TRUE(done && done->done && done->outcome);
    EXPECT_THAT(*done->outcome, HasError(ErrorCode::kUnavailable));
    EXPECT_TRUE(jobs.start(kAlice, "b.csv", {}, [](const dataio::ProgressCallback&) {
        return Result<dataio::ImportReport>(committed(1));
    }));
}

// The registry waits for a running import when it is destroyed (the server stopping).
TEST(ImportJobs, DestroyingTheRegistryWaitsForRunningImports) {
    FixedClock clock(kNow);
    std::atomic<bool> finished{false};
    {
        ImportJobs jobs(clock);
        ASSERT_TRUE(jobs.start(kAlice, "a.csv", {}, [&](const dataio::ProgressCallback&) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            finished = true;
            return Result<dataio::ImportReport>(committed(1));
        }));
    }
    EXPECT_TRUE(finished);
}

}  // namespace
}  // namespace hover::http::pages
