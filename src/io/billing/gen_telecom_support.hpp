// File: io/billing/gen_telecom_support.hpp (tests only)
//
// Runs ../shared/tools/gen_telecom.py into a fresh temporary directory and reads its truth.json.
// Needs python3 and the shared tools folder: without them the test is skipped, except under
// CI=true, where it fails (both are always present in CI; python3 is in scripts/bootstrap.sh).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace hover::billing::testing {

inline bool in_ci() {
    const char* ci = std::getenv("CI");
    return ci != nullptr && std::string_view(ci) == "true";
}

inline std::string gen_telecom_script() {
    std::filesystem::path p =
        std::filesystem::path(HOVER_SOURCE_DIR) / ".." / "shared" / "tools" / "gen_telecom.py";
    return std::filesystem::exists(p) ? p.string() : std::string{};
}

inline bool have_python3() {
    return std::system("python3 -c 'import json' >/dev/null 2>&1") == 0;
}

// A generated data set in a temporary directory, removed at the end.
struct GeneratedSet {
    std::filesystem::path dir;
    nlohmann::json truth;
    std::string error;  // why it could not be made

    GeneratedSet(int lines, int cdrs, int seed) {
        dir = std::filesystem::temp_directory_path() /
              ("hover-gen-" + std::to_string(::getpid()) + "-" + std::to_string(seed) + "-" +
               std::to_string(lines) + "-" + std::to_string(cdrs));
        std::string cmd = "python3 '" + gen_telecom_script() + "' --lines " +
                          std::to_string(lines) + " --cdrs " + std::to_string(cdrs) + " --seed " +
                          std::to_string(seed) + " --out '" + dir.string() + "'";
        if (std::system(cmd.c_str()) != 0) {
            error = "gen_telecom.py failed: " + cmd;
            return;
        }
        std::ifstream in(dir / "truth.json");
        truth = nlohmann::json::parse(in);
    }
    ~GeneratedSet() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    std::string path(const char* name) const { return (dir / name).string(); }
};

}  // namespace hover::billing::testing

// Skips (or fails under CI=true) when python3 or gen_telecom.py is missing.
#define HOVER_NEED_GEN_TELECOM()                                                             \
    do {                                                                                     \
        if (::hover::billing::testing::gen_telecom_script().empty() ||                       \
            !::hover::billing::testing::have_python3()) {                                    \
            if (::hover::billing::testing::in_ci()) {                                        \
                FAIL() << "python3 and ../shared/tools/gen_telecom.py are needed (CI=true)"; \
            }                                                                                \
            GTEST_SKIP() << "python3 or ../shared/tools/gen_telecom.py is missing";          \
        }                                                                                    \
    } while (false)
