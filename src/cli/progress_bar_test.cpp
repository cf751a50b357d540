#include "cli/progress_bar.hpp"

#include <gtest/gtest.h>

namespace hover::cli {
namespace {

// REQ: B6, R8 (progress with bytes, rate, rows and time left)
TEST(ProgressBar, ShowsBarRateRowsAndTimeLeft) {
    std::string line = ProgressBar::format_line("Importing", 2.0, 1'000'000, 4'000'000, 5000);
    EXPECT_EQ(line,
              "Importing [#####---------------]  25%  1.0 MB / 4.0 MB  500.0 KB/s  "
              "5000 rows (2500/s)  0:06 left");
}

TEST(ProgressBar, UnknownSizeHasNoBarNorTimeLeft) {
    std::string line = ProgressBar::format_line("Exporting", 1.0, 2'500, 0, 10);
    EXPECT_EQ(line, "Exporting  2.5 KB  2.5 KB/s  10 rows (10/s)");
}

TEST(ProgressBar, NeverPassesAHundredPercent) {
    std::string line = ProgressBar::format_line("Reading", 1.0, 5'000, 4'000, -1);
    EXPECT_NE(line.find("[####################] 100%"), std::string::npos);
    EXPECT_NE(line.find("0:00 left"), std::string::npos);
}

TEST(ProgressBar, HumanBytesUsesPowersOfAThousand) {
    EXPECT_EQ(human_bytes(850), "850 B");
    EXPECT_EQ(human_bytes(1'100'000'000), "1.1 GB");
}

}  // namespace
}  // namespace hover::cli
