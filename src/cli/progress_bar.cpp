#include "cli/progress_bar.hpp"

#include <cstdio>
#include <utility>

#include <fmt/format.h>
#include <unistd.h>

namespace hover::cli {

std::string human_bytes(double bytes) {
    const char* units[] = {"B", "KB", "MB", "GB", "TB"};
    int u = 0;
    while (bytes >= 1000 && u < 4) {
        bytes /= 1000;
        ++u;
    }
    return u == 0 ? fmt::format("{:.0f} {}", bytes, units[u])
                  : fmt::format("{:.1f} {}", bytes, units[u]);
}

ProgressBar::ProgressBar(std::string verb)
    : verb_(std::move(verb)),
      enabled_(::isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()) {}

std::string ProgressBar::format_line(const std::string& verb,
                                     double seconds,
                                     std::uint64_t bytes_done,
                                     std::uint64_t bytes_total,
                                     std::int64_t rows) {
    std::string line = verb;
    double rate = seconds > 0 ? static_cast<double>(bytes_done) / seconds : 0.0;
    if (bytes_total > 0) {
        double frac = static_cast<double>(bytes_done) / static_cast<double>(bytes_total);
        frac = frac > 1.0 ? 1.0 : frac;
        auto filled = static_cast<std::size_t>(frac * 20);
        line += fmt::format(" [{}{}] {:>3.0f}%  {} / {}", std::string(filled, '#'),
                            std::string(20 - filled, '-'), frac * 100,
                            human_bytes(static_cast<double>(bytes_done)),
                            human_bytes(static_cast<double>(bytes_total)));
    } else {
        line += fmt::format("  {}", human_bytes(static_cast<double>(bytes_done)));
    }
    line += fmt::format("  {}/s", human_bytes(rate));
    if (rows >= 0) {
        double row_rate = seconds > 0 ? static_cast<double>(rows) / seconds : 0.0;
        line += fmt::format("  {} rows ({:.0f}/s)", rows, row_rate);
    }
    if (bytes_total > 0 && bytes_done > 0 && rate > 0) {
        auto left = static_cast<std::int64_t>(
            static_cast<double>(bytes_total > bytes_done ? bytes_total - bytes_done : 0) / rate);
        line += fmt::format("  {}:{:02} left", left / 60, left % 60);
    }
    return line;
}

void ProgressBar::update(std::uint64_t bytes_done, std::uint64_t bytes_total, std::int64_t rows) {
    if (!enabled_) {
        return;
    }
    auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_ < std::chrono::milliseconds(100)) {
        return;
    }
    last_ = now;
    double seconds = std::chrono::duration<double>(now - start_).count();
    std::string line = format_line(verb_, seconds, bytes_done, bytes_total, rows);
    std::fprintf(stderr, "\r%s\033[K", line.c_str());
    std::fflush(stderr);
    drawn_ = true;
}

void ProgressBar::finish() {
    if (enabled_ && drawn_) {
        std::fputs("\r\033[K", stderr);
        std::fflush(stderr);
    }
}

}  // namespace hover::cli
