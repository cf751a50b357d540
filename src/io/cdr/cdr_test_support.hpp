// File: io/cdr/cdr_test_support.hpp
//
// Helpers shared by the io_cdr tests: owned copies of records (CdrRecord views die with the
// callback), reading text through the reader, and the path of ../shared/fixtures.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "io/cdr/cdr_reader.hpp"

namespace hover::cdr::testing {

struct OwnedRecord {
    std::string accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata;
    Timestamp start{};
    std::optional<Timestamp> answer;
    Timestamp end{};
    std::int64_t duration = 0;
    std::int64_t billsec = 0;
    std::string disposition, amaflags;
    std::optional<std::string> uniqueid, userfield, linkedid;
    std::optional<std::int64_t> sequence;
};

inline OwnedRecord own(const CdrRecord& r) {
    auto opt = [](const std::optional<std::string_view>& v) {
        return v ? std::optional<std::string>(std::string(*v)) : std::nullopt;
    };
    return {std::string(r.accountcode),
            std::string(r.src),
            std::string(r.dst),
            std::string(r.dcontext),
            std::string(r.clid),
            std::string(r.channel),
            std::string(r.dstchannel),
            std::string(r.lastapp),
            std::string(r.lastdata),
            r.start,
            r.answer,
            r.end,
            r.duration,
            r.billsec,
            std::string(r.disposition),
            std::string(r.amaflags),
            opt(r.uniqueid),
            opt(r.userfield),
            opt(r.linkedid),
            r.sequence};
}

struct Collected {
    std::vector<OwnedRecord> records;
    std::vector<CdrProblem> problems;
    ReadSummary summary;
    std::optional<Error> error;
};

inline Collected read_text(std::string_view text,
                           std::string_view layout_name,
                           std::size_t buffer_size = kDefaultBufferSize,
                           std::size_t chunk = 0,
                           ProblemPolicy policy = ProblemPolicy::kSkip) {
    const CdrLayout* layout = find_layout(layout_name);
    EXPECT_NE(layout, nullptr) << layout_name;
    Collected c;
    if (layout == nullptr) {
        return c;
    }
    MemoryByteSource source(text, chunk);
    CdrReader reader(source, *layout,
                     {.file_name = "Master.csv", .policy = policy, .buffer_size = buffer_size});
    Result<ReadSummary> r =
        reader.read([&](const CdrRecord& rec) { c.records.push_back(own(rec)); },
                    [&](const CdrProblem& p) { c.problems.push_back(p); });
    if (r) {
        c.summary = *r;
    } else {
        c.error = r.error();
    }
    return c;
}

// ../shared/fixtures/<sub>, or empty after GTEST_SKIP-worthy absence (CI=true: a failure).
inline std::string fixtures_dir(std::string_view sub) {
    std::filesystem::path dir =
        std::filesystem::path(HOVER_SOURCE_DIR) / ".." / "shared" / "fixtures" / sub;
    if (std::filesystem::is_directory(dir)) {
        return dir.string();
    }
    return {};
}

inline bool in_ci() {
    const char* ci = std::getenv("CI");
    return ci != nullptr && std::string_view(ci) == "true";
}

}  // namespace hover::cdr::testing

// Skips (or fails under CI=true) when ../shared/fixtures/<sub> is absent; sets `var` otherwise.
#define HOVER_CDR_FIXTURES(var, sub)                                                  \
    std::string var = ::hover::cdr::testing::fixtures_dir(sub);                       \
    if (var.empty()) {                                                                \
        if (::hover::cdr::testing::in_ci()) {                                         \
            FAIL() << "../shared/fixtures/" sub " is missing (always present in CI)"; \
        }                                                                             \
        GTEST_SKIP() << "../shared/fixtures/" sub " is absent; skipping";             \
    }
