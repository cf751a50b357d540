// One progress line on stderr for long CLI runs (`hover review`, `hover import`, `hover export`):
//   Importing [########------------]  42%  1.1 GB / 2.5 GB  85.0 MB/s  12,345 rows  0:07 left
// Drawn only when stderr is a terminal, at most ten times a second; finish() clears it.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace hover::cli {

class ProgressBar {
public:
    explicit ProgressBar(std::string verb);

    // bytes_total 0 = unknown size (no bar, no time left); rows < 0 = rows not counted.
    void update(std::uint64_t bytes_done, std::uint64_t bytes_total, std::int64_t rows = -1);
    void finish();

    // The line update() draws, without the leading carriage return (for tests).
    static std::string format_line(const std::string& verb,
                                   double seconds,
                                   std::uint64_t bytes_done,
                                   std::uint64_t bytes_total,
                                   std::int64_t rows);

private:
    std::string verb_;
    bool enabled_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_{};
};

// "1.1 GB", "850 B": powers of 1000.
std::string human_bytes(double bytes);

}  // namespace hover::cli
