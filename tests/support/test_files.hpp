// File: tests/support/test_files.hpp
//
// A whole file as bytes, for tests that read fixtures and golden files (empty if unreadable:
// the test's own assertions then say what was expected).
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace hover::testing {

inline std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace hover::testing
