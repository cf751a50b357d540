#include "core/time.hpp"

#include <gtest/gtest.h>

#include "core/clock.hpp"

namespace hover {
namespace {

TEST(Time, TimestampRoundTrips) {
    auto t = parse_timestamp("2026-11-22T10:20:05Z", "t").value();
    EXPECT_EQ(format_timestamp(t), "2026-11-22T10:20:05Z");
}

TEST(Time, EveryFieldIsZeroPaddedAtItsEdges) {
    using namespace std::chrono;
    EXPECT_EQ(format_timestamp(start_of(year{2027} / 1 / 1) - seconds{1}), "2026-12-31T23:59:59Z");
    EXPECT_EQ(format_timestamp(start_of(year{905} / 3 / 4) + hours{5} + minutes{6} + seconds{7}),
              "0905-03-04T05:06:07Z");
    EXPECT_EQ(format_date(year{2028} / 2 / 29), "2028-02-29");
    EXPECT_EQ(format_date(year{7} / 10 / 9), "0007-10-09");
    EXPECT_EQ(format_date(year{12026} / 11 / 22),
              "12026-11-22");  // outside 4 digits: as fmt writes it
}

TEST(Time, OffsetsAreConvertedToUtc) {
    EXPECT_EQ(format_timestamp(parse_timestamp("2026-11-22T04:20:00-06:00", "t").value()),
              "2026-11-22T10:20:00Z");
    EXPECT_EQ(format_timestamp(parse_timestamp("2026-11-22 23:30+0130", "t").value()),
              "2026-11-22T22:00:00Z");
    EXPECT_EQ(format_timestamp(parse_timestamp("2026-11-22T10:20:05.123Z", "t").value()),
              "2026-11-22T10:20:05Z");
    EXPECT_EQ(format_timestamp(parse_timestamp("2026-11-22", "t").value()), "2026-11-22T00:00:00Z");
}

TEST(Time, RejectsAmbiguousOrImpossibleTimesNamingTheField) {
    for (const char* bad : {"2026-11-22T10:20:00", "2026-02-30T00:00:00Z", "22/11/2026",
                            "2026-11-22T25:00:00Z", "2026-11-22T10:20:00Zjunk", ""}) {
        auto r = parse_timestamp(bad, "occurred_at");
        ASSERT_FALSE(r.has_value()) << bad;
        EXPECT_EQ(r.error().field, "occurred_at");
    }
}

TEST(Time, DatesAreCheckedForExistence) {
    EXPECT_EQ(format_date(parse_date("2028-02-29", "d").value()), "2028-02-29");
    EXPECT_FALSE(parse_date("2027-02-29", "d").has_value());
    EXPECT_FALSE(parse_date("2027-2-9", "d").has_value());
}

TEST(Clock, FixedClockIsInjectable) {
    FixedClock clock(parse_timestamp("2026-12-31T23:59:59Z", "t").value());
    EXPECT_EQ(format_date(clock.today()), "2026-12-31");
    clock.advance(std::chrono::seconds(1));
    EXPECT_EQ(format_date(clock.today()), "2027-01-01");
}

}  // namespace
}  // namespace hover
